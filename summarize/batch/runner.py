"""Summarize a stream of articles at full speed, in flat memory, yielding results as they finish.

A fixed pool of ``concurrency`` workers pulls articles from the (lazy) input and pushes
results into a small queue the caller drains, so neither the input nor the output is ever
held whole. Per article: the cache first, then the budget and the rate limits, then the model.
A failed article becomes a result with an error, never an exception that ends the batch.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterable, AsyncIterator, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ConfigDict

from summarize.articles import Article, ArticleProblem, make_article
from summarize.batch.cache import ResultCache, SummaryCache, cache_key
from summarize.batch.cost import Budget, PriceTable
from summarize.batch.limits import RateLimits
from summarize.exceptions import InputError, NoDealError, ProviderError, SummarizeError
from summarize.pipeline import Summarizer, summary_record
from summarize.retry import describe_failure
from summarize.schema import DealSummary, ErrorDetail, ErrorRecord, Usage

Item = Article | ArticleProblem


class ErrorInfo(ErrorDetail):
    """Why an article has no summary, in the words of its error record."""

    model_config = ConfigDict(frozen=True)

    @classmethod
    def from_exception(cls, exc: BaseException) -> ErrorInfo:
        if isinstance(exc, ProviderError):
            return cls(
                type="ProviderError",
                cause=exc.cause or "provider",
                message=str(exc),
                attempts=exc.attempts,
                transient=exc.transient,
            )
        if isinstance(exc, NoDealError):
            return cls(type="NoDealError", cause="no_deal", message=str(exc))
        if isinstance(exc, SummarizeError):
            return cls(type=type(exc).__name__, cause="input", message=str(exc))
        name = type(exc).__name__
        return cls(type=name, cause=name, message=describe_failure(exc))


@dataclass(frozen=True)
class BatchResult:
    """One article's outcome: a summary, or an error saying why not."""

    id: str
    source: str
    summary: DealSummary | None = None
    error: ErrorInfo | None = None
    cached: bool = False
    """The summary came from the cache: no model call, no cost."""
    cost: float | None = None
    """USD spent on this article in this run (0 when cached, None when the price is unknown)."""
    article: Article | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.summary is not None and self.error is None

    def record(self) -> dict[str, Any]:
        """The JSON line written for this article."""
        if self.error is None and self.summary is not None:
            return summary_record(self.summary)
        error = self.error or ErrorInfo(type="Error", cause="unknown", message="no summary")
        detail = ErrorDetail.model_validate(error.model_dump())
        return ErrorRecord(id=self.id, source=self.source, error=detail).model_dump(mode="json")


@dataclass
class BatchStats:
    """Running totals, read by the progress bar and the summary line."""

    succeeded: int = 0
    failed: int = 0
    transient: int = 0
    """Failures a rerun retries (connection, timeout, 429, 5xx, crashed server)."""
    cached: int = 0
    skipped: int = 0
    """Already in the output (resume)."""
    duplicates: int = 0
    """Ids seen earlier in this input: left out so each id is written once."""
    usage: Usage = field(default_factory=Usage)
    """Tokens spent in this run (cache hits cost none)."""
    cost: float | None = 0.0
    stopped_by_budget: bool = False
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        return self.succeeded + self.failed

    @property
    def elapsed_s(self) -> float:
        return time.monotonic() - self.started


class _Source:
    """The input as one shared cursor for all workers, sync or async, with duplicates removed."""

    def __init__(self, items: Iterable[Item | str] | AsyncIterable[Item | str]) -> None:
        self._sync = iter(items) if isinstance(items, Iterable) else None
        self._async = aiter(items) if isinstance(items, AsyncIterable) else None
        self._lock = asyncio.Lock()
        self._count = 0

    async def next(self) -> Item | None:
        if self._sync is not None:
            item = next(self._sync, None)
        else:
            async with self._lock:  # an async generator cannot be advanced twice at once
                item = await anext(self._async, None)  # type: ignore[arg-type]
        if isinstance(item, str):
            self._count += 1
            name = f"text-{self._count}"
            try:
                item = make_article(item, id=name, source=f"<{name}>")
            except InputError as exc:
                item = ArticleProblem(name, f"<{name}>", str(exc))
        return item


class BatchRunner:
    """Runs one Summarizer over many articles; one instance per run, ``stats`` after it."""

    def __init__(
        self,
        summarizer: Summarizer,
        *,
        concurrency: int | None = None,
        cache: SummaryCache | None = None,
        limits: RateLimits | None = None,
        budget: Budget | None = None,
        skip: Collection[str] = (),
        require_deal: bool = False,
        keep_articles: bool = False,
    ) -> None:
        self.summarizer = summarizer
        self.concurrency = concurrency or summarizer.concurrency
        self.cache = cache
        self.limits = limits
        self.budget = budget or Budget(price=None)
        self.require_deal = require_deal
        self.keep_articles = keep_articles
        self.stats = BatchStats(cost=0.0 if self.budget.price is not None else None)
        self._skip = skip if isinstance(skip, set | frozenset) else set(skip)
        self._seen: set[str] = set()
        self._settings = summarizer.settings()

    async def run(
        self, items: Iterable[Item | str] | AsyncIterable[Item | str]
    ) -> AsyncIterator[BatchResult]:
        """Results in the order they finish; stop early by leaving the ``async for``."""
        source = _Source(items)
        results: asyncio.Queue[BatchResult | None] = asyncio.Queue(maxsize=self.concurrency)
        running = self.concurrency
        crashed: list[Exception] = []

        async def worker() -> None:
            nonlocal running
            try:
                while (item := await self._take(source)) is not None:
                    result = await self.one(item)
                    if result is None:  # over budget: stop taking articles
                        break
                    await results.put(result)
            except Exception as exc:  # a bug, not an article's failure: end the batch
                crashed.append(exc)
            running -= 1
            if running == 0:
                await results.put(None)

        workers = [asyncio.create_task(worker()) for _ in range(self.concurrency)]
        try:
            while (result := await results.get()) is not None:
                self._count(result)
                yield result
                if crashed:
                    break
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        if crashed:
            raise crashed[0]

    async def _take(self, source: _Source) -> Item | None:
        """The next article nobody has taken, that is not in the output already."""
        while (item := await source.next()) is not None:
            if item.id in self._skip:
                self.stats.skipped += 1
            elif item.id in self._seen:
                self.stats.duplicates += 1
            else:
                self._seen.add(item.id)
                return item
        return None

    async def one(self, item: Item) -> BatchResult | None:
        """One article, start to finish; None when the budget refuses it.

        ``run`` calls it from its worker pool; a caller that schedules articles itself (one
        Ray actor serving many batches) calls it directly, and skips ``run``'s bookkeeping.
        """
        if isinstance(item, ArticleProblem):
            return BatchResult(item.id, item.source, error=ErrorInfo.from_exception(item.error()))
        key = cache_key(item.text, self._settings) if self.cache is not None else ""
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            if hit.metadata is not None:
                hit.metadata.article_id = item.id
            return self._finish(item, hit, cached=True, cost=0.0)
        chars = len(item.text)
        reserved = await self.budget.reserve(chars)
        if reserved is None:
            self.stats.stopped_by_budget = True
            return None
        estimated = self.budget.estimator.estimate(chars).total_tokens
        if self.limits is not None:
            await self.limits.acquire(estimated)
        try:
            summary = await self.summarizer.summarize(item)
        except Exception as exc:  # one bad article must not sink the batch
            self.budget.settle(reserved, chars, Usage())
            if self.limits is not None:
                self.limits.settle(getattr(exc, "attempts", None) or 1, estimated, estimated)
            return BatchResult(item.id, item.source, error=ErrorInfo.from_exception(exc))
        meta = summary.metadata
        usage = meta.usage if meta else Usage()
        cost = self.budget.settle(reserved, chars, usage)
        if self.limits is not None:
            self.limits.settle(meta.attempts if meta else 1, estimated, usage.total_tokens)
        if self.cache is not None:
            self.cache.put(key, summary)
        return self._finish(item, summary, cached=False, cost=cost)

    def _finish(
        self, article: Article, summary: DealSummary, *, cached: bool, cost: float | None
    ) -> BatchResult:
        kept = article if self.keep_articles else None
        if self.require_deal and not summary.is_deal:
            error = ErrorInfo.from_exception(
                NoDealError("no deal found in the article", source=article.source)
            )
            return BatchResult(article.id, article.source, error=error, cached=cached, cost=cost)
        return BatchResult(
            article.id, article.source, summary=summary, cached=cached, cost=cost, article=kept
        )

    def _count(self, result: BatchResult) -> None:
        if result.ok:
            self.stats.succeeded += 1
        else:
            self.stats.failed += 1
            self.stats.transient += bool(result.error and result.error.transient)
        if result.cached:
            self.stats.cached += 1
        self.stats.usage = self.budget.usage
        self.stats.cost = self.budget.cost


async def summarize_many(
    articles: Iterable[Item | str] | AsyncIterable[Item | str],
    *,
    summarizer: Summarizer | None = None,
    concurrency: int = 8,
    cache: bool | ResultCache = True,
    rpm: float | None = None,
    tpm: float | None = None,
    max_cost: float | None = None,
    prices: PriceTable | None = None,
    skip: Collection[str] = (),
    require_deal: bool = False,
    **options: Any,
) -> AsyncIterator[BatchResult]:
    """Summarize many articles, yielding each result as it finishes.

    ``articles`` may be Articles, plain texts or an async stream of either; ``options`` are
    ``Summarizer``'s keyword arguments when no ``summarizer`` is given (it is then closed at
    the end). For totals while running, use ``BatchRunner`` and read its ``stats``.
    """
    own = summarizer is None
    if summarizer is None:
        summarizer = Summarizer(concurrency=concurrency, **options)
    store = ResultCache() if cache is True else (cache or None)
    try:
        table = prices or PriceTable.load()
        endpoint = summarizer.endpoint
        price = (
            table.require(endpoint.provider, endpoint.model)
            if max_cost is not None
            else table.price(endpoint.provider, endpoint.model)
        )
        runner = BatchRunner(
            summarizer,
            concurrency=concurrency,
            cache=store,
            limits=RateLimits(rpm, tpm) if rpm or tpm else None,
            budget=Budget(price=price, limit=max_cost),
            skip=skip,
            require_deal=require_deal,
        )
        async for result in runner.run(articles):
            yield result
    finally:
        if own:
            await summarizer.aclose()
        if cache is True and store is not None:
            store.close()
