"""A self-contained HTML report: per-field table, drill-down per article, no external assets."""

from __future__ import annotations

import jinja2

from summarize.evals.dataset import Dataset, Labels
from summarize.evals.display import expected_text, produced_text
from summarize.evals.report import (
    baseline_note,
    constants,
    field_row,
    frozen_note,
    headers,
    hides_articles,
    summary_line,
    title,
)
from summarize.evals.runfile import RunFile
from summarize.evals.scorers import FIELDS
from summarize.templating import package_templates


def _environment() -> jinja2.Environment:
    return package_templates("summarize.evals")


def _rows(run: RunFile, labels: dict[str, Labels]) -> list[dict]:
    """Per article: one row per scored field with expected and produced side by side."""
    articles = []
    for article in sorted(run.articles, key=lambda a: (a.score, a.id)):
        label = labels.get(article.id)
        rows = []
        for name in FIELDS:
            score = article.scores.get(name)
            if score is None:
                continue
            rows.append(
                {
                    "field": name,
                    "expected": expected_text(label, name) if label else "(labels not loaded)",
                    "produced": produced_text(article.prediction, name),
                    "value": score.value,
                    "reason": score.reason,
                }
            )
        articles.append({"article": article, "rows": rows})
    return articles


def render_html(run: RunFile, dataset: Dataset | None = None, show_articles: bool = False) -> str:
    """The report as one HTML page; pass the dataset to show the labels next to the output.

    A frozen split's page holds the per-field table only, unless ``show_articles``.
    """
    labels = {case.id: case.labels for case in dataset.cases} if dataset else {}
    hidden = hides_articles(run, show_articles)
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title(run),
        summary=summary_line(run),
        run=run,
        headers=headers(run),
        field_rows=[field_row(run, m) for m in run.fields.values()],
        baseline_note=baseline_note(constants(run)) if run.baselines else None,
        frozen_note=frozen_note(run) if hidden else None,
        articles=[] if hidden else _rows(run, labels),
    )
