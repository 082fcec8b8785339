"""``summarize show``: a run's JSONL plus its articles in, one HTML evidence view out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from summarize.articles import Article, ArticleProblem, iter_articles
from summarize.cli.app import app, err, output_file
from summarize.exceptions import InputError
from summarize.grounding import evidence_items, ground
from summarize.grounding.html import render_html
from summarize.schema import DealSummary

_SUMMARY_KEYS = frozenset(DealSummary.model_fields)


def read_run(path: Path) -> list[DealSummary]:
    """The summaries in a run file; error records (failed articles) are skipped with a note."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("no such run file", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError(
            "not UTF-8 text; pass the JSONL that 'summarize run' wrote", source=str(path)
        ) from None
    summaries = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not JSON ({exc.msg}); pass the JSONL that 'summarize run' wrote", source=where
            ) from None
        if not isinstance(record, dict):
            raise InputError("each line must be a JSON object", source=where)
        if "error" in record and "headline" not in record:
            err.print(
                f"skipping {where}: the run failed on {record.get('id', '?')}", soft_wrap=True
            )
            continue
        try:
            summaries.append(
                DealSummary.model_validate({k: v for k, v in record.items() if k in _SUMMARY_KEYS})
            )
        except ValidationError as exc:
            raise InputError(
                f"not a DealSummary: {str(exc).splitlines()[0]}", source=where
            ) from None
    return summaries


def _never_grounded(summary: DealSummary) -> bool:
    return all(
        item.evidence is None or item.evidence.grounded is None for item in evidence_items(summary)
    )


def pair_up(
    summaries: list[DealSummary], articles: list[Article]
) -> list[tuple[Article, DealSummary]]:
    """Match each summary to its article by ``metadata.article_id`` (the article file's stem)."""
    by_id = {article.id: article for article in articles}
    pairs = []
    for summary in summaries:
        article_id = summary.metadata.article_id if summary.metadata else None
        article = by_id.get(article_id) if article_id else None
        if article is None:
            err.print(
                f"skipping summary of {article_id or '(no article_id)'}: its article was not given",
                soft_wrap=True,
            )
            continue
        if _never_grounded(summary):
            # A run made with --grounding off has no spans to show: verify now, dropping nothing.
            summary = ground(summary, article, policy="flag")
        pairs.append((article, summary))
    return pairs


@app.command()
def show(
    run_file: Annotated[
        Path,
        typer.Argument(
            help="JSONL written by 'summarize run'.", metavar="RUN.jsonl", dir_okay=False
        ),
    ],
    paths: Annotated[list[str], typer.Argument(help="The article files or folders the run read.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", dir_okay=False, help="Where to write the HTML page.")
    ],
) -> None:
    """Write an HTML page showing each article with every value's evidence highlighted."""
    output_file(out)
    articles = []
    for item in iter_articles(paths):
        if isinstance(item, ArticleProblem):
            err.print(f"[red]error:[/red] {item.message}", soft_wrap=True)
        else:
            articles.append(item)
    pairs = pair_up(read_run(run_file), articles)
    if not pairs:
        raise InputError(
            "no summary matched an article; pass the article files the run read "
            "(their file names must match metadata.article_id)",
            source=str(run_file),
        )
    out.write_text(render_html(pairs, title=f"Evidence: {run_file.name}"), encoding="utf-8")
    err.print(f"wrote {out} ({len(pairs)} article{'s' if len(pairs) != 1 else ''})")
