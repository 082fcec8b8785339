"""article → prompt → provider → validated summary → grounding: the whole pipeline in one place.

``Summarizer`` holds what is shared across articles (endpoint, one HTTP client, prompt, retry
policy); ``summarize_article`` is the one-call convenience for scripts.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any

from summarize.articles import Article, make_article
from summarize.exceptions import ConfigError, NoDealError
from summarize.grounding import POLICIES, Policy, ground
from summarize.prompts import Prompt, load_prompt
from summarize.providers import DEFAULT_PROMPTS, Endpoint, choose_provider, resolve_endpoint
from summarize.retry import RetryPolicy
from summarize.schema import DealSummary, RunMetadata
from summarize.strategies import STRATEGIES, strategy_fingerprint
from summarize.strategies.base import CallContext


class Summarizer:
    """Summarize many articles with one provider, prompt and client."""

    def __init__(
        self,
        *,
        provider: str | None = None,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        prompt: str | Prompt | None = None,
        mode: str | None = None,
        grounding: Policy | None = None,
        retry: RetryPolicy | None = None,
        max_reasks: int = 2,
        concurrency: int = 8,
        use_adapter: bool = True,
        endpoint: Endpoint | None = None,
        prompt_settings: dict[str, Any] | None = None,
    ) -> None:
        if endpoint is None:
            name = choose_provider(provider, base_url=base_url, api_key=api_key)
            if not isinstance(prompt, Prompt):
                prompt = load_prompt(prompt or DEFAULT_PROMPTS[name])
            if name == "local" and model is None:
                model = prompt.meta.embedded_model  # the model the template is written for
            endpoint = resolve_endpoint(
                name, model=model, base_url=base_url, api_key=api_key, mode=mode,
                use_adapter=use_adapter,
            )  # fmt: skip
        self.endpoint = endpoint
        if not isinstance(prompt, Prompt):
            prompt = load_prompt(prompt or self.endpoint.default_prompt)
        self.prompt = prompt.with_settings(prompt_settings or {})
        if grounding is None:
            # A small model is trusted only as far as its quotes go.
            grounding = "strict" if self.endpoint.provider == "local" else "flag"
        if grounding not in POLICIES:
            raise ConfigError(f"unknown grounding policy {grounding!r}; choose one of {POLICIES}")
        self.grounding: Policy = grounding
        self.retry = retry or RetryPolicy()
        self.max_reasks = max_reasks
        self.concurrency = concurrency
        self._client = self.endpoint.client(concurrency=concurrency)
        strategy = self.prompt.meta.strategy
        if strategy not in STRATEGIES:
            raise ConfigError(
                f"prompt {self.prompt.name!r} is for the '{strategy}' strategy, which needs the "
                "fine-tuned adapter; none is shipped yet (see docs/adapter.md)"
            )
        self._strategy = STRATEGIES[strategy]

    def settings(self) -> dict[str, Any]:
        """Everything that changes the answer: for cache keys and run files.

        The strategy's code is part of it: the embedded strategy's rules live in Python, so a
        changed rule must not be answered from a cache filled by the old one.
        """
        return {
            **self.endpoint.settings_key(),
            "prompt": self.prompt.name,
            "prompt_version": self.prompt.version,
            "prompt_sha": self.prompt.fingerprint,
            "prompt_settings": self.prompt.meta.settings,
            "strategy": self.prompt.meta.strategy,
            "strategy_sha": strategy_fingerprint(self.prompt.meta.strategy),
            "grounding": self.grounding,
        }

    async def summarize(self, article: Article | str, *, require_deal: bool = False) -> DealSummary:
        """One article in, one validated (and grounded) DealSummary out."""
        if isinstance(article, str):
            article = make_article(article, id="article", source="<text>")
        ctx = CallContext(
            client=self._client,
            endpoint=self.endpoint,
            prompt=self.prompt,
            retry=self.retry,
            max_reasks=self.max_reasks,
        )
        started = time.perf_counter()
        summary = await self._strategy(ctx, article)
        if self.grounding != "off":
            summary = ground(summary, article, policy=self.grounding)
        summary.metadata = RunMetadata(
            provider=self.endpoint.provider,
            model=self.endpoint.model,
            prompt_name=self.prompt.name,
            prompt_version=self.prompt.version,
            usage=ctx.usage,
            latency_s=round(time.perf_counter() - started, 3),
            model_latency_s=round(ctx.model_seconds, 3),
            requests=ctx.requests,
            attempts=ctx.attempts,
            article_id=article.id,
            decided_by=ctx.decided_by,
        )
        if require_deal and not summary.is_deal:
            raise NoDealError("no deal found in the article", source=article.source)
        return summary

    async def aclose(self) -> None:
        await self._client.close()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


async def summarize_article_async(text: str | Article, **options: Any) -> DealSummary:
    """Summarize one article (async). Options are ``Summarizer``'s keyword arguments."""
    async with Summarizer(**options) as summarizer:
        return await summarizer.summarize(text)


def summarize_article(text: str | Article, **options: Any) -> DealSummary:
    """Summarize one article: ``summarize_article(text, provider=..., model=..., prompt=...)``."""
    return asyncio.run(summarize_article_async(text, **options))


def summary_record(summary: DealSummary, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON-ready record written per article."""
    record = summary.model_dump(mode="json", exclude_none=False)
    if extra:
        record = {**extra, **record}
    return record
