"""``summarize eval``: score a provider/prompt on a labeled dataset; ``eval diff`` compares runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from summarize.cli import options
from summarize.cli.app import app, err, output_file
from summarize.evals.dataset import load_dataset
from summarize.evals.diff import diff_runs, rich_diff
from summarize.evals.gate import check_gate, gate_message, parse_min_scores
from summarize.evals.html import render_html
from summarize.evals.report import markdown_report, print_report
from summarize.evals.runfile import ArticleResult, RunFile
from summarize.evals.runner import run_eval
from summarize.exceptions import ConfigError

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
    provider: options.Provider = None,
    model: options.Model = None,
    base_url: options.BaseUrl = None,
    prompt: options.PromptName = None,
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
        Path | None, typer.Option("--out", "-o", dir_okay=False, help="Write the JSON run file.")
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", help="Write a Markdown report (for PRs).")
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a self-contained HTML report.")
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
) -> None:
    """Run the toolkit over a labeled dataset, print per-field scores, write run/report files."""
    if ctx.invoked_subcommand:
        return
    if replay and record:
        raise ConfigError("--replay and --record exclude each other: pick one")
    floors = parse_min_scores(min_score or [])
    base = RunFile.load(baseline) if baseline else None
    output_file(out)
    data = load_dataset(dataset)
    settings = {
        "provider": provider, "model": model, "base_url": base_url, "prompt": prompt,
        "mode": mode, "grounding": grounding, "use_adapter": not no_adapter,
        "concurrency": concurrency,
    }  # fmt: skip

    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not err.is_terminal,
    )  # fmt: skip
    task = progress.add_task(f"eval {data.name}", total=len(data.cases))

    def advance(result: ArticleResult) -> None:
        progress.advance(task)
        if result.error:
            err.print(f"[red]error:[/red] {result.id}: {result.error.message}", soft_wrap=True)

    with progress:
        run = run_eval(
            data,
            settings,
            replay=replay,
            record_mode=RECORD_MODE if record else None,
            concurrency=concurrency,
            on_result=advance,
        )
    print_report(run, err, worst)
    if (data.root / "groups.yaml").is_file():
        _consolidation_report(data.root, run)
    if out:
        run.save(out)
        err.print(f"wrote {out}")
    if markdown:
        markdown.write_text(markdown_report(run, worst), encoding="utf-8")
        err.print(f"wrote {markdown}")
    if report:
        report.write_text(render_html(run, data), encoding="utf-8")
        err.print(f"wrote {report}")
    failures = check_gate(run, min_scores=floors, baseline=base, max_drop=max_drop)
    if failures:
        err.print(f"[red]{gate_message(failures)}[/red]", soft_wrap=True)
        raise typer.Exit(1)


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
) -> None:
    """Per-field deltas between two run files and the articles that got better or worse."""
    diff = diff_runs(RunFile.load(base), RunFile.load(new))
    err.print(rich_diff(diff, base.name, new.name))
