"""``summarize run``: articles in, one JSON record per article out, streamed and resumable."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from itertools import chain, islice
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from summarize.articles import MAX_ARTICLE_BYTES, Article, ArticleProblem, iter_articles
from summarize.batch import (
    BatchResult,
    BatchRunner,
    Budget,
    OutputLog,
    PriceTable,
    RateLimits,
    ResultCache,
)
from summarize.batch.progress import (
    batch_progress,
    count_inputs,
    progress_fields,
    resume_lines,
    summary_line,
)
from summarize.cli import options
from summarize.cli.app import app, err, output_file
from summarize.cli.run_ray import RayOptions, run_on_ray
from summarize.exceptions import ConfigError, SummarizeError
from summarize.pipeline import Summarizer
from summarize.prompts import parse_settings
from summarize.schema import DealSummary

EXIT_FAILED = 1
"""Some articles have error records."""
EXIT_BUDGET = 3
"""--max-cost stopped the run; rerunning the same command with a higher budget finishes it."""


Item = Article | ArticleProblem


class Engine(str, Enum):
    """Where the articles are summarized."""

    process = "process"
    ray = "ray"


def _refuse_on_ray(*, max_cost: float | None, html: Path | None, consolidate: bool) -> None:
    """Options that need every summary in one process, or a budget no cluster shares."""
    if max_cost is not None:
        raise ConfigError(
            "--max-cost is not enforced across a cluster; cap the rate with --rpm/--tpm and "
            "estimate the cost first (docs/scale.md)"
        )
    if html is not None or consolidate:
        raise ConfigError(
            "--html and --consolidate read every summary in one process; join the shards "
            "(cat DIR/part-*.jsonl > run.jsonl) for 'summarize show' or 'summarize consolidate'"
        )


def _peek(items: Iterator[Item]) -> tuple[list[Item], Iterable[Item]]:
    """The first two inputs (to tell one article from many) and the whole stream."""
    head = list(islice(items, 2))
    return head, chain(head, items)


async def _drive(
    runner: BatchRunner,
    items: Iterable[Article | ArticleProblem],
    write: Callable[[BatchResult], None],
    on_result: Callable[[], None],
) -> None:
    try:
        async for result in runner.run(items):
            write(result)
            on_result()
    finally:
        await runner.summarizer.aclose()


@app.command()
def run(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Text/HTML/Markdown files, folders, '-' for stdin, or .jsonl of {id, text}."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Append JSONL here (resuming: ids already in it are skipped); "
            "with --engine ray, a folder of JSONL shards.",
        ),
    ] = None,
    provider: options.Provider = None,
    model: options.Model = None,
    base_url: options.BaseUrl = None,
    prompt: options.PromptName = None,
    prompt_setting: options.PromptSetting = None,
    mode: options.Mode = None,
    grounding: options.Grounding = None,
    no_adapter: options.NoAdapter = False,
    concurrency: options.Concurrency = 4,
    rpm: Annotated[
        float | None, typer.Option("--rpm", min=0.1, help="Most requests per minute to send.")
    ] = None,
    tpm: Annotated[
        float | None, typer.Option("--tpm", min=1, help="Most tokens per minute to spend.")
    ] = None,
    max_cost: Annotated[
        float | None,
        typer.Option(
            "--max-cost",
            min=0,
            help="Stop (exit 3) before spending more than this many USD; rerun to go on.",
        ),
    ] = None,
    prices: Annotated[
        Path | None,
        typer.Option("--prices", help="YAML of 'model: {input: USD/M, output: USD/M}' overrides."),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="SUMMARIZE_NO_CACHE",
            help="Neither read nor write the result cache (see 'summarize cache').",
        ),
    ] = False,
    no_resume: Annotated[
        bool,
        typer.Option("--no-resume", help="Replace an existing --out file instead of resuming."),
    ] = False,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html", dir_okay=False, help="Also write an HTML view with highlighted evidence."
        ),
    ] = None,
    consolidate: Annotated[
        bool,
        typer.Option(
            "--consolidate",
            help="Print one consolidated record per deal instead of one per article "
            "(per-article records still go to --out).",
        ),
    ] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest article accepted.")] = MAX_ARTICLE_BYTES,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="process: this process (default); ray: a Ray cluster's workers, "
            "writing shards to --out DIR (pip install 'summarize[ray]').",
        ),
    ] = Engine.process,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="auto, ray://HOST:10001 or HOST:6379; default: start a Ray on this machine.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Ray worker actors (default: one per CPU of the cluster)."
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            file_okay=False,
            help="Ray: a result cache folder every worker mounts (default: each machine's own).",
        ),
    ] = None,
) -> None:
    """Summarize articles into DealSummary JSON, one record per article."""
    logging.getLogger("instructor").addHandler(logging.NullHandler())  # we report failures
    if engine is Engine.ray:
        _refuse_on_ray(max_cost=max_cost, html=html, consolidate=consolidate)
        run_on_ray(
            paths,
            out,
            RayOptions(
                address=ray_address, workers=workers, concurrency=concurrency,
                cache_dir=cache_dir, no_cache=no_cache,
            ),
            summarizer_options={
                "provider": provider, "model": model, "base_url": base_url, "prompt": prompt,
                "mode": mode, "grounding": grounding, "use_adapter": not no_adapter,
            },
            rpm=rpm, tpm=tpm, prices=prices, no_resume=no_resume, max_bytes=max_bytes,
        )  # fmt: skip
        return
    if ray_address or workers or cache_dir:
        raise ConfigError("--ray-address, --workers and --cache-dir need --engine ray")
    if out is not None and out.is_dir():
        raise ConfigError(f"'--out' {out} is a directory; a folder of shards needs --engine ray")
    head, items = _peek(iter_articles(paths, max_bytes=max_bytes))
    if len(head) == 1 and isinstance(head[0], ArticleProblem):
        raise SummarizeError(head[0].message)
    single = len(head) == 1 and out is None
    summarizer = Summarizer(
        provider=provider, model=model, base_url=base_url, prompt=prompt, mode=mode,
        grounding=grounding, concurrency=concurrency, use_adapter=not no_adapter,  # type: ignore[arg-type]
        prompt_settings=parse_settings(prompt_setting or []),
    )  # fmt: skip
    endpoint = summarizer.endpoint
    table = PriceTable.load(prices)
    price = (
        table.require(endpoint.provider, endpoint.model)
        if max_cost is not None
        else table.price(endpoint.provider, endpoint.model)
    )
    if no_resume and out is None:
        raise ConfigError("--no-resume only applies with --out")
    output_file(html)
    log = OutputLog(out, resume=not no_resume).open() if out else None
    cache = None if no_cache else ResultCache()
    runner = BatchRunner(
        summarizer,
        concurrency=concurrency,
        cache=cache,
        limits=RateLimits(rpm, tpm) if rpm or tpm else None,
        budget=Budget(price=price, limit=max_cost),
        skip=log.done if log else (),
        require_deal=True,
        keep_articles=html is not None or consolidate,
    )
    for line in resume_lines(log, out) if log else []:
        err.print(line)
    done: list[tuple[Article, DealSummary]] = []

    def write(result: BatchResult) -> None:
        record = result.record()
        if log:
            log.write(record)
        elif consolidate:
            pass  # stdout carries the consolidated deals instead
        else:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2 if single else None))
            sys.stdout.write("\n")
            sys.stdout.flush()
        if result.error:
            err.print(f"[red]error:[/red] {escape(result.error.message)}", soft_wrap=True)
        elif (html is not None or consolidate) and result.article and result.summary:
            done.append((result.article, result.summary))

    total = None if single else count_inputs(paths)
    show = not single and err.is_terminal
    with batch_progress(err, enabled=show) as progress:
        task = progress.add_task("summarizing", total=total, **progress_fields(runner.stats))
        if total is not None and log:
            progress.update(task, total=max(total - len(log.done), 0))

        def advance() -> None:
            progress.update(task, advance=1, **progress_fields(runner.stats))

        try:
            asyncio.run(_drive(runner, items, write, advance))
        finally:
            if log:
                log.close()
            if cache:
                cache.close()
    _report(runner, out, html, done, single, consolidate)


def _report(
    runner: BatchRunner,
    out: Path | None,
    html: Path | None,
    done: list[tuple[Article, DealSummary]],
    single: bool,
    consolidate: bool = False,
) -> None:
    stats = runner.stats
    if consolidate:
        from summarize.consolidate.display import print_consolidated

        print_consolidated(done, stream=sys.stdout, console=err, html=html)
    elif html and done:
        from summarize.grounding.html import render_html

        html.write_text(render_html(done), encoding="utf-8")
        err.print(f"wrote {html}")
    if not single:  # one article: its record or its one-line error says it all
        err.print(summary_line(stats, out), soft_wrap=True)
    if stats.stopped_by_budget:
        budget = runner.budget
        err.print(
            f"stopped before passing --max-cost ${budget.limit:g} (spent ${budget.spent:.4f}); "
            "run the same command with a higher --max-cost to finish",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_BUDGET)
    if stats.failed:
        raise typer.Exit(EXIT_FAILED)
