"""Record and replay: recorded runs of the real pipeline, and proof that replay cannot go stale.

The ``vcr`` tests replay cassettes recorded from the embedded Gemma 3 270M server through the
openai provider (``cassettes/test_recording/``); re-record them with ``scripts/record.sh``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml
from vcr import VCR
from vcr.cassette import Cassette
from vcr.request import Request

from summarize import recording
from summarize.exceptions import ConfigError, ProviderError, SummarizeError
from summarize.pipeline import Summarizer
from summarize.prompts import Prompt, load_prompt, load_prompt_file
from summarize.providers import resolve_endpoint
from summarize.schema import DealSummary
from summarize.testing import Faults, FaultServer

ACQUISITION = """Harbor Tools to buy Pine Valley Robotics

Harbor Tools Inc. and Pine Valley Robotics Ltd. said on Monday that they had agreed a deal worth \
$40 million in cash, plus up to $10 million in earn-out payments. Alder Capital advised on the \
transaction.

The deal is expected to close in the third quarter."""

FUNDING = """Quarry Bank backs Lumen Grid

Lumen Grid, a battery storage start-up, said on Tuesday it had raised $25 million in a Series B \
round led by Quarry Bank, with Fenwick Ventures also taking part, and a further $5 million from a \
state climate fund. The company was valued at $180 million."""

RECORDED = recording.CASSETTES_DIR / "test_recording"
STRUCTURED_MAX_TOKENS = 1024
FAULT_SCRIPT = ("429", "500", "ok", "ok", "ok", "ok")
"""What the fault proxy answers, in order: a rate limit, a server error, then real answers."""


def recorded_answers(cassette: Cassette) -> list[str]:
    """The model's answers in a cassette's successful completions, as the server sent them."""
    answers = []
    for response in cassette.responses:
        if response["status"]["code"] == 200:
            body = json.loads(response["body"]["string"])
            answers.append(body["choices"][0]["text"].strip())
    return answers


def summary_values(summary: DealSummary) -> set[str]:
    money = [m.text for m in (summary.amount, summary.valuation) if m is not None]
    return {p.name for p in summary.parties} | {t for t in money if t}


# -- recorded runs ------------------------------------------------------------------------------


def capped_prompt(tmp_path: Path, name: str, max_tokens: int) -> Prompt:
    """A shipped prompt with an output cap added to its settings, to bound recording time.

    JSON mode lets a base model emit whitespace until the context is full; on two CPU cores an
    uncapped re-ask took over a quarter of an hour. The template and the rest are unchanged.
    """
    source = load_prompt(name)
    _, header, body = source.path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(header)
    meta["settings"] = {**meta.get("settings", {}), "max_tokens": max_tokens}
    path = tmp_path / f"{name}.j2"
    path.write_text(f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n{body}", encoding="utf-8")
    return load_prompt_file(path)


@pytest.mark.vcr
async def test_structured_prompt_on_base_model_ends_in_provider_error(
    summarizer: Callable[..., Summarizer], vcr: Cassette, tmp_path: Path
) -> None:
    """A 270M base model cannot fill the whole schema in JSON mode; the re-ask is recorded too."""
    prompt = capped_prompt(tmp_path, "deal-structured", max_tokens=STRUCTURED_MAX_TOKENS)
    pipeline = summarizer(prompt=prompt, mode="json", grounding="off", max_reasks=1)
    with pytest.raises(ProviderError) as info:
        await pipeline.summarize(ACQUISITION)
    assert info.value.cause == "validation", str(info.value)
    assert info.value.attempts == 2
    assert len(vcr) == 2
    first = json.loads(vcr.requests[0].body)
    assert first["max_tokens"] == STRUCTURED_MAX_TOKENS
    assert first["response_format"] == {"type": "json_object"}


@pytest.mark.vcr
@pytest.mark.parametrize("article", [ACQUISITION, FUNDING], ids=["acquisition", "funding"])
async def test_embedded_prompt_summary_uses_recorded_answers(
    summarizer: Callable[..., Summarizer], vcr: Cassette, article: str
) -> None:
    pipeline = summarizer(prompt="deal-embedded", grounding="off")
    summary = await pipeline.summarize(article)
    assert summary.metadata.prompt_name == "deal-embedded"
    assert summary.metadata.requests == len(vcr) >= 1
    assert summary.metadata.attempts == summary.metadata.requests
    assert set(recorded_answers(vcr)) <= summary_values(summary)


def scripted_seed(script: tuple[str, ...], *, tries: int = 20_000) -> int:
    """A fault-server seed whose first answers follow ``script`` (``ok`` = passed through).

    The fault server draws faults at random; searching its seed keeps this test on its public
    options. Only needed while recording.
    """
    with httpx2.Client(timeout=5.0) as client:
        for seed in range(tries):
            faults = Faults(rate=0.5, mix={"429": 1, "500": 1}, retry_after_s=0, seed=seed)
            with FaultServer(faults=faults, max_lifetime_s=30) as server:
                for expected in script:
                    client.post(f"{server.url}/completions", json={"prompt": "probe"})
                    if server.events[-1].outcome != expected:
                        break
                else:
                    return seed
    raise RuntimeError(f"no seed in {tries} gives the fault script {script}")


@pytest.fixture(scope="module")
def fault_seed(record_mode: str) -> int | None:
    """Searched before any cassette is active, so the probes are not recorded."""
    return None if record_mode == "none" else scripted_seed(FAULT_SCRIPT)


@contextlib.contextmanager
def fault_proxy(seed: int | None, upstream: str) -> Iterator[str]:
    """While recording (a seed is given): a proxy that fails on cue in front of the real server."""
    if seed is None:
        yield upstream
        return
    faults = Faults(rate=0.5, mix={"429": 1, "500": 1}, retry_after_s=0, seed=seed)
    # A child process: in this one, VCR would also record the proxy's own upstream calls.
    with FaultServer(faults=faults, upstream=upstream, process=True, max_lifetime_s=600) as server:
        yield server.url


@pytest.mark.vcr
async def test_recorded_rate_limit_and_server_error_are_retried(
    summarizer: Callable[..., Summarizer],
    vcr: Cassette,
    fault_seed: int | None,
    recorded_endpoint: str,
) -> None:
    with fault_proxy(fault_seed, recorded_endpoint) as url:
        pipeline = summarizer(base_url=url, prompt="deal-embedded", grounding="off")
        summary = await pipeline.summarize(ACQUISITION)
    statuses = [response["status"]["code"] for response in vcr.responses]
    assert statuses[:3] == [429, 500, 200]
    assert summary.metadata.attempts == len(statuses)
    assert summary.metadata.requests == statuses.count(200)
    assert recorded_answers(vcr)[0] in summary_values(summary)


# -- replay is honest ---------------------------------------------------------------------------


@pytest.fixture
def replayer(summarizer: Callable[..., Summarizer]) -> Callable[..., Summarizer]:
    """Summarizers that always replay (whatever --record-mode says), for the honesty tests."""

    def make(**options: Any) -> Summarizer:
        return summarizer(base_url=recording.REPLAY_BASE_URL, grounding="off", **options)

    return make


@pytest.fixture
def recorded_copy(tmp_path: Path) -> Path:
    """A scratch copy of a recorded cassette, so a test can delete or reuse it freely."""
    source = RECORDED / "test_embedded_prompt_summary_uses_recorded_answers[acquisition].yaml"
    return Path(shutil.copy(source, tmp_path / "acquisition.yaml"))


def changed_prompt(tmp_path: Path) -> Any:
    template = load_prompt("deal-embedded").path.read_text(encoding="utf-8")
    marker = "News article:"
    assert marker in template
    path = tmp_path / "deal-embedded.j2"
    path.write_text(template.replace(marker, "News story:"), encoding="utf-8")
    return load_prompt_file(path)


async def test_unchanged_replay_passes(
    replayer: Callable[..., Summarizer], recorded_copy: Path
) -> None:
    """The control for the failures below: the same copy, unchanged, replays fine."""
    with recording.use_cassette(recorded_copy):
        summary = await replayer(prompt="deal-embedded").summarize(ACQUISITION)
    assert summary.parties


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("delete the cassette", "the cassette does not exist"),
        ("edit the prompt template", "differ in prompt"),
        ("ask another model", "differ in model"),
        ("send one request more", "more requests than were recorded"),
    ],
)
async def test_stale_replay_fails_with_rerecord_hint(
    replayer: Callable[..., Summarizer],
    recorded_copy: Path,
    tmp_path: Path,
    change: str,
    reason: str,
) -> None:
    options: dict[str, Any] = {"prompt": "deal-embedded"}
    runs = 1
    if change == "delete the cassette":
        recorded_copy.unlink()
    elif change == "edit the prompt template":
        options["prompt"] = changed_prompt(tmp_path)
    elif change == "ask another model":
        options["model"] = "gemma-3-1b"
    else:
        runs = 2
    pipeline = replayer(**options)
    with pytest.raises(recording.ReplayMissError) as info, recording.use_cassette(recorded_copy):
        for _ in range(runs):
            await pipeline.summarize(ACQUISITION)
    message = str(info.value)
    assert isinstance(info.value, ConfigError)
    assert "\n" not in message
    assert reason in message
    assert "re-record with `scripts/record.sh`" in message


async def test_a_caught_miss_still_fails_the_cassette(
    replayer: Callable[..., Summarizer], recorded_copy: Path
) -> None:
    """Code that turns errors into data (the eval runner does) cannot hide a replay miss."""
    pipeline = replayer(prompt="deal-embedded", model="gemma-3-1b")
    with (
        pytest.raises(recording.ReplayMissError, match="differ in model"),
        recording.use_cassette(recorded_copy),
        contextlib.suppress(SummarizeError),
    ):
        await pipeline.summarize(ACQUISITION)


async def test_unrequested_recordings_fail(recorded_copy: Path) -> None:
    with (
        pytest.raises(ConfigError, match=r"1 of 1 recorded responses were never requested"),
        recording.use_cassette(recorded_copy),
    ):
        pass


async def test_eval_cassette_miss_names_eval_rerecord(
    replayer: Callable[..., Summarizer], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(recording, "EVAL_CASSETTES_DIR", tmp_path)
    with (
        pytest.raises(recording.ReplayMissError, match="`summarize eval --record`"),
        recording.article_cassette("deals", "deal-embedded", "a-missing", "none"),
    ):
        await replayer(prompt="deal-embedded").summarize(ACQUISITION)


# -- configuration -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("key sk-proj-abcdefghijklmnop1234 here", "key <redacted> here"),
        ("Authorization: Bearer abcdefgh12345678", "Authorization: <redacted>"),
        ("a risk-averse desk-based buyer", "a risk-averse desk-based buyer"),
        ("sk-short", "sk-short"),
    ],
)
def test_scrub_secrets(text: str, scrubbed: str) -> None:
    assert recording.scrub_secrets(text) == scrubbed


def test_requests_lose_secret_and_telemetry_headers_and_body_keys() -> None:
    config = recording.vcr_config()
    request = Request(
        "POST",
        "http://127.0.0.1:1/v1/completions",
        b'{"prompt":"use sk-abcdefghijklmnopqrst"}',
        {
            "Authorization": "Bearer sk-abcdefghijklmnopqrst",
            "OpenAI-Organization": "org-1",
            "api-key": "k",
            "X-Stainless-OS": "Linux",
            "content-type": "application/json",
        },
    )
    hook = recording.configure_vcr(VCR()).get_merged_config(**config)["before_record_request"]
    saved = hook(request)
    assert list(saved.headers) == ["content-type"]
    assert saved.body == b'{"prompt":"use <redacted>"}'


def test_responses_lose_cookies_account_headers_and_body_keys() -> None:
    response = {
        "status": {"code": 200, "message": "OK"},
        "headers": {"Set-Cookie": ["a=b"], "openai-organization": ["user-1"], "server": ["x"]},
        "body": {"string": b'{"text":"sk-abcdefghijklmnopqrst"}'},
    }
    saved = recording.before_record_response(response)
    assert list(saved["headers"]) == ["server"]
    assert saved["body"]["string"] == b'{"text":"<redacted>"}'


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        (b'{"model":"m","prompt":"p"}', b'{"prompt": "p", "model": "m"}', True),
        (b'{"model":"m","prompt":"p"}', b'{"model":"m","prompt":"q"}', False),
        (b"not json", b"not json", True),
        (b"not json", b"other", False),
    ],
)
def test_json_body_matcher_ignores_key_order_only(a: bytes, b: bytes, match: bool) -> None:
    r1 = Request("POST", "http://a/v1/x", a, {})
    r2 = Request("POST", "http://b/v1/x", b, {})
    if match:
        recording.json_body(r1, r2)
    else:
        with pytest.raises(AssertionError, match="differ"):
            recording.json_body(r1, r2)


@pytest.mark.parametrize(
    ("body", "readable"),
    [
        ('{"prompt":"line one\\nline two\\n","n":1,"x":1.5,"u":"é"}', True),
        ('{"spaced": true}', False),
        ('{"trailing":"space \\nthen"}', True),
        ("plain text", False),
        ("", False),
    ],
    ids=["compact-json", "spaced-json", "trailing-space", "text", "empty"],
)
def test_serializer_round_trips_bodies_exactly(body: str, readable: bool) -> None:
    """JSON bodies become YAML objects only where that loses not a byte."""
    cassette = {
        "version": 1,
        "interactions": [
            {
                "request": {"method": "POST", "uri": "http://h/v1/x", "headers": {}, "body": body},
                "response": {
                    "status": {"code": 200, "message": "OK"},
                    "headers": {},
                    "body": {"string": body},
                },
            }
        ],
    }
    text = recording.ReadableYamlSerializer.serialize(cassette)
    back = recording.ReadableYamlSerializer.deserialize(text)
    assert back["interactions"][0]["request"]["body"] == body
    assert back["interactions"][0]["response"]["body"]["string"] == body
    assert text.count("parsed_body:") == (2 if readable else 0)


def test_eval_cassette_path_names_prompt_and_version() -> None:
    prompt = load_prompt("deal-embedded")
    path = recording.eval_cassette_path("deals", prompt, "a-x")
    assert (
        path
        == recording.EVAL_CASSETTES_DIR / "deals" / f"deal-embedded@v{prompt.version}" / "a-x.yaml"
    )
    assert recording.eval_cassette_path("deals", "deal-embedded", "a-x") == path


def test_replay_needs_no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUMMARIZE_EMBEDDED_URL", raising=False)
    assert recording.endpoint_url("none") == recording.REPLAY_BASE_URL
    with recording.recording_endpoint("none") as url:
        assert resolve_endpoint("local").base_url == url == recording.REPLAY_BASE_URL
    assert "SUMMARIZE_EMBEDDED_URL" not in os.environ


def test_unknown_record_mode_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown record mode 'sometimes'"):
        recording.endpoint_url("sometimes")


# -- live ------------------------------------------------------------------------------------------


@pytest.mark.live
async def test_live_recording_keeps_no_key_and_replays_the_same_summary(
    live_endpoint: str, tmp_path: Path, summarizer: Callable[..., Summarizer]
) -> None:
    cassette = tmp_path / "live.yaml"
    key = "sk-live-test-0123456789abcdef"
    with recording.use_cassette(cassette, "once"):
        live = await summarizer(
            base_url=live_endpoint, api_key=key, prompt="deal-embedded", grounding="off"
        ).summarize(FUNDING)
    text = cassette.read_text(encoding="utf-8")
    assert key not in text
    assert "authorization" not in text.lower()
    with recording.use_cassette(cassette, "none"):
        replayed = await summarizer(
            base_url=recording.REPLAY_BASE_URL, prompt="deal-embedded", grounding="off"
        ).summarize(FUNDING)
    ignore = {"metadata"}
    assert replayed.model_dump(exclude=ignore) == live.model_dump(exclude=ignore)


# -- library versions in bodies --------------------------------------------------------------------

REPORT_213 = (
    "Correct your JSON:\n2 validation errors for DealSummary\n"
    "<<SYS>>\n  Extra inputs are not permitted [type=extra_forbidden]\n"
    "    For further information visit https://errors.pydantic.dev/2.13/v/extra_forbidden\n"
    "headline\n  Field required [type=missing]\n"
    "    For further information visit https://errors.pydantic.dev/2.13/v/missing"
)
REPORT_214 = (
    "Correct your JSON:\n2 validation errors for DealSummary\n"
    "headline\n  Field required [type=missing]\n"
    "    For further information visit https://errors.pydantic.dev/2.14/v/missing\n"
    "<<SYS>>\n  Extra inputs are not permitted [type=extra_forbidden]\n"
    "    For further information visit https://errors.pydantic.dev/2.14/v/extra_forbidden"
)


def _request(content: str) -> Request:
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": content}]})
    return Request("POST", "http://x/v1/chat/completions", body, {})


def test_a_validation_report_from_another_pydantic_version_still_matches() -> None:
    recording.json_body(_request(REPORT_213), _request(REPORT_214))


@pytest.mark.parametrize(
    "changed",
    [
        REPORT_214.replace("headline", "deal_type"),  # another field failed
        REPORT_214.replace("Field required", "Input should be a valid string"),
        REPORT_214.replace("Correct your JSON", "Fix your JSON"),  # our own words
    ],
)
def test_what_the_errors_say_must_still_match(changed: str) -> None:
    with pytest.raises(AssertionError, match="messages"):
        recording.json_body(_request(REPORT_213), _request(changed))
