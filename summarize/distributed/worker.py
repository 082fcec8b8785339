"""One worker of a distributed run: batches of rows in, one output record per row out.

Ray Data makes one ``SummarizeWorker`` per actor and awaits ``__call__`` for each batch on
the actor's event loop, several batches at a time. Every call shares the actor's one
``Summarizer`` (one HTTP client) and one ``BatchRunner`` (cache, rate limits, prices), and a
semaphore keeps ``concurrency`` articles in flight across them, so the actor stays busy
while a slow article holds up the end of a batch. Nothing here imports Ray: the class is
plain Python that any batch engine could drive (numpy arrays in and out).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from summarize.articles import Article, ArticleProblem, make_article
from summarize.batch.cache import ResultCache, SummaryCache, default_cache_path
from summarize.batch.cost import Budget, ModelPrice
from summarize.batch.limits import RateLimits
from summarize.batch.runner import BatchResult, BatchRunner
from summarize.batch.sharedcache import SharedCache
from summarize.exceptions import InputError
from summarize.pipeline import Summarizer
from summarize.prompts import Prompt, load_prompt
from summarize.providers import Endpoint
from summarize.retry import RetryPolicy

if TYPE_CHECKING:
    import numpy as np

CacheKind = Literal["node", "shared", "off"]
INPUT_COLUMNS = ("text", "problem", "skip")
"""Read by the worker and not passed on: the article, a reader's complaint, a resume skip."""
OUTPUT_COLUMNS = (
    "id", "record", "status", "transient", "cached", "cost", "prompt_tokens", "completion_tokens",
)  # fmt: skip
"""Added to every row: ``record`` is the JSON line ``summarize run --out`` writes."""


@dataclass(frozen=True)
class PromptFile:
    """A prompt as its file's bytes: a path on the driver means nothing on another machine.

    The worker writes the same bytes under the same name and loads them, so the template's
    fingerprint (part of every cache key) is the driver's.
    """

    name: str
    text: str

    @classmethod
    def of(cls, prompt: Prompt) -> PromptFile:
        return cls(prompt.path.name, prompt.path.read_text(encoding="utf-8"))

    def load(self, folder: Path) -> Prompt:
        path = folder / self.name
        path.write_text(self.text, encoding="utf-8")
        return load_prompt(str(path))


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs, picklable, sent once per actor."""

    endpoint: Endpoint
    prompt: PromptFile
    grounding: str
    concurrency: int = 16
    """Articles in flight in one worker."""
    retry: RetryPolicy | None = None
    max_reasks: int = 2
    cache: CacheKind = "node"
    """``node``: the SQLite cache of the machine the worker runs on; ``shared``: a folder
    every machine mounts (``SharedCache``); ``off``: neither read nor written."""
    cache_path: Path | None = None
    """The SQLite file (``node``; default: the machine's own) or the folder (``shared``)."""
    price: ModelPrice | None = None
    rpm: float | None = None
    """This worker's share of the requests per minute."""
    tpm: float | None = None
    require_deal: bool = False


class SummarizeWorker:
    """The callable class given to ``Dataset.map_batches``: one per Ray actor."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self._runner: BatchRunner | None = None
        self._cache: SummaryCache | None = None
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._prompt_dir = tempfile.TemporaryDirectory(prefix="summarize-prompt-")

    def _start(self) -> BatchRunner:
        """Built on the first call, on the actor's event loop, where the client must live."""
        if self._runner is None:
            config = self.config
            summarizer = Summarizer(
                endpoint=config.endpoint,
                prompt=config.prompt.load(Path(self._prompt_dir.name)),
                grounding=config.grounding,  # type: ignore[arg-type]
                retry=config.retry,
                max_reasks=config.max_reasks,
                concurrency=config.concurrency,
            )
            self._cache = self._open_cache()
            self._runner = BatchRunner(
                summarizer,
                concurrency=config.concurrency,
                cache=self._cache,
                limits=RateLimits(config.rpm, config.tpm) if config.rpm or config.tpm else None,
                budget=Budget(price=config.price),
                require_deal=config.require_deal,
            )
            self._slots = asyncio.Semaphore(config.concurrency)
            self._loop = asyncio.get_running_loop()
        return self._runner

    async def aclose(self) -> None:
        """Close the HTTP client and the cache (from the loop that runs the worker)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.summarizer.aclose()
            if isinstance(self._cache, ResultCache):
                self._cache.close()
        self._prompt_dir.cleanup()

    def close(self) -> None:
        """``aclose`` from another thread: Ray drops the worker from the actor's main thread
        while its loop runs in a thread of its own. A killed actor skips this."""
        loop = self._loop
        if self._runner is None or loop is None or not loop.is_running():
            self._prompt_dir.cleanup()
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:  # dropped on the loop itself: it cannot wait for itself
            loop.create_task(self.aclose())
            return
        with contextlib.suppress(Exception):  # closing at exit is best effort
            asyncio.run_coroutine_threadsafe(self.aclose(), loop).result(timeout=5)

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # at interpreter exit anything may be gone
            self.close()

    def _open_cache(self) -> SummaryCache | None:
        config = self.config
        if config.cache == "off":
            return None
        if config.cache == "shared":
            assert config.cache_path is not None, "a shared cache needs its folder"
            return SharedCache(config.cache_path)
        return ResultCache(config.cache_path or default_cache_path())

    async def __call__(self, batch: Mapping[str, Any]) -> dict[str, Any]:
        runner = self._start()
        items = _items(batch)
        outcomes = await asyncio.gather(*(self._one(runner, item) for item in items))
        out: dict[str, Any] = {
            name: column for name, column in batch.items() if name not in INPUT_COLUMNS
        }
        columns = _columns(outcomes)
        out.update({name: columns[name] for name in OUTPUT_COLUMNS})
        return out

    async def _one(self, runner: BatchRunner, item: Article | ArticleProblem | str) -> _Outcome:
        if isinstance(item, str):  # already in the output: resuming
            return _Outcome.skipped(item)
        assert self._slots is not None
        async with self._slots:
            result = await runner.one(item)
        assert result is not None, "a worker has no budget to run out of"
        return _Outcome.of(result)


@dataclass(frozen=True)
class _Outcome:
    id: str
    record: str
    status: Literal["ok", "error", "skipped"]
    transient: bool = False
    cached: bool = False
    cost: float = math.nan
    """NaN when the model has no price (Arrow has no None for a float column in numpy)."""
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @classmethod
    def skipped(cls, article_id: str) -> _Outcome:
        return cls(article_id, "", "skipped", cost=0.0)

    @classmethod
    def of(cls, result: BatchResult) -> _Outcome:
        record = json.dumps(result.record(), ensure_ascii=False)
        cost = math.nan if result.cost is None else result.cost
        if not result.ok:
            transient = bool(result.error and result.error.transient)
            return cls(result.id, record, "error", transient, result.cached, cost)
        meta = result.summary.metadata if result.summary else None
        if result.cached or meta is None:
            return cls(result.id, record, "ok", cached=result.cached, cost=cost)
        usage = meta.usage
        return cls(
            result.id, record, "ok", False, False, cost,
            usage.prompt_tokens, usage.completion_tokens,
        )  # fmt: skip


def _items(batch: Mapping[str, Any]) -> list[Article | ArticleProblem | str]:
    """The rows as articles, problems (bad input), or bare ids (skipped on resume)."""
    ids = [str(i) for i in batch["id"]]
    texts = batch["text"]
    count = len(ids)
    sources = _column(batch, "source", count)
    problems = _column(batch, "problem", count)
    skips = _column(batch, "skip", count)
    items: list[Article | ArticleProblem | str] = []
    for i, article_id in enumerate(ids):
        source = str(sources[i]) if sources[i] else f"<{article_id}>"
        if skips[i]:
            items.append(article_id)
        elif problems[i]:
            items.append(ArticleProblem(article_id, source, str(problems[i])))
        else:
            try:
                items.append(make_article(str(texts[i] or ""), id=article_id, source=source))
            except InputError as exc:
                items.append(ArticleProblem(article_id, source, str(exc)))
    return items


def _column(batch: Mapping[str, Any], name: str, count: int) -> Sequence[Any]:
    return batch[name] if name in batch else [None] * count


def _columns(outcomes: Sequence[_Outcome]) -> dict[str, np.ndarray]:
    import numpy as np  # Ray Data's batch format; numpy comes with Ray

    return {
        "id": np.array([o.id for o in outcomes], dtype=object),
        "record": np.array([o.record for o in outcomes], dtype=object),
        "status": np.array([o.status for o in outcomes], dtype=object),
        "transient": np.array([o.transient for o in outcomes], dtype=bool),
        "cached": np.array([o.cached for o in outcomes], dtype=bool),
        "cost": np.array([o.cost for o in outcomes], dtype=float),
        "prompt_tokens": np.array([o.prompt_tokens for o in outcomes], dtype=np.int64),
        "completion_tokens": np.array([o.completion_tokens for o in outcomes], dtype=np.int64),
    }
