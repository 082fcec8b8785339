"""Record real model traffic into cassettes and replay it offline, for tests and ``summarize eval``.

One VCR.py configuration serves both: requests match on method, path and JSON body (so a changed
prompt or model setting never replays a stale answer), secrets are scrubbed before anything is
written, and cassettes are YAML with readable bodies. Replay needs no server and no key: the
client talks to ``REPLAY_BASE_URL``, a host that cannot resolve, and a request without a
recording fails at once with a one-line hint on how to re-record.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import httpx2
import openai
import yaml
from openai._vendor.httpx_aiohttp import AiohttpTransport
from vcr import VCR
from vcr.cassette import Cassette
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.request import Request
from vcr.util import read_body

from summarize.exceptions import ConfigError
from summarize.prompts import Prompt, load_prompt

ROOT = Path(__file__).resolve().parent.parent
CASSETTES_DIR = ROOT / "cassettes"
EVAL_CASSETTES_DIR = CASSETTES_DIR / "eval"

REPLAY_BASE_URL = "http://replay.invalid/v1"
"""What the client is pointed at during replay; ``.invalid`` never resolves, so nothing leaks."""
RECORD_URL_ENV = "SUMMARIZE_RECORD_BASE_URL"
RECORD_MODEL_ENV = "SUMMARIZE_RECORD_MODEL"
RECORDED_MODEL = "gemma-3-270m"
"""The model the shipped cassettes were recorded with (the embedded server's alias)."""
PLACEHOLDER_KEY = "not-needed"

RECORD_MODES: tuple[str, ...] = ("none", "once", "new_episodes", "all", "rewrite")
"""VCR's modes plus pytest-recording's ``rewrite``: delete the cassette, then record it anew."""
MATCH_ON: tuple[str, ...] = ("method", "path", "json_body")
"""Host and port are left out: recordings come from a loopback server on a random port."""
RERECORD_HINT = "`scripts/record.sh` or `pytest --record-mode=rewrite`"

SECRET_HEADERS: tuple[str, ...] = (
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
)
SECRET_PATTERN = re.compile(
    r"(?<![A-Za-z0-9])sk-[A-Za-z0-9_\-]{8,}|\bBearer\s+[A-Za-z0-9._~+/=\-]{8,}", re.IGNORECASE
)
"""An API key (``sk-...``) or a bearer token anywhere in a body."""
REDACTED = "<redacted>"
_NOISY_HEADER = re.compile(r"^x-stainless-", re.IGNORECASE)
"""Client telemetry (OS, Python and SDK versions) that churns every re-record and says nothing."""


class ReplayMissError(ConfigError, openai.OpenAIError):
    """A replayed request has no recording.

    It is raised from the HTTP transport and is also an ``OpenAIError``, so the openai client
    passes it on unwrapped and the retry policy does not treat it as a flaky connection.
    """


_SECRET_HEADER_LINE = re.compile(
    r"^\s*['\"]?(" + "|".join(map(re.escape, SECRET_HEADERS)) + r")['\"]?\s*:", re.I | re.M
)


def find_secrets(text: str) -> list[str]:
    """Where a cassette's text holds something like a key, a token or a secret header.

    Only positions and kinds are returned, so a report never repeats the secret itself.
    """

    def line(match: re.Match[str]) -> int:
        return text.count("\n", 0, match.start()) + 1

    found = [f"{m.group(0)[:3]}… at line {line(m)}" for m in SECRET_PATTERN.finditer(text)]
    found += [f"{m.group(1)} header at line {line(m)}" for m in _SECRET_HEADER_LINE.finditer(text)]
    return found


def scrub_secrets(text: str) -> str:
    """Replace anything that looks like a key or bearer token."""
    return SECRET_PATTERN.sub(REDACTED, text)


def _scrub_bytes(body: bytes | str | None) -> bytes | str | None:
    if isinstance(body, bytes):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return body
        return scrub_secrets(text).encode("utf-8") if SECRET_PATTERN.search(text) else body
    if isinstance(body, str):
        return scrub_secrets(body)
    return body


def before_record_request(request: Request) -> Request:
    """Drop client telemetry headers and scrub keys from the body (also applied before matching)."""
    for name in [n for n in request.headers if _NOISY_HEADER.match(n)]:
        del request.headers[name]
    request.body = _scrub_bytes(read_body(request))
    return request


def before_record_response(response: dict[str, Any]) -> dict[str, Any]:
    """Drop cookies and account headers and scrub keys from the body before it is saved."""
    headers = response.get("headers", {})
    for name in [n for n in headers if n.lower() in SECRET_HEADERS]:
        del headers[name]
    body = response.get("body", {})
    if "string" in body:
        body["string"] = _scrub_bytes(body["string"])
    return response


_PYDANTIC_DOCS = re.compile(r"https://errors\.pydantic\.dev/[0-9][0-9.]*/")
_PYDANTIC_REPORT = re.compile(r"^\d+ validation errors? for \S+$")


def _library_neutral(text: str) -> str:
    """A validation report as the data it holds, not as one pydantic version prints it.

    A re-ask quotes pydantic's error report back to the model. Pydantic writes its own version
    into the documentation links (``errors.pydantic.dev/2.13/...``) and, across versions, lists
    the same errors in another order. Neither is a decision of ours, so matching sees the links
    without the version and the errors in sorted order; the errors themselves must still match.
    """
    text = _PYDANTIC_DOCS.sub("https://errors.pydantic.dev/*/", text)
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        if not _PYDANTIC_REPORT.match(lines[i]):
            i += 1
            continue
        entries: list[list[str]] = []
        i += 1
        while i + 1 < len(lines) and lines[i][:1] not in ("", " ") and lines[i + 1][:1] == " ":
            entry = [lines[i]]  # the field's location, then its indented message lines
            i += 1
            while i < len(lines) and lines[i][:1] == " ":
                entry.append(lines[i])
                i += 1
            entries.append(entry)
        out.extend(line for entry in sorted(entries) for line in entry)
    return "\n".join(out)


def _neutral(value: Any) -> Any:
    if isinstance(value, str):
        return _library_neutral(value) if "pydantic" in value else value
    if isinstance(value, list):
        return [_neutral(v) for v in value]
    if isinstance(value, dict):
        return {k: _neutral(v) for k, v in value.items()}
    return value


def _json_or_raw(request: Request) -> Any:
    body = read_body(request) or b""
    try:
        return _neutral(json.loads(body))
    except (ValueError, TypeError):
        return body


def json_body(r1: Request, r2: Request) -> None:
    """Bodies match when their JSON is equal (key order and spacing do not matter)."""
    a, b = _json_or_raw(r1), _json_or_raw(r2)
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        keys = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        raise AssertionError(f"the JSON bodies differ in {', '.join(keys)}")
    raise AssertionError("the bodies differ")


# -- serializer: YAML whose JSON bodies are readable objects, byte-exact on the way back ----------

_JSON_DUMP = {"ensure_ascii": False, "separators": (",", ":")}
"""The compact form OpenAI-protocol clients and llama.cpp send; other forms stay strings."""


def _fold(value: Any) -> tuple[bool, Any]:
    """(True, parsed) when the JSON text re-serializes to exactly the same text."""
    if not isinstance(value, str) or value[:1] not in ("{", "["):
        return False, value
    try:
        parsed = json.loads(value)
    except ValueError:
        return False, value
    return json.dumps(parsed, **_JSON_DUMP) == value, parsed


def _ordered(data: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    return {**{k: data[k] for k in first if k in data}, **data}


def _readable(interaction: dict[str, Any]) -> dict[str, Any]:
    request = _ordered(interaction["request"], ("method", "uri", "headers"))
    response = _ordered(interaction["response"], ("status", "headers"))
    folded, parsed = _fold(request.get("body"))
    if folded:
        del request["body"]
        request["parsed_body"] = parsed
    folded, parsed = _fold(response.get("body", {}).get("string"))
    if folded:
        del response["body"]
        response["parsed_body"] = parsed
    return {"request": request, "response": response}


def _restored(interaction: dict[str, Any]) -> dict[str, Any]:
    request, response = dict(interaction["request"]), dict(interaction["response"])
    if "parsed_body" in request:
        request["body"] = json.dumps(request.pop("parsed_body"), **_JSON_DUMP)
    if "parsed_body" in response:
        response["body"] = {"string": json.dumps(response.pop("parsed_body"), **_JSON_DUMP)}
    return {"request": request, "response": response}


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Multi-line strings (prompts, answers) as YAML block text."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


class ReadableYamlSerializer:
    """VCR serializer: JSON bodies as YAML objects instead of one long escaped line."""

    @staticmethod
    def serialize(cassette: dict[str, Any]) -> str:
        data = {**cassette, "interactions": [_readable(i) for i in cassette["interactions"]]}
        options = {"allow_unicode": True, "sort_keys": False, "width": 100}
        text = yaml.dump(data, Dumper=_Dumper, **options)
        if yaml.load(text, Loader=_Loader) != data:  # a string YAML cannot keep as a block
            text = yaml.dump(data, Dumper=_BaseDumper, **options)
        return text

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        data = yaml.load(text, Loader=_Loader) or {}
        data["interactions"] = [_restored(i) for i in data.get("interactions", [])]
        return data


# -- configuration --------------------------------------------------------------------------------


def configure_vcr(vcr: VCR) -> VCR:
    """Register our serializer (under ``yaml``) and body matcher on a VCR instance."""
    vcr.register_serializer("yaml", ReadableYamlSerializer)
    vcr.register_matcher("json_body", json_body)
    return vcr


def vcr_config() -> dict[str, Any]:
    """Keyword arguments for ``use_cassette`` (and pytest-recording's ``vcr_config`` fixture)."""
    return {
        "serializer": "yaml",
        "match_on": MATCH_ON,
        "filter_headers": list(SECRET_HEADERS),
        "before_record_request": before_record_request,
        "before_record_response": before_record_response,
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
    }


def record_base_url(model: str | None = None) -> str:
    """Where recording sends requests: ``SUMMARIZE_RECORD_BASE_URL``, else an embedded server
    for ``model`` (the recorded tests' model by default), started if needed."""
    if url := os.environ.get(RECORD_URL_ENV):
        return url.rstrip("/")
    from summarize.providers.embedded import embedded_server

    return embedded_server(model or record_model())[0]


def record_api_key() -> str:
    """The key recording sends (never saved: the header is filtered)."""
    return os.environ.get("OPENAI_API_KEY") or PLACEHOLDER_KEY


def record_model() -> str:
    """The model recorded tests ask for; set ``SUMMARIZE_RECORD_MODEL`` to record another one."""
    return os.environ.get(RECORD_MODEL_ENV) or RECORDED_MODEL


def endpoint_url(record_mode: str) -> str:
    """The base URL for a run in this mode: the placeholder in replay, a real server otherwise."""
    _check_mode(record_mode)
    return REPLAY_BASE_URL if record_mode == "none" else record_base_url()


@contextlib.contextmanager
def recording_endpoint(record_mode: str) -> Iterator[str | None]:
    """Yield the base URL for this mode and point the embedded provider at it meanwhile.

    With it, ``provider="local"`` replays without starting a server, just as ``openai`` does
    when given the yielded URL. Recording without ``SUMMARIZE_RECORD_BASE_URL`` yields None and
    leaves the embedded provider alone: it starts the server of the model each prompt is
    written for, as a user's run would.
    """
    _check_mode(record_mode)
    if record_mode != "none" and not os.environ.get(RECORD_URL_ENV):
        yield None
        return
    url = endpoint_url(record_mode)
    with mock.patch.dict(os.environ, {"SUMMARIZE_EMBEDDED_URL": url}):
        yield url


def _check_mode(record_mode: str) -> None:
    if record_mode not in RECORD_MODES:
        raise ConfigError(
            f"unknown record mode {record_mode!r}; choose one of: {', '.join(RECORD_MODES)}"
        )


# -- cassettes ------------------------------------------------------------------------------------


def _shown(path: str | Path) -> str:
    path = Path(path)
    with contextlib.suppress(ValueError):
        return str(path.resolve().relative_to(ROOT))
    return str(path)


_REASONS = {
    "cassette_not_found": "the cassette does not exist",
    "already_played": "the pipeline sent more requests than were recorded",
    "nothing_similar": "nothing like it was recorded",
}


def miss_message(exc: CannotOverwriteExistingCassetteException, rerecord: str) -> str:
    """One line: which request had no recording, why, and how to record it."""
    request = exc.failed_request
    why = _REASONS.get(exc.reason, "it differs from every recorded request")
    if exc.reason == "no_match" and exc.similar_requests:
        failed = exc.similar_requests[0][2]
        details = "; ".join((message or name).splitlines()[0] for name, message in failed)
        why = f"the closest recording differs: {details} (prompt, model or settings changed?)"
    return (
        f"no recorded response for {request.method} {urlsplit(request.uri).path} in "
        f"{_shown(exc.cassette._path)}: {why}; re-record with {rerecord} against a running server"
    )


@contextlib.contextmanager
def _misses_raise(rerecord: str) -> Iterator[list[str]]:
    """Turn VCR's replay miss into ReplayMissError inside the (already patched) transports.

    Yields the list of miss messages so far, for callers whose code swallows the error.
    """
    async_transports = (httpx2.AsyncHTTPTransport, AiohttpTransport)
    send_async = {cls: cls.handle_async_request for cls in async_transports}
    send_sync = httpx2.HTTPTransport.handle_request
    misses: list[str] = []

    def miss(exc: CannotOverwriteExistingCassetteException) -> ReplayMissError:
        misses.append(miss_message(exc, rerecord))
        return ReplayMissError(misses[-1])

    def patched_async(cls: type) -> Any:
        async def handle_async_request(self: Any, request: Any) -> Any:
            try:
                return await send_async[cls](self, request)
            except CannotOverwriteExistingCassetteException as exc:
                raise miss(exc) from exc

        return handle_async_request

    def handle_request(self: Any, request: Any) -> Any:
        try:
            return send_sync(self, request)
        except CannotOverwriteExistingCassetteException as exc:
            raise miss(exc) from exc

    with contextlib.ExitStack() as patches:
        for cls in async_transports:
            patches.enter_context(
                mock.patch.object(cls, "handle_async_request", patched_async(cls))
            )
        patches.enter_context(
            mock.patch.object(httpx2.HTTPTransport, "handle_request", handle_request)
        )
        yield misses


def replay_miss(exc: BaseException) -> ReplayMissError | None:
    """The replay miss behind an error, however many layers (openai, instructor, ours) wrap it."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ReplayMissError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def unplayed_message(cassette: Cassette, rerecord: str) -> str:
    unplayed = len(cassette) - len(cassette.play_counts)
    return (
        f"{_shown(cassette._path)}: {unplayed} of {len(cassette)} recorded responses were never "
        f"requested, so the pipeline now sends fewer requests; re-record with {rerecord}"
    )


@contextlib.contextmanager
def misses_as_errors(rerecord: str = RERECORD_HINT) -> Iterator[list[str]]:
    """Inside an active cassette: a replay miss surfaces as one ReplayMissError (a ConfigError).

    However the pipeline wraps it (openai, instructor, ProviderError), the block ends with the
    miss itself; the yielded list holds every miss message, even ones the block swallowed.
    """
    with _misses_raise(rerecord) as misses:
        try:
            yield misses
        except ReplayMissError:
            raise
        except Exception as exc:
            if miss := replay_miss(exc):
                raise ReplayMissError(str(miss)) from exc
            raise


@contextlib.contextmanager
def use_cassette(
    path: str | Path,
    record_mode: str = "none",
    *,
    rerecord: str = RERECORD_HINT,
    require_all_played: bool = True,
) -> Iterator[Cassette]:
    """Record into or replay from one cassette file.

    In replay, a request without a recording raises ReplayMissError (again on leaving the
    block, if the code inside caught it), and leaving recorded responses unrequested raises
    ConfigError (``require_all_played``): both mean the pipeline changed since the recording.
    """
    _check_mode(record_mode)
    path = Path(path)
    if record_mode == "rewrite":
        path.unlink(missing_ok=True)
        record_mode = "new_episodes"
    vcr = configure_vcr(VCR())
    with vcr.use_cassette(str(path), record_mode=record_mode, **vcr_config()) as cassette:
        with misses_as_errors(rerecord) as misses:
            yield cassette
        if misses:
            raise ReplayMissError(misses[0])
        if record_mode == "none" and require_all_played and not cassette.all_played:
            raise ConfigError(unplayed_message(cassette, rerecord))


def prompt_label(prompt: str | Prompt) -> str:
    """``deal-structured@v1``: the prompt name and version that cassette paths carry."""
    loaded = prompt if isinstance(prompt, Prompt) else load_prompt(prompt)
    return f"{loaded.name}@v{loaded.version}"


def eval_cassette_path(dataset: str, prompt: str | Prompt, article_id: str) -> Path:
    """``cassettes/eval/<dataset>/<prompt>@v<version>/<article_id>.yaml``."""
    return EVAL_CASSETTES_DIR / dataset / prompt_label(prompt) / f"{article_id}.yaml"


def article_cassette(
    dataset: str, prompt: str | Prompt, article_id: str, record_mode: str = "none"
) -> contextlib.AbstractContextManager[Cassette]:
    """Wrap one eval article's model calls in its own cassette."""
    return use_cassette(
        eval_cassette_path(dataset, prompt, article_id),
        record_mode,
        rerecord="`summarize eval --record` (or `scripts/record.sh`)",
    )


__all__ = [
    "CASSETTES_DIR",
    "MATCH_ON",
    "RECORD_MODES",
    "REPLAY_BASE_URL",
    "ReadableYamlSerializer",
    "ReplayMissError",
    "article_cassette",
    "configure_vcr",
    "endpoint_url",
    "eval_cassette_path",
    "find_secrets",
    "json_body",
    "miss_message",
    "misses_as_errors",
    "prompt_label",
    "record_api_key",
    "record_base_url",
    "record_model",
    "recording_endpoint",
    "replay_miss",
    "scrub_secrets",
    "unplayed_message",
    "use_cassette",
    "vcr_config",
]
