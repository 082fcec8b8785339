"""A crashed or broken embedded server is named as such, restarted once, then given up on.

The server process is a stand-in (tests/providers/standin_server.py) that crashes with SIGSEGV,
answers 500, or answers properly, as a file says; the client side is the real pipeline.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from summarize.batch import BatchRunner
from summarize.exceptions import ProviderError
from summarize.pipeline import Summarizer
from summarize.providers import Endpoint
from summarize.providers.embedded import CRASHED, FAILING, EmbeddedServer
from summarize.retry import RetryPolicy
from summarize.testing import fake_article, fake_articles

STANDIN = Path(__file__).with_name("standin_server.py")
FAST_RETRY = RetryPolicy(attempts=4, initial_wait_s=0.01, max_wait_s=0.05, jitter_s=0.0)

Serve = Callable[[str], EmbeddedServer]


@pytest.fixture
def serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Serve]:
    """Start a stand-in server behaving as told; every server is stopped afterwards."""
    behaviour = tmp_path / "behaviour"
    started: list[EmbeddedServer] = []

    def command(self: EmbeddedServer) -> list[str]:
        return [sys.executable, str(STANDIN), str(self.port), str(behaviour)]

    monkeypatch.setattr(EmbeddedServer, "command", command)

    def start(what: str) -> EmbeddedServer:
        behaviour.write_text(what)
        server = EmbeddedServer(model=tmp_path / "model.gguf", alias="stand-in").start(timeout=20)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
async def summarizer_on(fake_prompt: Path) -> AsyncIterator[Callable[[EmbeddedServer], Summarizer]]:
    made: list[Summarizer] = []

    def make(server: EmbeddedServer) -> Summarizer:
        endpoint = Endpoint(
            provider="local", model="stand-in", base_url=server.url, api_key="x", mode="json",
            timeout_s=5.0, server=server,
        )  # fmt: skip
        made.append(
            Summarizer(
                endpoint=endpoint, prompt=str(fake_prompt), grounding="off", retry=FAST_RETRY
            )
        )
        return made[-1]

    yield make
    for summarizer in made:
        await summarizer.aclose()


async def test_a_server_that_crashes_once_is_restarted_and_the_article_summarized(
    serve: Serve, summarizer_on: Callable[[EmbeddedServer], Summarizer]
) -> None:
    server = serve("crash-once")
    first_pid = server.process.pid if server.process else None
    summary = await summarizer_on(server).summarize(fake_article(1))
    assert summary.headline == "Deal art-000001"
    assert server.restarts == 1
    assert server.process is not None and server.process.pid != first_pid


async def test_a_server_that_keeps_crashing_is_named_with_its_signal_and_log(
    serve: Serve, summarizer_on: Callable[[EmbeddedServer], Summarizer]
) -> None:
    server = serve("crash")
    summarizer = summarizer_on(server)
    with pytest.raises(ProviderError) as caught:
        await summarizer.summarize(fake_article(1))
    message = str(caught.value)
    assert "the embedded model server crashed (SIGSEGV) on its first request" in message
    assert "again after a restart" in message
    assert f"log: {server.log_path}" in message
    assert "connection failed" not in message
    assert (caught.value.cause, caught.value.transient) == (CRASHED, True)
    assert server.restarts == 1
    # The next article fails at once with the same words, without another start.
    with pytest.raises(ProviderError, match=r"crashed \(SIGSEGV\)") as again:
        await summarizer.summarize(fake_article(2))
    assert again.value.attempts == 1
    assert server.restarts == 1


async def test_a_server_that_answers_500_to_everything_is_named_as_failing(
    serve: Serve, summarizer_on: Callable[[EmbeddedServer], Summarizer]
) -> None:
    server = serve("500")
    summarizer = summarizer_on(server)
    messages = []
    for index in range(3):
        with pytest.raises(ProviderError) as caught:
            await summarizer.summarize(fake_article(index))
        messages.append((caught.value.cause, str(caught.value)))
    assert server.restarts == 1
    cause, message = messages[-1]
    assert cause == FAILING
    assert "answered HTTP 500 to every completion on its first request" in message
    assert "again after a restart" in message


async def test_one_500_from_a_server_that_answers_is_an_ordinary_retry(
    serve: Serve, summarizer_on: Callable[[EmbeddedServer], Summarizer]
) -> None:
    server = serve("ok")
    summarizer = summarizer_on(server)
    await summarizer.summarize(fake_article(1))
    server_file = Path(str(server.command()[-1]))
    server_file.write_text("500")
    for index in range(2, 4):
        with pytest.raises(ProviderError, match="HTTP 500"):
            await summarizer.summarize(fake_article(index))
    assert server.restarts == 0, "a server that has answered is not restarted for 500s"


async def test_a_batch_ends_with_every_article_as_an_error_record_saying_why(
    serve: Serve, summarizer_on: Callable[[EmbeddedServer], Summarizer]
) -> None:
    server = serve("crash")
    runner = BatchRunner(summarizer_on(server), concurrency=2)
    results = [result async for result in runner.run(fake_articles(5))]
    assert len(results) == 5
    records = [r.record()["error"] for r in results]
    assert all("crashed (SIGSEGV)" in e["message"] for e in records), records
    assert all(e["transient"] for e in records)
    assert server.restarts == 1
    assert runner.stats.transient == 5
