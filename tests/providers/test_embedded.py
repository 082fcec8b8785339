"""The embedded server's lifecycle, with a stand-in process instead of llama.cpp."""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarize.exceptions import ConfigError
from summarize.providers import embedded
from summarize.providers.embedded import (
    EmbeddedServer,
    adapter_path,
    cache_dir,
    embedded_server,
    free_port,
    model_path,
    state_file,
    write_state,
)

# Answers GET /v1/models with 200 on the port given as argv[1], like llama_cpp.server.
FAKE_SERVER = """
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.path == "/v1/models"
        self.send_response(200 if ok else 404)
        self.end_headers()
        self.wfile.write(b'{"data": []}')
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"""
CRASHING_SERVER = "import sys; print('error loading model: bad magic'); sys.exit(3)"


@pytest.fixture
def fake_command(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[EmbeddedServer]]:
    """EmbeddedServer runs the fake HTTP server; every server started is stopped afterwards."""
    started: list[EmbeddedServer] = []

    def command(self: EmbeddedServer) -> list[str]:
        started.append(self)
        return [sys.executable, "-c", FAKE_SERVER, str(self.port)]

    monkeypatch.setattr(EmbeddedServer, "command", command)
    yield started
    for server in started:
        server.stop()


@pytest.fixture
def model_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tiny.gguf"
    path.write_bytes(b"GGUF")
    monkeypatch.setenv("SUMMARIZE_MODEL_PATH", str(path))
    monkeypatch.setenv("SUMMARIZE_ADAPTER_PATH", "none")
    monkeypatch.delenv("SUMMARIZE_EMBEDDED_URL", raising=False)
    return path


def test_cache_dir_follows_the_environment(isolated_cache: Path) -> None:
    assert cache_dir() == isolated_cache
    assert state_file().parent == isolated_cache


def test_model_path_from_environment(model_file: Path) -> None:
    assert model_path() == model_file


def test_missing_model_path_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_MODEL_PATH", str(tmp_path / "absent.gguf"))
    with pytest.raises(ConfigError, match=r"absent\.gguf does not exist"):
        model_path()


@pytest.mark.parametrize(("value", "expected"), [("none", None), ("0", None), ("", None)])
def test_adapter_can_be_turned_off(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: Path | None
) -> None:
    monkeypatch.setenv("SUMMARIZE_ADAPTER_PATH", value)
    assert adapter_path() is expected


def test_adapter_path_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SUMMARIZE_ADAPTER_PATH", str(tmp_path / "lora.gguf"))
    assert adapter_path() == tmp_path / "lora.gguf"


def test_free_port_can_be_bound() -> None:
    port = free_port()
    assert 0 < port < 65536
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", port))


def test_command_serves_the_model_on_loopback_through_the_amx_safe_launcher(
    tmp_path: Path,
) -> None:
    server = EmbeddedServer(model=tmp_path / "m.gguf", alias="some-model", port=8123, n_threads=2)
    cmd = server.command()
    assert cmd[:3] == [sys.executable, "-m", "summarize.providers.llama_server"]
    options = dict(zip(cmd[3::2], cmd[4::2], strict=True))
    assert options["--model"] == str(tmp_path / "m.gguf")
    assert options["--model_alias"] == "some-model"
    assert options["--host"] == "127.0.0.1"
    assert options["--port"] == "8123"
    assert options["--n_threads"] == "2"
    assert "--lora_path" not in cmd
    assert server.url == "http://127.0.0.1:8123/v1"


def test_command_passes_the_adapter(tmp_path: Path) -> None:
    server = EmbeddedServer(model=tmp_path / "m.gguf", lora=tmp_path / "lora.gguf")
    cmd = server.command()
    assert cmd[cmd.index("--lora_path") + 1] == str(tmp_path / "lora.gguf")


def test_server_starts_answers_and_stops(
    model_file: Path, fake_command: list[EmbeddedServer]
) -> None:
    server = EmbeddedServer(model=model_file).start(timeout=20)
    assert server.port > 0
    assert server.process is not None and server.process.poll() is None
    assert embedded._is_ready(server.url)
    server.stop()
    assert server.process.poll() is not None
    assert not embedded._is_ready(server.url)
    server.stop()  # stopping twice is harmless


def test_server_that_exits_is_a_config_error_with_its_log(
    model_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        EmbeddedServer, "command", lambda self: [sys.executable, "-c", CRASHING_SERVER]
    )
    with pytest.raises(ConfigError, match=r"exited \(code 3\) while loading .*bad magic.*log: "):
        EmbeddedServer(model=model_file).start(timeout=20)


def test_embedded_url_is_reused_while_the_server_lives(
    model_file: Path, fake_command: list[EmbeddedServer]
) -> None:
    try:
        first, server = embedded_server()
        second, again = embedded_server()
        assert first == second
        assert server is again is fake_command[0]
        assert len(fake_command) == 1
        assert first.startswith("http://127.0.0.1:")
    finally:
        embedded.stop_all()
    assert fake_command[0].process is not None and fake_command[0].process.poll() is not None


def test_embedded_url_from_environment_starts_nothing(
    monkeypatch: pytest.MonkeyPatch, fake_command: list[EmbeddedServer]
) -> None:
    monkeypatch.setenv("SUMMARIZE_EMBEDDED_URL", "http://127.0.0.1:9999/v1/")
    assert embedded_server() == ("http://127.0.0.1:9999/v1", None)
    assert fake_command == []


def test_warm_server_from_summarize_serve_is_reused(
    model_file: Path, fake_command: list[EmbeddedServer]
) -> None:
    warm = EmbeddedServer(model=model_file).start(timeout=20)
    write_state(warm)
    assert json.loads(state_file().read_text())["url"] == warm.url
    try:
        assert embedded_server() == (warm.url, None)  # ours to use, not to restart
        assert len(fake_command) == 1  # only the warm one
    finally:
        embedded.stop_all()


def test_stale_state_file_is_ignored(model_file: Path, fake_command: list[EmbeddedServer]) -> None:
    state_file().write_text(json.dumps({"url": "http://127.0.0.1:1/v1", "pid": 1, "lora": "None"}))
    try:
        url, _ = embedded_server()
        assert url != "http://127.0.0.1:1/v1"
        assert len(fake_command) == 1
    finally:
        embedded.stop_all()
