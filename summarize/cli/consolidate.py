"""``summarize consolidate``: a run's JSONL in, one record per deal out."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from summarize.articles import Article, ArticleProblem, iter_articles
from summarize.cli.app import app, err, output_file
from summarize.consolidate import LONG_WINDOW_DAYS, WINDOW_DAYS, ConsolidatedDeal
from summarize.consolidate.api import Options, RunFile, RunStats
from summarize.consolidate.display import deals_table
from summarize.exceptions import InputError

TABLE_LIMIT = 20
"""The summary table is printed for at most this many deals; the JSONL has them all."""


def _articles(paths: list[Path]) -> list[Article]:
    articles = []
    for item in iter_articles(paths):
        if isinstance(item, ArticleProblem):
            err.print(f"skipping article: {item.message}", soft_wrap=True)
        else:
            articles.append(item)
    return articles


def read_dates(path: Path) -> dict[str, dt.date]:
    """``article id: YYYY-MM-DD`` lines (YAML or JSON) giving each report's publication date."""
    try:
        # BaseLoader keeps every value a string, so a bad date is ours to report, not YAML's.
        data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except FileNotFoundError:
        raise InputError("no such dates file", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from None
    except yaml.YAMLError:
        raise InputError(
            "not YAML; write one 'article-id: 2024-05-01' per line", source=str(path)
        ) from None
    if not isinstance(data, dict):
        raise InputError("write one 'article-id: 2024-05-01' per line", source=str(path))
    dates = {}
    for key, value in data.items():
        try:
            dates[str(key)] = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise InputError(
                f"{key}: {value!r} is not a YYYY-MM-DD date", source=str(path)
            ) from None
    return dates


def _report(stats: RunStats, out: Path | None) -> None:
    skipped = []
    if stats.errors:
        skipped.append(f"{stats.errors} error line{'s' * (stats.errors != 1)}")
    if stats.invalid:
        skipped.append(f"{stats.invalid} invalid (first: {stats.first_problem})")
    if stats.no_deal:
        skipped.append(f"{stats.no_deal} without a deal")
    if stats.duplicates:
        skipped.append(f"{stats.duplicates} repeated ids")
    note = f"; skipped {', '.join(skipped)}" if skipped else ""
    where = f" → {out}" if out else ""
    took = ", ".join(f"{step} {s:.1f} s" for step, s in stats.seconds.items())
    err.print(
        f"{stats.summaries} summaries → {stats.deals} deal{'s' * (stats.deals != 1)}{where}{note}"
        + (f" ({took})" if took else ""),
        soft_wrap=True,
    )


@app.command()
def consolidate(
    runs: Annotated[Path, typer.Argument(help="JSONL written by 'summarize run'.", dir_okay=False)],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", dir_okay=False, help="Write deals here as JSONL (default: stdout)."
        ),
    ] = None,
    articles: Annotated[
        list[Path] | None,
        typer.Option(
            "--articles", "-a", help="The articles the run read: quotes in context, relays."
        ),
    ] = None,
    dates: Annotated[
        Path | None,
        typer.Option("--dates", help="YAML of 'article-id: YYYY-MM-DD' publication dates."),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", dir_okay=False, help="Also write an HTML view of the deals."),
    ] = None,
    window_days: Annotated[
        int, typer.Option("--window-days", min=0, help="Most days between reports of one deal.")
    ] = WINDOW_DAYS,
    long_window_days: Annotated[
        int,
        typer.Option(
            "--long-window-days", min=0, help="The same once a report says pending/closed."
        ),
    ] = LONG_WINDOW_DAYS,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-j", min=0, help="Processes reading and merging (0: one per CPU)."
        ),
    ] = 0,
) -> None:
    """Group the summaries that report the same deal and merge each group into one record."""
    output_file(out)
    output_file(html)
    texts = _articles(articles) if articles else None
    options = Options(
        published=read_dates(dates) if dates else {},
        window_days=window_days,
        long_window_days=long_window_days,
    )
    run = RunFile(runs, options)
    kept: list[str] = []
    handle = out.open("w", encoding="utf-8") if out else sys.stdout
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not err.is_terminal, transient=True,
    )  # fmt: skip
    task = progress.add_task("reading and grouping", total=None)
    try:
        with progress:
            for n, line in enumerate(run.lines(texts, workers=workers or os.cpu_count() or 1)):
                if n == 0:  # grouping is done: the number of deals is known
                    progress.update(task, description="merging", total=run.stats.groups)
                progress.advance(task)
                handle.write(line + "\n")
                if html is not None or len(kept) <= TABLE_LIMIT:
                    kept.append(line)
    finally:
        if out:
            handle.close()
        else:
            handle.flush()
    _report(run.stats, out)
    if 0 < len(kept) <= TABLE_LIMIT or html is not None:
        deals = [ConsolidatedDeal.model_validate_json(line) for line in kept]
        if len(deals) <= TABLE_LIMIT:
            err.print(deals_table(deals))
        if html is not None:
            from summarize.consolidate.html import render_deals_html

            html.write_text(render_deals_html(deals, articles=texts), encoding="utf-8")
            err.print(f"wrote {html}")
