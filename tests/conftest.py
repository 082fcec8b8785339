"""Shared pytest setup: replay model traffic from cassettes/, never talk to a server by default.

``--record-mode=none`` (the default in pyproject) replays; ``--record-mode=once|rewrite``
records against ``SUMMARIZE_RECORD_BASE_URL`` or the embedded server. Tests marked ``live``
talk to a real server and run only with ``--live``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from vcr import VCR
from vcr.cassette import Cassette

from summarize import recording
from summarize.pipeline import Summarizer
from summarize.providers import resolve_endpoint
from summarize.retry import RetryPolicy

TESTS_DIR = Path(__file__).resolve().parent
NO_WAIT = RetryPolicy(initial_wait_s=0.0, max_wait_s=0.0, jitter_s=0.0)
"""Same attempts as the default policy, without the backoff sleeps."""
RECORD_TIMEOUT_S = 900.0
"""A 270M model on two busy cores can take minutes to fill the whole schema; replay is instant."""
ENDPOINT_OPTIONS = ("provider", "model", "base_url", "api_key", "mode", "use_adapter")
_CALL_REPORT = pytest.StashKey[pytest.TestReport]()
FAKE_PROMPT = """\
---
name: fake-json
version: "1"
description: A minimal one-call prompt for the fake server; the answer is the server's own.
strategy: structured
---
{% block system %}Extract the deal as JSON.{% endblock %}
{% block user %}{{ article }}{% endblock %}
"""


@pytest.fixture(scope="session")
def fake_prompt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("prompts") / "fake-json.j2"
    path.write_text(FAKE_PROMPT, encoding="utf-8")
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--live", action="store_true", default=False, help="run tests that talk to a real server"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "allow_unplayed: a vcr test that may leave recorded responses unrequested"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--live"):
        return
    skip = pytest.mark.skip(reason="talks to a real model server; run with --live")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Report the size of cassettes/ on every run, so growth is seen before it hurts."""
    files = [p for p in recording.CASSETTES_DIR.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    terminalreporter.write_line(f"cassettes/: {len(files)} files, {total / 1024:.0f} KiB")


def pytest_recording_configure(config: pytest.Config, vcr: VCR) -> None:
    recording.configure_vcr(vcr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_CALL_REPORT] = report
    return report


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return recording.vcr_config()


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    """``cassettes/<test module path>/``, e.g. ``cassettes/test_recording/``."""
    module = Path(request.node.path).resolve().relative_to(TESTS_DIR).with_suffix("")
    return str(recording.CASSETTES_DIR / module)


@pytest.fixture(autouse=True)
def cassette_guard(
    request: pytest.FixtureRequest, vcr: Cassette | None, record_mode: str
) -> Iterator[None]:
    """Replay misses fail with a re-record hint, even when caught; unrequested recordings fail.

    An unrequested recording means the code now sends fewer requests (a retry or a question
    disappeared) while the assertions still pass: exactly the silent change to catch.
    """
    if vcr is None:
        yield
        return
    hint = f"`pytest --record-mode=rewrite '{request.node.nodeid}'`"
    with recording.misses_as_errors(hint) as misses:
        yield
    report = request.node.stash.get(_CALL_REPORT, None)
    if report is None or not report.passed:
        return
    if misses:  # the test caught the miss and passed anyway
        pytest.fail(misses[0], pytrace=False)
    allowed = request.node.get_closest_marker("allow_unplayed") is not None
    if record_mode == "none" and not allowed and not vcr.all_played:
        pytest.fail(recording.unplayed_message(vcr, hint), pytrace=False)


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own cache dir, so no test reads another's (or the user's) cache."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def recorded_endpoint(record_mode: str) -> str:
    """The base URL vcr tests use: a placeholder in replay, the recording server otherwise.

    Session-scoped so the recording server is found (or started) once, with the real cache dir.
    """
    return recording.endpoint_url(record_mode)


@pytest.fixture
def live_endpoint(request: pytest.FixtureRequest) -> str:
    """A real server for ``live`` tests (``SUMMARIZE_RECORD_BASE_URL`` or the embedded one)."""
    if not request.config.getoption("--live"):
        pytest.skip("needs --live")
    return recording.record_base_url()


@pytest.fixture
async def summarizer(
    recorded_endpoint: str, record_mode: str
) -> AsyncIterator[Callable[..., Summarizer]]:
    """Factory for Summarizers on the recorded endpoint, over the openai provider, no retry waits.

    Keyword arguments override the defaults; every Summarizer made is closed afterwards.
    """
    made: list[Summarizer] = []
    replaying = record_mode == "none"
    endpoint_defaults: dict[str, Any] = {
        "provider": "openai",
        "base_url": recorded_endpoint,
        "api_key": recording.PLACEHOLDER_KEY if replaying else recording.record_api_key(),
        "model": recording.record_model(),
    }

    def make(**options: Any) -> Summarizer:
        where = {k: options.pop(k) for k in ENDPOINT_OPTIONS if k in options}
        endpoint = resolve_endpoint(**{**endpoint_defaults, **where})
        if not replaying:
            endpoint.timeout_s = RECORD_TIMEOUT_S
        made.append(Summarizer(endpoint=endpoint, **{"retry": NO_WAIT, **options}))
        return made[-1]

    yield make
    for summarizer in made:
        await summarizer.aclose()
