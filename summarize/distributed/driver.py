"""The driver of a distributed run: input files in, exactly-once shards out, in passes.

Ray Data reads the files and runs the workers; the driver receives every finished batch
and appends its new records to the shards. Every input line or file comes back as one row:
a record, or a bare id already in the output (``skip``), so the driver can prove that the
input came back whole. A worker that Ray restarts (its process crashed, its node was lost)
redoes its unfinished blocks within the pass. When a worker is gone for good (``ray.kill``,
restarts exhausted), Ray Data stops the pass; the driver then starts another over the same
input, with everything written so far skipped and a fresh pool of workers, as it does when
rows are missing at the end of a pass. A resumed run is the same thing started from the
command line.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ray
from ray.exceptions import NodeDiedError, ObjectLostError, RayActorError, WorkerCrashedError

from summarize.batch.runner import BatchStats
from summarize.distributed.ids import digest_array
from summarize.distributed.ray import map_summaries
from summarize.distributed.reader import read_articles
from summarize.distributed.shards import ShardedOutput
from summarize.distributed.worker import SummarizeWorker, WorkerConfig
from summarize.schema import Usage

MAX_PASSES = 3
LOST_WORKERS = (RayActorError, WorkerCrashedError, NodeDiedError, ObjectLostError)
"""Failures of the cluster, not of the articles: another pass redoes what they lost."""
_COLUMNS = ("id", "record", "status", "transient", "cached", "cost",
            "prompt_tokens", "completion_tokens")  # fmt: skip


@dataclass
class RunOutcome:
    """The run's totals, and what the last pass left undone."""

    stats: BatchStats
    passes: int = 0
    missing: int | None = None
    """Input rows that never came back in the last pass (None: the input size is unknown)."""
    failure: str | None = None
    """What ended the last pass early, when it did not finish (a message: the exception
    itself would hold its frames, and with them the pass's worker handles, alive)."""
    seen: set[str] = field(default_factory=set, repr=False)
    """Ids written by this run."""


@dataclass
class _Pass:
    rows: int = 0
    skipped: int = 0
    """Rows whose id was in the output before the run started."""


def run_to_shards(
    files: list[str],
    output: ShardedOutput,
    config: WorkerConfig,
    *,
    total: int | None,
    num_workers: int,
    worker_cpus: float = 0.5,
    worker_class: type[SummarizeWorker] = SummarizeWorker,
    max_bytes: int | None = None,
    on_rows: Callable[[BatchStats, int], None] = lambda stats, rows: None,
    on_retry: Callable[[str], None] = lambda message: None,
) -> RunOutcome:
    """Summarize ``files`` into ``output`` on the connected Ray cluster.

    ``total`` is the number of input rows when known (local files): a pass that returns
    fewer is followed by another, up to ``MAX_PASSES``. ``on_rows`` hears of every batch,
    ``on_retry`` of every new pass and why.
    """
    outcome = RunOutcome(BatchStats(cost=0.0 if config.price is not None else None))
    reading = {} if max_bytes is None else {"max_bytes": max_bytes}
    while outcome.passes < MAX_PASSES:
        outcome.passes += 1
        outcome.failure = None
        skip = output.done | outcome.seen
        rows = read_articles(files, skip=ray.put(digest_array(skip)) if skip else None, **reading)
        results = map_summaries(
            rows, config, num_workers=num_workers, worker_cpus=worker_cpus,
            worker_class=worker_class,
        )  # fmt: skip
        this = _Pass()
        try:
            for batch in results.iter_batches(batch_size=None, batch_format="pyarrow"):
                records = batch.select(list(_COLUMNS)).to_pylist()
                for row in records:
                    _take(row, output, outcome, this)
                on_rows(outcome.stats, len(records))
        except LOST_WORKERS as exc:
            outcome.failure = _first_line(exc)
        stats = outcome.stats
        stats.skipped = this.skipped
        stats.duplicates = max(0, this.rows - this.skipped - len(outcome.seen))
        outcome.missing = None if total is None else max(0, total - this.rows)
        if outcome.failure is None and not outcome.missing:
            break
        if outcome.passes < MAX_PASSES:
            why = (
                f"a Ray worker was lost ({outcome.failure})"
                if outcome.failure
                else f"{outcome.missing} articles did not come back"
            )
            on_retry(f"{why}; pass {outcome.passes + 1} redoes what is not in the output yet")
            # The last pass's workers hold CPUs until their handles are collected; the next
            # pass's reads need those CPUs on a small cluster.
            del results, rows
            gc.collect()
    return outcome


def _take(row: dict[str, Any], output: ShardedOutput, outcome: RunOutcome, this: _Pass) -> None:
    this.rows += 1
    article_id = row["id"]
    if row["status"] == "skipped":
        this.skipped += article_id in output.done
        return
    if article_id in outcome.seen:  # repeated in the input, or a batch Ray ran twice
        return
    outcome.seen.add(article_id)
    output.write_line(row["record"])
    stats = outcome.stats
    if row["status"] == "ok":
        stats.succeeded += 1
    else:
        stats.failed += 1
        stats.transient += bool(row["transient"])
    stats.cached += bool(row["cached"])
    stats.usage = stats.usage + Usage(
        prompt_tokens=row["prompt_tokens"], completion_tokens=row["completion_tokens"]
    )
    if stats.cost is not None:
        cost = row["cost"]
        stats.cost = None if cost is None or math.isnan(cost) else stats.cost + cost


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
