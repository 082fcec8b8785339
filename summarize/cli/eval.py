"""``summarize eval``: score a provider/prompt on a labeled dataset; ``eval diff`` compares runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from summarize.cli import options
from summarize.cli.app import app, err, output_file
from summarize.evals.compare import comparison_markdown, comparison_table
from summarize.evals.dataset import Dataset, freeze_split, load_splits
from summarize.evals.diff import diff_runs, rich_diff
from summarize.evals.gate import check_gate, gate_message, parse_min_scores
from summarize.evals.html import render_html
from summarize.evals.report import markdown_report, print_report
from summarize.evals.runfile import ArticleResult, RunFile
from summarize.evals.runner import run_eval
from summarize.exceptions import ConfigError
from summarize.prompts import parse_settings

eval_app = typer.Typer(
    help="Score summaries against a hand-labeled dataset, compare runs, gate CI on quality.",
    no_args_is_help=False,
)
app.add_typer(eval_app, name="eval")

RECORD_MODE = "rewrite"
"""``--record`` deletes each article's cassette and records it anew against the live endpoint."""


@eval_app.callback(invoke_without_command=True)
def eval_run(
    ctx: typer.Context,
    dataset: Annotated[
        str, typer.Option("--dataset", "-d", help="Dataset name under evals/datasets/ or a folder.")
    ] = "deals",
    split: Annotated[
        str | None,
        typer.Option(
            "--split",
            "-s",
            help="Split(s) to score: dev, test, or dev,test side by side (default: the dataset's "
            "default split, dev for deals).",
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
    replay: Annotated[
        bool, typer.Option("--replay", help="Answer from recorded cassettes; no model, no network.")
    ] = False,
    record: Annotated[
        bool, typer.Option("--record", help="Call the model and (re-)record every cassette.")
    ] = False,
    concurrency: options.Concurrency = 4,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            dir_okay=False,
            help="Write the JSON run file (one per split: run.dev.json, run.test.json).",
        ),
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", help="Write a Markdown report (for PRs).")
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write a self-contained HTML report (one per split)."),
    ] = None,
    min_score: Annotated[
        list[str] | None,
        typer.Option(
            "--min-score",
            help="Gate: FIELD=VALUE floor, repeatable (FIELD: overall, parties, amount, …; "
            "hallucination_rate=X is a ceiling).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", dir_okay=False, help="Gate: a run file to compare against."),
    ] = None,
    max_drop: Annotated[
        float, typer.Option("--max-drop", min=0, help="Gate: largest drop allowed vs --baseline.")
    ] = 0.02,
    worst: Annotated[int, typer.Option("--worst", help="Worst articles to list.")] = 5,
    show_articles: Annotated[
        bool,
        typer.Option(
            "--show-articles",
            help="Show per-article results of a frozen split too (never tune on them).",
        ),
    ] = False,
) -> None:
    """Run the toolkit over a labeled dataset, print per-field scores, write run/report files."""
    if ctx.invoked_subcommand:
        return
    if replay and record:
        raise ConfigError("--replay and --record exclude each other: pick one")
    floors = parse_min_scores(min_score or [])
    base = RunFile.load(baseline) if baseline else None
    for path in (out, markdown, report):
        output_file(path)
    datasets = load_splits(dataset, split)
    if len(datasets) > 1 and (floors or base):
        raise ConfigError("--min-score and --baseline gate one split at a time: pass one --split")
    settings = {
        "provider": provider, "model": model, "base_url": base_url, "prompt": prompt,
        "mode": mode, "grounding": grounding, "use_adapter": not no_adapter,
        "concurrency": concurrency, "prompt_settings": parse_settings(prompt_setting or []),
    }  # fmt: skip
    record_mode = RECORD_MODE if record else None
    runs = [
        _run(data, settings, replay, record_mode, concurrency, show_articles) for data in datasets
    ]
    for run in runs:
        print_report(run, err, worst, show_articles)
    if len(runs) > 1:
        err.print(comparison_table(runs))
    if len(datasets) == 1 and (datasets[0].root / "groups.yaml").is_file():
        _consolidation_report(datasets[0].root, runs[0])
    _write(runs, datasets, out, markdown, report, worst, show_articles)
    failures = check_gate(runs[0], min_scores=floors, baseline=base, max_drop=max_drop)
    if failures:
        err.print(f"[red]{gate_message(failures)}[/red]", soft_wrap=True)
        raise typer.Exit(1)


def _run(
    data: Dataset,
    settings: dict,
    replay: bool,
    record_mode: str | None,
    concurrency: int,
    show_articles: bool,
) -> RunFile:
    """One split, with a progress bar; a frozen split's failures are counted, not named."""
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not err.is_terminal,
    )  # fmt: skip
    task = progress.add_task(f"eval {data.label}", total=len(data.cases))
    quiet = data.frozen and not show_articles

    def advance(result: ArticleResult) -> None:
        progress.advance(task)
        if result.error and not quiet:
            err.print(f"[red]error:[/red] {result.id}: {result.error.message}", soft_wrap=True)

    with progress:
        return run_eval(
            data,
            settings,
            replay=replay,
            record_mode=record_mode,
            concurrency=concurrency,
            on_result=advance,
        )


def per_split(path: Path, run: RunFile, several: bool) -> Path:
    """``run.json`` for one split; ``run.dev.json``, ``run.test.json`` for several."""
    if not several or not run.config.split:
        return path
    return path.with_name(f"{path.stem}.{run.config.split}{path.suffix}")


def _write(
    runs: list[RunFile],
    datasets: list[Dataset],
    out: Path | None,
    markdown: Path | None,
    report: Path | None,
    worst: int,
    show_articles: bool,
) -> None:
    several = len(runs) > 1
    written = []
    for run, data in zip(runs, datasets, strict=True):
        if out:
            written.append(path := per_split(out, run, several))
            run.save(path)
        if report:
            written.append(path := per_split(report, run, several))
            path.write_text(render_html(run, data, show_articles), encoding="utf-8")
    if markdown:
        parts = [comparison_markdown(runs)] if several else []
        parts += [markdown_report(run, worst, show_articles) for run in runs]
        markdown.write_text("\n".join(parts), encoding="utf-8")
        written.append(markdown)
    for path in written:
        err.print(f"wrote {path}")


def _consolidation_report(root: Path, run: RunFile) -> None:
    """Datasets with groups.yaml also score consolidation of the per-article summaries."""
    from summarize.evals.consolidation import print_consolidation_report, run_consolidation_eval
    from summarize.schema import DealSummary

    summaries = {
        article.id: DealSummary.model_validate(article.prediction) if article.prediction else None
        for article in run.articles
    }
    print_consolidation_report(run_consolidation_eval(root, summaries), err)


@eval_app.command("diff")
def eval_diff(
    base: Annotated[Path, typer.Argument(help="The earlier run file (e.g. main's).")],
    new: Annotated[Path, typer.Argument(help="The run file to compare with it.")],
    show_articles: Annotated[
        bool,
        typer.Option("--show-articles", help="List the articles that moved on a frozen split too."),
    ] = False,
) -> None:
    """Per-field deltas and baselines between two run files, and the articles that moved."""
    diff = diff_runs(RunFile.load(base), RunFile.load(new))
    err.print(rich_diff(diff, base.name, new.name, show_articles))


@eval_app.command("freeze")
def eval_freeze(
    split: Annotated[str, typer.Option("--split", "-s", help="The frozen split to pin.")],
    dataset: Annotated[
        str, typer.Option("--dataset", "-d", help="Dataset name under evals/datasets/ or a folder.")
    ] = "deals",
) -> None:
    """Pin a frozen split's files in a new manifest version (needs its evals/CHANGELOG.md entry)."""
    manifest = freeze_split(dataset, split)
    if manifest is None:
        err.print(f"{dataset}/{split} already matches its manifest: nothing to freeze")
        return
    err.print(
        f"froze {manifest.dataset}/{manifest.split} v{manifest.version}: "
        f"{len(manifest.files)} files, digest {manifest.short_digest}"
    )
