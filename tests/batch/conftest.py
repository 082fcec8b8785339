"""Batch tests run against the loopback fault server with a tiny JSON-mode prompt."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from summarize.articles import Article
from summarize.pipeline import Summarizer
from summarize.providers import Endpoint
from summarize.retry import RetryPolicy
from summarize.schema import DealSummary, RunMetadata, Usage
from summarize.testing import FaultServer

FAST_RETRY = RetryPolicy(attempts=4, initial_wait_s=0.01, max_wait_s=0.05, jitter_s=0.0)
"""The default number of attempts, with waits short enough for CI."""


@pytest.fixture
def fake_cli_args(fake_prompt: Path) -> Callable[[FaultServer], list[str]]:
    """``summarize run`` options that point it at a fake server."""

    def args(server: FaultServer) -> list[str]:
        return [
            "--base-url", server.url, "--model", "fake-model", "--prompt", str(fake_prompt),
            "--mode", "json", "--grounding", "off",
        ]  # fmt: skip

    return args


@pytest.fixture
async def make_summarizer(fake_prompt: Path) -> AsyncIterator[Callable[..., Summarizer]]:
    """Summarizers on a fake server (``server=``), closed after the test."""
    made: list[Summarizer] = []

    def make(server: FaultServer, *, timeout_s: float = 5.0, **options: Any) -> Summarizer:
        endpoint = Endpoint(
            provider="openai", model="fake-model", base_url=server.url, api_key="test",
            mode="json", timeout_s=timeout_s,
        )  # fmt: skip
        defaults: dict[str, Any] = {"prompt": str(fake_prompt), "grounding": "off"}
        made.append(Summarizer(endpoint=endpoint, retry=FAST_RETRY, **{**defaults, **options}))
        return made[-1]

    yield make
    for summarizer in made:
        await summarizer.aclose()


class StubSummarizer:
    """Answers at once with a fixed usage: for tests that time the runner itself."""

    concurrency = 8

    def __init__(self, usage: Usage | None = None) -> None:
        self.usage = usage or Usage(prompt_tokens=3000, completion_tokens=300)
        self.calls = 0

    def settings(self) -> dict[str, Any]:
        return {"provider": "stub", "model": "stub"}

    async def summarize(self, article: Article) -> DealSummary:
        self.calls += 1
        await asyncio.sleep(0)
        meta = RunMetadata(
            provider="stub", model="stub", prompt_name="stub", prompt_version="1",
            usage=self.usage, requests=1, attempts=1, article_id=article.id,
        )  # fmt: skip
        return DealSummary(headline=article.id, deal_type=None, status=None, metadata=meta)

    async def aclose(self) -> None:
        pass


@pytest.fixture
def stub_summarizer() -> Summarizer:
    return StubSummarizer()  # type: ignore[return-value]
