"""``summarize run``: articles in, one JSON record per article out."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from summarize.articles import MAX_ARTICLE_BYTES, Article, ArticleProblem, iter_articles
from summarize.cli import options
from summarize.cli.app import app, err
from summarize.exceptions import SummarizeError
from summarize.pipeline import Summarizer, summary_record
from summarize.retry import describe_failure
from summarize.schema import DealSummary


def error_record(article_id: str, source: str, exc: BaseException | str) -> dict[str, Any]:
    """What a failed article leaves in the output: never silently dropped."""
    if isinstance(exc, str):
        kind, message, attempts = "InputError", exc, None
    else:
        kind = type(exc).__name__
        message = str(exc) if isinstance(exc, SummarizeError) else describe_failure(exc)
        attempts = getattr(exc, "attempts", None)
    return {"id": article_id, "source": source, "error": {"type": kind, "message": message, "attempts": attempts}}


async def _summarize_all(
    items: list[Article | ArticleProblem],
    summarizer: Summarizer,
    write: Any,
    progress: Progress | None,
) -> tuple[int, list[tuple[Article, DealSummary]]]:
    semaphore = asyncio.Semaphore(summarizer.concurrency)
    task = progress.add_task("summarizing", total=len(items)) if progress else None
    failures = 0
    done: list[tuple[Article, DealSummary]] = []

    async def one(item: Article | ArticleProblem) -> None:
        nonlocal failures
        if isinstance(item, ArticleProblem):
            failures += 1
            write(error_record(item.id, item.source, item.message), error=item.message)
        else:
            async with semaphore:
                try:
                    summary = await summarizer.summarize(item, require_deal=True)
                except Exception as exc:  # one bad article must not sink the batch
                    failures += 1
                    write(error_record(item.id, item.source, exc), error=str(exc))
                else:
                    done.append((item, summary))
                    write(summary_record(summary))
        if progress and task is not None:
            progress.advance(task)

    await asyncio.gather(*(one(item) for item in items))
    await summarizer.aclose()
    return failures, done


@app.command()
def run(
    paths: Annotated[
        list[str],
        typer.Argument(help="Text/HTML/Markdown files, folders, '-' for stdin, or .jsonl of {id, text}."),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write JSONL here instead of stdout.")
    ] = None,
    provider: options.Provider = None,
    model: options.Model = None,
    base_url: options.BaseUrl = None,
    prompt: options.PromptName = None,
    mode: options.Mode = None,
    grounding: options.Grounding = None,
    no_adapter: options.NoAdapter = False,
    concurrency: options.Concurrency = 4,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write an HTML view with highlighted evidence.")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest article accepted.")] = MAX_ARTICLE_BYTES,
) -> None:
    """Summarize articles into DealSummary JSON, one record per article."""
    items = list(iter_articles(paths, max_bytes=max_bytes))
    if len(items) == 1 and isinstance(items[0], ArticleProblem):
        raise SummarizeError(items[0].message)
    summarizer = Summarizer(
        provider=provider, model=model, base_url=base_url, prompt=prompt, mode=mode,
        grounding=grounding, concurrency=concurrency, use_adapter=not no_adapter,  # type: ignore[arg-type]
    )  # fmt: skip
    single = len(items) == 1 and out is None
    sink: TextIO = out.open("a", encoding="utf-8") if out else sys.stdout

    def write(record: dict[str, Any], error: str | None = None) -> None:
        sink.write(json.dumps(record, ensure_ascii=False, indent=2 if single else None) + "\n")
        sink.flush()
        if error:
            err.print(f"[red]error:[/red] {error}", soft_wrap=True)

    show_progress = len(items) > 1 and err.is_terminal
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not show_progress,
    )  # fmt: skip
    try:
        with progress:
            failures, done = asyncio.run(_summarize_all(items, summarizer, write, progress))
    finally:
        if out:
            sink.close()
    if html and done:
        from summarize.grounding.html import render_html

        html.write_text(render_html(done), encoding="utf-8")
        err.print(f"wrote {html}")
    ok = len(items) - failures
    if len(items) > 1 or failures:
        err.print(f"{ok} summarized, {failures} failed" + (f" -> {out}" if out else ""))
    if failures:
        raise typer.Exit(1)
