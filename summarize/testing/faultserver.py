"""A fake OpenAI-compatible server on loopback that fails on purpose, for fault and speed tests.

It pretends to be a model: each valid answer is a fixed, schema-valid ``DealSummary`` it builds
itself from the article's reference (``ref: ...`` in the text, see ``fake_article``), never a
real extraction. At a configurable rate it answers with a fault instead: 429 with Retry-After,
500, 503, a hang past the client's timeout, a connection reset, malformed JSON, truncated model
output, or a slow answer. With ``upstream`` it forwards the requests it does not fault to a real
server, so a recording can capture a genuine fault → retry → success sequence.

It binds 127.0.0.1 only and stops by itself: at the end of its ``with`` block, or after
``max_lifetime_s`` whatever happens. ``FaultServer`` runs in a thread of this process;
``FaultServer(process=True)`` runs in a child process, which keeps its CPU time off the
client's GIL for benchmarks and exits when its parent does.

Plain asyncio streams instead of an ASGI stack: at a few hundred requests per second the
server must cost far less than the client it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import re
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from summarize.articles import Article, make_article

FaultKind = Literal["429", "500", "503", "timeout", "reset", "malformed", "truncated", "slow"]
FAULT_KINDS: tuple[str, ...] = FaultKind.__args__  # type: ignore[attr-defined]
DEFAULT_MIX: dict[str, float] = {
    "429": 3, "500": 2, "503": 2, "timeout": 1,
    "reset": 1, "malformed": 1, "truncated": 1, "slow": 1,
}  # fmt: skip
"""Relative weights: rate limits and 5xx are what providers send most."""

_REF = re.compile(r"\bref: ([\w.-]+)")
_GRAMMAR_FIRST = re.compile(r'root ::= ("(?:[^"\\]|\\.)*")')
_MAX_HEADER_BYTES = 64 * 1024
_CHILD_MAIN = "import sys; from summarize.testing.faultserver import main; main(sys.argv[1:])"
Answer = Callable[[str, Mapping[str, Any]], Mapping[str, Any]]
"""Builds the DealSummary dict for one request, from its key and its JSON body."""


@dataclass(frozen=True)
class Faults:
    """How often and how the server misbehaves."""

    rate: float = 0.0
    """Share of requests answered with a fault, 0 to 1."""
    mix: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_MIX))
    """Relative weight of each fault kind."""
    retry_after_s: float = 0.05
    """What a 429 asks the client to wait (sent as Retry-After, in seconds)."""
    slow_s: float = 0.5
    """Extra delay of a slow answer; keep it under the client's timeout."""
    hang_s: float = 30.0
    """How long a timeout fault holds the request before closing; set above the client timeout."""
    seed: int | None = 0

    def __post_init__(self) -> None:
        if not 0 <= self.rate <= 1:
            raise ValueError(f"fault rate must be between 0 and 1, not {self.rate}")
        unknown = set(self.mix) - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}; known: {FAULT_KINDS}")
        if self.rate and not any(w > 0 for w in self.mix.values()):
            raise ValueError("a fault rate needs at least one fault kind with a positive weight")


@dataclass(frozen=True)
class Event:
    """One request as the server saw it: when, for which article, and what it answered."""

    at: float
    key: str
    path: str
    outcome: str
    """``ok``, ``proxied`` or a fault kind."""


def fake_article(index: int, *, filler: int = 3) -> Article:
    """A deal article the fake server recognises by its ``ref``; ``filler`` pads it out."""
    ref = f"art-{index:06d}"
    lead = (
        f"Northwind {index} Holdings agreed to acquire Contoso {index} Ltd for "
        f"${index % 900 + 100} million in cash, the companies said on Monday (ref: {ref})."
    )
    pad = " The deal is expected to close next quarter, subject to regulatory approval." * filler
    return make_article(lead + pad, id=ref, source=f"<fake {index}>")


def fake_articles(count: int, *, start: int = 0, filler: int = 3) -> Iterator[Article]:
    """``count`` fake articles, generated lazily."""
    for index in range(start, start + count):
        yield fake_article(index, filler=filler)


def fake_summary(key: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """A valid DealSummary for a request: the same for the same key, never a real extraction."""
    return {
        "headline": f"Deal {key}",
        "deal_type": "acquisition",
        "status": "announced",
        "parties": [],
        "amount": None,
        "valuation": None,
        "stake_percent": None,
        "consideration": "cash",
        "announced_on": None,
        "sources": [],
        "key_people": [],
        "key_facts": [{"text": f"Reference {key}.", "evidence": None}],
        "evidence": {},
    }


def request_key(body: Mapping[str, Any]) -> str:
    """The article a request is about: its ``ref``, else a checksum of the request."""
    text = json.dumps(body.get("messages") or body.get("prompt") or "", ensure_ascii=False)
    found = _REF.search(text)
    return found.group(1) if found else f"crc-{zlib.crc32(text.encode()):08x}"


class _Handler:
    """Answers requests on one event loop; shared by the thread and the process modes."""

    def __init__(
        self,
        faults: Faults,
        latency_s: float,
        model: str,
        answer: Answer,
        upstream: str | None,
        record: bool,
    ) -> None:
        self.faults = faults
        self.latency_s = latency_s
        self.model = model
        self.answer = answer
        self.upstream = upstream.rstrip("/").removesuffix("/v1") if upstream else None
        self.record = record
        self.events: list[Event] = []
        self.counts: Counter[str] = Counter()
        self._random = random.Random(faults.seed)
        self._kinds = [k for k, w in faults.mix.items() if w > 0]
        self._weights = [faults.mix[k] for k in self._kinds]
        self._proxy: Any = None
        self.tasks: set[asyncio.Task[None]] = set()
        self.in_flight = 0

    def _pick_fault(self) -> str | None:
        if self.faults.rate and self._random.random() < self.faults.rate:
            return self._random.choices(self._kinds, self._weights)[0]
        return None

    def _note(self, key: str, path: str, outcome: str) -> None:
        self.counts[outcome] += 1
        if self.record:
            self.events.append(Event(time.monotonic(), key, path, outcome))

    async def connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Serve one keep-alive connection until the client or a fault closes it."""
        task = asyncio.current_task()
        assert task is not None
        self.tasks.add(task)
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    break
                self.in_flight += 1
                self.counts["peak_in_flight"] = max(self.counts["peak_in_flight"], self.in_flight)
                try:
                    if not await self._respond(*request, writer):
                        break
                finally:
                    self.in_flight -= 1
        except (
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
            ConnectionError,
            ValueError,
        ):
            pass
        except asyncio.CancelledError:  # the server is stopping; a hanging request just ends
            pass
        finally:
            self.tasks.discard(task)
            writer.close()

    async def _respond(
        self, method: str, path: str, body: bytes, writer: asyncio.StreamWriter
    ) -> bool:
        """Write one response; False when the connection must end."""
        path = path.split("?", 1)[0]
        if method == "GET" and path in ("/v1/models", "/models"):
            data = {
                "object": "list",
                "data": [{"id": self.model, "object": "model", "owned_by": "fake"}],
            }
            return await _send(writer, 200, _json(data))
        if method == "GET" and path == "/_stats":
            return await _send(writer, 200, _json(dict(self.counts)))
        chat = path.endswith("/chat/completions")
        if method != "POST" or not (chat or path.endswith("/completions")):
            return await _send(writer, 404, _error(f"no route {method} {path}", "not_found"))
        try:
            request = json.loads(body)
        except ValueError:
            return await _send(writer, 400, _error("request body is not JSON", "invalid_request"))
        key = request_key(request)
        fault = self._pick_fault()
        self._note(key, path, fault or ("proxied" if self.upstream else "ok"))
        if fault == "429":
            headers = {"retry-after": f"{self.faults.retry_after_s:g}"}
            return await _send(writer, 429, _error("rate limit (injected)", "rate_limit"), headers)
        if fault == "reset":
            _reset(writer)
            return False
        await asyncio.sleep(self.latency_s)
        if fault == "timeout":
            await asyncio.sleep(self.faults.hang_s)
            return False
        if fault in ("500", "503"):
            return await _send(
                writer, int(fault), _error("server error (injected)", "server_error")
            )
        if fault == "malformed":
            return await _send(writer, 200, b'{"id": "chatcmpl-fault", "choices": [{"mess')
        if fault == "slow":
            await asyncio.sleep(self.faults.slow_s)
        if self.upstream and fault in (None, "slow"):
            status, data = await self._forward(path, body)
            return await _send(writer, status, data)
        content = self._content(key, request, chat)
        finish = "stop"
        if fault == "truncated":
            content, finish = content[: len(content) // 2], "length"
        return await _send(writer, 200, _json(self._completion(request, content, finish, chat)))

    def _content(self, key: str, request: Mapping[str, Any], chat: bool) -> str:
        if chat:
            return json.dumps(self.answer(key, request))
        # A grammar-constrained question: choose its first alternative, as a model would one.
        grammar = (request.get("grammar") or "") if isinstance(request, dict) else ""
        found = _GRAMMAR_FIRST.search(grammar)
        return json.loads(found.group(1)) if found else " none"

    def _completion(
        self, request: Mapping[str, Any], content: str, finish: str, chat: bool
    ) -> dict[str, Any]:
        usage = {
            "prompt_tokens": len(json.dumps(request.get("messages") or request.get("prompt"))) // 4,
            "completion_tokens": max(1, len(content) // 4),
        }
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        base = {"id": "fake-1", "created": int(time.time()), "model": self.model, "usage": usage}
        if not chat:
            choice = {"index": 0, "text": content, "finish_reason": finish, "logprobs": None}
            return {**base, "object": "text_completion", "choices": [choice]}
        message: dict[str, Any] = {"role": "assistant", "content": content}
        tools = request.get("tools") or []
        if tools:
            name = tools[0].get("function", {}).get("name", "answer")
            call = {
                "id": "call-1",
                "type": "function",
                "function": {"name": name, "arguments": content},
            }
            message = {"role": "assistant", "content": None, "tool_calls": [call]}
        choice = {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
        return {**base, "object": "chat.completion", "choices": [choice]}

    async def _forward(self, path: str, body: bytes) -> tuple[int, bytes]:
        import httpx2

        if self._proxy is None:
            self._proxy = httpx2.AsyncClient(timeout=300.0)
        try:
            response = await self._proxy.post(
                f"{self.upstream}{path}", content=body, headers={"content-type": "application/json"}
            )
        except httpx2.HTTPError as exc:
            return 502, _error(f"upstream failed: {exc}", "upstream_error")
        return response.status_code, response.content

    async def aclose(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        if self._proxy is not None:
            await self._proxy.aclose()


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, str, bytes] | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial.strip():
            raise
        return None
    if len(head) > _MAX_HEADER_BYTES:
        raise ValueError("header too large")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return method, path, body


_REASONS = {
    200: "OK", 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests",
    500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
}  # fmt: skip


async def _send(
    writer: asyncio.StreamWriter, status: int, body: bytes, headers: Mapping[str, str] | None = None
) -> bool:
    lines = [
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}",
        "content-type: application/json",
        f"content-length: {len(body)}",
        "connection: keep-alive",
        *(f"{k}: {v}" for k, v in (headers or {}).items()),
    ]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
    await writer.drain()
    return True


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP RST (linger 0), as a crashed proxy would."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def _json(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode()


def _error(message: str, kind: str) -> bytes:
    return _json({"error": {"message": message, "type": kind, "param": None, "code": kind}})


class FaultServer:
    """Run the fake server for the length of a ``with`` block; ``url`` is its ``/v1`` base URL."""

    def __init__(
        self,
        *,
        faults: Faults | None = None,
        latency_s: float = 0.0,
        model: str = "fake-model",
        answer: Answer = fake_summary,
        upstream: str | None = None,
        record: bool = True,
        process: bool = False,
        max_lifetime_s: float = 600.0,
    ) -> None:
        self.faults = faults or Faults()
        self.latency_s = latency_s
        self.model = model
        self.upstream = upstream
        self.process = process
        self.max_lifetime_s = max_lifetime_s
        self.port = 0
        if process and answer is not fake_summary:
            raise ValueError("a custom answer only works in a thread (process=False)")
        self._handler = _Handler(self.faults, latency_s, model, answer, upstream, record)
        self._thread: threading.Thread | None = None
        self._child: subprocess.Popen[bytes] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def events(self) -> list[Event]:
        """Every request seen so far (thread mode with ``record=True`` only)."""
        if self.process:
            raise RuntimeError("events are only kept in thread mode; use stats() instead")
        return list(self._handler.events)

    def stats(self) -> dict[str, int]:
        """Requests so far by outcome (``ok``, ``proxied`` or a fault kind), and the most
        requests that were ever in progress at once (``peak_in_flight``)."""
        if not self.process:
            return dict(self._handler.counts)
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stats", timeout=5) as resp:
            return dict(json.loads(resp.read()))

    def __enter__(self) -> FaultServer:
        if self.process:
            self._start_child()
        else:
            self._start_thread()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the server; never raises, never waits more than a few seconds."""
        if self._child is not None:
            with contextlib.suppress(OSError):
                self._child.stdin.close()  # type: ignore[union-attr]
            try:
                self._child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._child.kill()
                self._child.wait(timeout=5)
            self._child = None
        if self._thread is not None:
            if self._loop is not None and self._stop is not None:
                with contextlib.suppress(RuntimeError):
                    self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(timeout=5)
            self._thread = None

    def _start_thread(self) -> None:
        ready = threading.Event()
        failure: list[BaseException] = []

        def main() -> None:
            try:
                asyncio.run(self._serve(ready))
            except BaseException as exc:  # report a failed start to the caller's thread
                failure.append(exc)
                ready.set()

        self._thread = threading.Thread(target=main, name="faultserver", daemon=True)
        self._thread.start()
        if not ready.wait(timeout=10) or failure:
            self.close()
            raise RuntimeError(
                f"the fault server did not start: {failure[0] if failure else 'timeout'}"
            )

    async def _serve(self, ready: threading.Event | None = None) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._handler.connection, "127.0.0.1", self.port)
        self.port = server.sockets[0].getsockname()[1]
        if ready is not None:
            ready.set()
        else:
            print(self.url, flush=True)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._stop.wait(), timeout=self.max_lifetime_s)
        server.close()
        await self._handler.aclose()
        await server.wait_closed()

    def _start_child(self) -> None:
        config = {
            "faults": {**asdict(self.faults), "mix": dict(self.faults.mix)},
            "latency_s": self.latency_s,
            "model": self.model,
            "upstream": self.upstream,
            "max_lifetime_s": self.max_lifetime_s,
        }
        self._child = subprocess.Popen(
            [sys.executable, "-c", _CHILD_MAIN, json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        line = self._child.stdout.readline().decode().strip()  # type: ignore[union-attr]
        if not line.startswith("http://127.0.0.1:"):
            self.close()
            raise RuntimeError("the fault server process did not start")
        self.port = int(line.rsplit(":", 1)[1].split("/", 1)[0])


async def _serve_child(server: FaultServer) -> None:
    """Child-process main: serve until stdin closes (the parent ended) or the lifetime runs out."""
    serving = asyncio.create_task(server._serve())
    while server._stop is None:
        await asyncio.sleep(0.01)
    loop, stop = asyncio.get_running_loop(), server._stop

    def watch_parent() -> None:
        sys.stdin.buffer.read()
        with contextlib.suppress(RuntimeError):  # the loop already ended
            loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=watch_parent, daemon=True).start()
    await serving


def main(argv: list[str] | None = None) -> None:
    """``python -m summarize.testing.faultserver [CONFIG_JSON]``: print the URL, serve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", nargs="?", default="{}", help="FaultServer options as JSON")
    config = json.loads(parser.parse_args(argv).config)
    faults = Faults(**config.pop("faults", {}))
    server = FaultServer(faults=faults, record=False, **config)
    asyncio.run(_serve_child(server))


if __name__ == "__main__":
    main()
