"""The batch progress bar: done/total, articles per second, ETA, tokens and cost so far."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from summarize.articles import ARTICLE_SUFFIXES
from summarize.batch.cost import format_cost
from summarize.batch.runner import BatchStats


class ResumeState(Protocol):
    """What an output (one JSONL file, or a folder of shards) found from earlier runs."""

    torn_bytes: int
    kept_errors: int

    @property
    def done(self) -> Collection[str]: ...
    @property
    def retrying(self) -> Collection[str]: ...


def resume_lines(state: ResumeState, where: object) -> list[str]:
    """What a resumed run says before it starts: a torn tail cut, and what it skips and retries."""
    lines = []
    if state.torn_bytes:
        torn = state.torn_bytes
        lines.append(f"cut {torn} bytes of a record left half-written by an earlier run")
    if state.done or state.retrying:
        kept = f", {state.kept_errors} of them permanent failures" if state.kept_errors else ""
        again = (
            f"; retrying {len(state.retrying)} that failed for a transient reason"
            if state.retrying
            else ""
        )
        lines.append(f"resuming: {len(state.done)} articles already in {where}{kept}{again}")
    return lines


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many articles the inputs hold, cheaply (lines, files); None for stdin."""
    total = 0
    for item in paths:
        if str(item) == "-":
            return None
        path = Path(item)
        if path.is_dir():
            total += sum(
                1 for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


class _RateColumn(ProgressColumn):
    """Articles per second over the whole run (rich's own speed is a short window)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f}/s", style="progress.data.speed")


def batch_progress(console: Console, *, enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[tokens]} tok  {task.fields[cost]}  {task.fields[notes]}"),
        TimeElapsedColumn(),
        console=console,
        disable=not enabled,
        refresh_per_second=4,
    )


def progress_fields(stats: BatchStats) -> dict[str, str]:
    """The bar's text fields from the running totals."""
    notes = []
    if stats.failed:
        notes.append(f"[red]{stats.failed} failed[/red]")
    if stats.cached:
        notes.append(f"{stats.cached} cached")
    return {
        "tokens": f"{stats.usage.total_tokens:,}",
        "cost": format_cost(stats.cost),
        "notes": " ".join(notes),
    }


def summary_line(stats: BatchStats, out: Path | None) -> str:
    """The one line a run ends with: counts, tokens, cost, speed."""
    failed = f"{stats.failed} failed"
    if stats.failed:
        permanent = stats.failed - stats.transient
        failed += f" ({stats.transient} transient, retried by a rerun; {permanent} permanent)"
    parts = [f"{stats.succeeded} summarized", failed]
    if stats.cached:
        parts.append(f"{stats.cached} from cache")
    if stats.skipped:
        parts.append(f"{stats.skipped} already in {out.name if out else 'the output'}")
    if stats.duplicates:
        parts.append(f"{stats.duplicates} duplicate ids skipped")
    usage = stats.usage
    parts.append(
        f"{usage.total_tokens:,} tokens ({usage.prompt_tokens:,} in, "
        f"{usage.completion_tokens:,} out)"
    )
    parts.append(format_cost(stats.cost))
    elapsed = stats.elapsed_s
    if stats.done and elapsed > 0:
        parts.append(f"{elapsed:.1f}s, {stats.done / elapsed:.1f}/s")
    return ", ".join(parts) + (f" -> {out}" if out else "")
