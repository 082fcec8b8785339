"""Run a summarizer over a dataset, score every article, and build the run file.

Articles run concurrently (a semaphore bounds how many are in flight). With record/replay on,
they run one at a time, each inside its own cassette, so a cassette holds exactly one article's
requests. A failing article is recorded as data and scored as an empty summary, never dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import importlib
import os
import time
import types
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from summarize.articles import Article
from summarize.evals import metrics
from summarize.evals.baselines import constant_baselines
from summarize.evals.dataset import Case, Dataset, load_dataset
from summarize.evals.runfile import (
    ArticleError,
    ArticleResult,
    RunConfig,
    RunFile,
    RunTotals,
    ScoreRecord,
)
from summarize.evals.scorers import score_article
from summarize.exceptions import ConfigError, SummarizeError
from summarize.schema import DealSummary, Usage


@runtime_checkable
class SummarizerLike(Protocol):
    """What the harness needs from a summarizer: ``summarize.pipeline.Summarizer`` or a fake."""

    async def summarize(self, article: Article) -> DealSummary: ...


SummarizerSource = SummarizerLike | Callable[[], SummarizerLike] | Mapping[str, Any]
GroundingStats = Callable[[DealSummary], dict[str, tuple[int, int]]]


def _version() -> str:
    try:
        return metadata.version("summarize")
    except metadata.PackageNotFoundError:
        return "0+source"


def _grounding_stats() -> GroundingStats | None:
    try:
        from summarize.grounding import grounding_stats
    except ImportError:
        return None
    return grounding_stats


def _recording() -> types.ModuleType:
    try:
        return importlib.import_module("summarize.recording")
    except ImportError:
        raise ConfigError(
            "record/replay needs summarize.recording, which this install lacks; run without "
            "--replay/--record"
        ) from None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SummarizeError):
        return str(exc)
    from summarize.retry import describe_failure

    return describe_failure(exc)


def _open(
    source: SummarizerSource, concurrency: int, replay_url: str | None
) -> tuple[SummarizerLike, bool]:
    """The summarizer to use and whether we own it (and must close it).

    Replaying over the openai provider needs no server and no key: unless the options name
    them, the client is pointed at the recording module's placeholder endpoint.
    """
    if not isinstance(source, type) and isinstance(source, SummarizerLike):
        return source, False
    if isinstance(source, Mapping):
        from summarize.pipeline import Summarizer

        options = {"concurrency": concurrency, **source}
        if replay_url and options.get("provider") == "openai":
            options["base_url"] = options.get("base_url") or replay_url
            options["api_key"] = options.get("api_key") or os.environ.get(
                "OPENAI_API_KEY", "not-needed"
            )
        return Summarizer(**options), True
    return source(), True


def _settings(summarizer: SummarizerLike) -> dict[str, Any]:
    settings = getattr(summarizer, "settings", None)
    return dict(settings()) if callable(settings) else {}


async def _summarize_case(
    summarizer: SummarizerLike, case: Case, grounding: GroundingStats | None
) -> ArticleResult:
    started = time.perf_counter()
    summary: DealSummary | None = None
    error = None
    try:
        summary = await summarizer.summarize(case.article)
    except Exception as exc:  # one bad article must not sink the run
        error = ArticleError(type=type(exc).__name__, message=_describe(exc))
    elapsed = time.perf_counter() - started
    scores = score_article(case.labels, summary)
    meta = summary.metadata if summary else None
    return ArticleResult(
        id=case.id,
        title=case.labels.title,
        score=round(metrics.article_score(scores), 6),
        scores={name: ScoreRecord(**s.as_dict()) for name, s in scores.items()},
        prediction=summary,
        error=error,
        usage=meta.usage if meta else Usage(),
        latency_s=round(meta.latency_s if meta and meta.latency_s else elapsed, 3),
        grounding=grounding(summary) if grounding and summary else None,
    )


async def run_eval_async(
    dataset: Dataset | str | Path,
    summarizer: SummarizerSource,
    *,
    replay: bool = False,
    record_mode: str | None = None,
    concurrency: int = 4,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> RunFile:
    """Summarize and score every article; ``replay`` plays cassettes back (record_mode "none")."""
    if not isinstance(dataset, Dataset):
        dataset = load_dataset(dataset)
    mode = "none" if replay else record_mode
    recording = _recording() if mode else None
    started_at = dt.datetime.now(dt.timezone.utc)
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(recording.recording_endpoint(mode)) if recording else None
        instance, owned = _open(summarizer, concurrency, url if mode == "none" else None)
        results = await _run_cases(
            dataset, instance, owned, recording, mode, concurrency, on_result
        )
    return _run_file(
        dataset, _settings(instance), results, replay, mode, concurrency, started_at, started
    )


async def _run_cases(
    dataset: Dataset,
    instance: SummarizerLike,
    owned: bool,
    recording: types.ModuleType | None,
    mode: str | None,
    concurrency: int,
    on_result: Callable[[ArticleResult], None] | None,
) -> list[ArticleResult]:
    """Every case, concurrently, or one at a time inside its own cassette."""
    grounding = _grounding_stats()

    def reported(result: ArticleResult) -> ArticleResult:
        if on_result:
            on_result(result)
        return result

    async def in_cassette(case: Case, prompt: Any) -> ArticleResult:
        """One article in its cassette; a complaint on closing it (unplayed responses) is data."""
        result = None
        try:
            with recording.article_cassette(dataset.name, prompt, case.id, mode):  # type: ignore[union-attr]
                result = await _summarize_case(instance, case, grounding)
        except SummarizeError as exc:
            if result is None:
                raise
            error = ArticleError(type=type(exc).__name__, message=str(exc))
            result = result.model_copy(update={"error": error})
        return reported(result)

    try:
        if recording is not None:
            prompt = getattr(instance, "prompt", None) or _settings(instance).get("prompt", "")
            results = [await in_cassette(case, prompt) for case in dataset.cases]
        else:
            semaphore = asyncio.Semaphore(concurrency)

            async def bounded(case: Case) -> ArticleResult:
                async with semaphore:
                    return reported(await _summarize_case(instance, case, grounding))

            results = list(await asyncio.gather(*(bounded(c) for c in dataset.cases)))
    finally:
        close = getattr(instance, "aclose", None)
        if owned and close is not None:
            await close()
    return results


def _run_file(
    dataset: Dataset,
    settings: dict[str, Any],
    results: list[ArticleResult],
    replay: bool,
    mode: str | None,
    concurrency: int,
    started_at: dt.datetime,
    started: float,
) -> RunFile:
    notes = []
    if _grounding_stats() is None:
        notes.append("grounding columns skipped: summarize.grounding.grounding_stats is missing")
    fields = metrics.field_metrics(results)
    grounding_by_field = metrics.grounding_metrics(results)
    hallucinated, produced = metrics.hallucination_counts(fields.values())
    usage = sum((r.usage for r in results), Usage())
    totals = RunTotals(
        overall=round(metrics.overall(fields), 6),
        hallucination_rate=round(hallucinated / produced, 6) if produced else 0.0,
        produced=produced,
        hallucinated=hallucinated,
        grounded_share=metrics.grounded_share(grounding_by_field),
        errors=sum(1 for r in results if r.error),
        usage=usage,
        duration_s=round(time.perf_counter() - started, 3),
        mean_latency_s=round(sum(r.latency_s for r in results) / len(results), 3),
    )
    config = RunConfig(
        dataset=dataset.name,
        dataset_version=str(dataset.meta.version),
        dataset_path=str(dataset.folder),
        split=dataset.split,
        split_version=dataset.split_version,
        frozen=dataset.frozen,
        articles=len(dataset.cases),
        provider=settings.get("provider"),
        model=settings.get("model"),
        prompt_name=settings.get("prompt"),
        prompt_version=settings.get("prompt_version"),
        settings=settings,
        replay=replay,
        record_mode=mode,
        concurrency=1 if mode else concurrency,
        started_at=started_at,
        summarize_version=_version(),
    )
    return RunFile(
        config=config,
        totals=totals,
        fields=fields,
        grounding=grounding_by_field,
        baselines=constant_baselines([c.labels for c in dataset.cases], fields),
        attribution=metrics.attribution(results),
        articles=results,
        notes=notes,
    )


def run_eval(
    dataset: Dataset | str | Path,
    summarizer: SummarizerSource,
    *,
    replay: bool = False,
    record_mode: str | None = None,
    concurrency: int = 4,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> RunFile:
    """Blocking ``run_eval_async`` for scripts and the CLI."""
    return asyncio.run(
        run_eval_async(
            dataset,
            summarizer,
            replay=replay,
            record_mode=record_mode,
            concurrency=concurrency,
            on_result=on_result,
        )
    )
