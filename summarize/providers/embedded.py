"""The embedded default: a GGUF model served over the OpenAI protocol on loopback.

Serving the model with llama-cpp-python's server (instead of calling the library in-process)
means one code path, openai client + HTTP, serves every provider, and VCR can record the
embedded model's real responses. A server is started on first use on a free port, reused while
it lives (also across processes, through ``summarize serve``'s state file), and stopped at exit
if this process started it.

A server this process started is also watched: if it dies (a native crash such as the AMX
SIGSEGV, an out-of-memory kill) or answers 5xx to every completion, requests fail with an error
that says so, with its exit signal and log, instead of "connection failed"; it is restarted
once, and after a second failure every remaining request fails at once with that message.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from summarize.exceptions import ConfigError
from summarize.providers.models import DEFAULT_MODEL, cache_dir, get_model, model_path

DEFAULT_CONTEXT = 8192
READY_TIMEOUT_S = 180.0
MAX_RESTARTS = 1
FAILING_AFTER_5XX = 3
"""Consecutive 5xx answers, with no success since the server started, that mark it broken."""
CRASHED = "server_crashed"
FAILING = "server_failing"

__all__ = [
    "EmbeddedServer",
    "ServerDown",
    "adapter_path",
    "cache_dir",
    "embedded_server",
    "free_port",
    "model_path",
    "state_file",
    "stop_all",
    "write_state",
]


class ServerDown(Exception):
    """The embedded server crashed or fails every completion (the message says which)."""

    def __init__(self, message: str, cause: str) -> None:
        super().__init__(message)
        self.cause = cause


def adapter_path() -> Path | None:
    """The shipped LoRA adapter for the embedded model, if this checkout has one."""
    if env := os.environ.get("SUMMARIZE_ADAPTER_PATH"):
        return Path(env) if env.lower() not in {"", "none", "0"} else None
    candidate = Path(__file__).resolve().parent.parent / "adapters" / "deal-extractor.gguf"
    return candidate if candidate.is_file() else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _is_ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/models", timeout=2.0) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def describe_exit(returncode: int) -> str:
    """``crashed (SIGSEGV)`` for a signal, ``exited (code 3)`` for an exit status."""
    if returncode < 0:
        try:
            return f"crashed ({signal.Signals(-returncode).name})"
        except ValueError:
            return f"crashed (signal {-returncode})"
    return f"exited (code {returncode})"


@dataclass
class EmbeddedServer:
    """One llama.cpp server process on loopback, started through our AMX-safe launcher."""

    model: Path
    alias: str = DEFAULT_MODEL
    port: int = 0
    n_ctx: int = DEFAULT_CONTEXT
    n_threads: int | None = None
    lora: Path | None = None
    host: str = "127.0.0.1"
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    log_path: Path | None = None
    answered: int = 0
    """Completions answered since the last (re)start."""
    restarts: int = 0
    failure: str | None = None
    """Set once the server is given up on: every request fails with this message."""
    _failure_cause: str = field(default=CRASHED, repr=False)
    _failing_5xx: int = field(default=0, repr=False)
    _generation: int = field(default=0, repr=False)
    _restart_lock: asyncio.Lock | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    def command(self) -> list[str]:
        threads = self.n_threads or max(1, os.cpu_count() or 1)
        cmd = [
            sys.executable, "-m", "summarize.providers.llama_server",
            "--model", str(self.model),
            "--model_alias", self.alias,
            "--host", self.host,
            "--port", str(self.port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(threads),
            "--n_threads_batch", str(threads),
            "--n_batch", "512",
            # The server defaults to logits for every prompt token (for logprobs, which we
            # never ask for): that doubled prefill time on the embedded model.
            "--logits_all", "False",
            "--verbose", "False",
        ]  # fmt: skip
        if self.lora:
            cmd += ["--lora_path", str(self.lora)]
        return cmd

    def start(self, timeout: float = READY_TIMEOUT_S) -> EmbeddedServer:
        """Start the server and wait until it answers; raise ConfigError with its log if not."""
        if not self.port:
            self.port = free_port()
        self.log_path = cache_dir() / f"server-{self.port}.log"
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        self.answered = 0
        self._failing_5xx = 0
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ConfigError(
                    f"the embedded model server {describe_exit(self.process.returncode)} while "
                    f"loading {self.model.name}: {self._log_tail()}; log: {self.log_path}"
                )
            if _is_ready(self.url):
                return self
            time.sleep(0.25)
        self.stop()
        raise ConfigError(
            f"the embedded model server did not start in {timeout:.0f}s; see {self.log_path}"
        )

    def _log_tail(self, lines: int = 3) -> str:
        if self.log_path is None or not self.log_path.is_file():
            return ""
        return " | ".join(self.log_path.read_text(errors="replace").strip().splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the process if it runs; never raises."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    # -- watching over requests (called by the strategies' CallContext) -------------------------

    def generation(self) -> int:
        """Changes on every restart: a failure seen by an older generation is already handled."""
        return self._generation

    def check(self) -> None:
        """Before a request: fail at once when the server was given up on."""
        if self.failure is not None:
            raise ServerDown(self.failure, self._failure_cause)

    def succeeded(self) -> None:
        self.answered += 1
        self._failing_5xx = 0

    async def failed(self, status: int | None, generation: int) -> None:
        """After a failed attempt: restart a dead or broken server once, then give up on it.

        Returns normally when another attempt makes sense (the server was restarted, or this
        failure says nothing about the server); raises the server's own error otherwise.
        """
        if self._restart_lock is None:
            self._restart_lock = asyncio.Lock()
        async with self._restart_lock:
            if generation != self._generation:
                return  # someone else already restarted it after this request was sent
            self.check()
            if self.alive():
                if status is None or status < 500:
                    return
                self._failing_5xx += 1
                if self.answered or self._failing_5xx < FAILING_AFTER_5XX:
                    return
                problem, cause = f"answered HTTP {status} to every completion", FAILING
            else:
                assert self.process is not None
                problem, cause = describe_exit(self.process.returncode), CRASHED
            when = f"after {self.answered} answers" if self.answered else "on its first request"
            if self.restarts < MAX_RESTARTS:
                self.restarts += 1
                self._generation += 1
                self.stop()
                try:
                    await asyncio.to_thread(self.start)
                except ConfigError as exc:
                    self._give_up(f"the embedded model server {problem} {when}, and {exc}", cause)
                return
            self._give_up(
                f"the embedded model server {problem} {when}, again after a restart; "
                f"log: {self.log_path}",
                cause,
            )

    def _give_up(self, message: str, cause: str) -> None:
        self.failure, self._failure_cause = message, cause
        raise ServerDown(message, cause)

    def __enter__(self) -> EmbeddedServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def state_file() -> Path:
    return cache_dir() / "serve.json"


def write_state(server: EmbeddedServer) -> None:
    pid = server.process.pid if server.process else None
    state = {"url": server.url, "pid": pid, "lora": str(server.lora), "model": server.alias}
    state_file().write_text(json.dumps(state))


def _warm_server_url(alias: str, lora: Path | None) -> str | None:
    """The URL of a server left running by ``summarize serve``, if it is alive and matches."""
    try:
        state = json.loads(state_file().read_text())
    except (OSError, ValueError):
        return None
    if state.get("lora") != str(lora) or state.get("model", DEFAULT_MODEL) != alias:
        return None
    url = state.get("url")
    return url if url and _is_ready(url) else None


_lock = threading.Lock()
_servers: dict[tuple[str, str], EmbeddedServer] = {}


def embedded_server(
    alias: str = DEFAULT_MODEL, *, use_adapter: bool = True
) -> tuple[str, EmbeddedServer | None]:
    """The base URL of a running server for ``alias`` (started if needed, thread-safe), and
    the server itself when this process owns it (None for ``SUMMARIZE_EMBEDDED_URL`` or a
    ``summarize serve`` one, which we can use but not restart)."""
    if env := os.environ.get("SUMMARIZE_EMBEDDED_URL"):
        return env.rstrip("/"), None
    model = get_model(alias)
    lora = adapter_path() if use_adapter and not model.instruct else None
    key = (alias, str(lora))
    with _lock:
        server = _servers.get(key)
        if server and (server.alive() or server.failure or server.restarts):
            return server.url, server
        if url := _warm_server_url(alias, lora):
            return url, None
        server = EmbeddedServer(model=model_path(alias), alias=alias, lora=lora).start()
        _servers[key] = server
        atexit.register(server.stop)
        return server.url, server


def stop_all() -> None:
    """Stop every server this process started."""
    with _lock:
        for server in _servers.values():
            with contextlib.suppress(Exception):
                server.stop()
        _servers.clear()
