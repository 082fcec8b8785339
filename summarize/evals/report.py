"""Reports of a run for people: a rich table on the terminal and Markdown for pull requests."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from summarize.evals.metrics import worst_articles
from summarize.evals.runfile import ArticleResult, FieldMetrics, RunFile


def fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def grounded_for(run: RunFile, field: str) -> float | None:
    if not run.grounding or field not in run.grounding:
        return None
    return run.grounding[field].share


def field_row(run: RunFile, m: FieldMetrics) -> list[str]:
    """One row of the per-field table, shared by every report format."""
    return [
        m.field, m.metric, str(m.n), fmt(m.value), fmt(m.accuracy), fmt(m.precision),
        fmt(m.recall), fmt(m.f1), pct(m.hallucination_rate), pct(grounded_for(run, m.field)),
    ]  # fmt: skip


FIELD_HEADERS = ["field", "metric", "n", "score", "acc", "P", "R", "F1", "halluc.", "grounded"]


def worst_fields(article: ArticleResult, limit: int = 3) -> str:
    """The article's weakest fields with their reasons, for the worst-cases table."""
    if article.error:
        return f"error: {article.error.message}"
    weak = sorted(
        ((name, s) for name, s in article.scores.items() if s.value < 1), key=lambda x: x[1].value
    )
    return "; ".join(f"{name}: {s.reason}" for name, s in weak[:limit]) or "all fields right"


def summary_line(run: RunFile) -> str:
    t, c = run.totals, run.config
    parts = [
        f"overall {t.overall:.3f}",
        f"hallucination rate {t.hallucination_rate:.1%} ({t.hallucinated}/{t.produced})",
    ]
    if t.grounded_share is not None:
        parts.append(f"grounded {t.grounded_share:.1%}")
    parts += [
        f"{c.articles} articles, {t.errors} errors",
        f"{t.usage.total_tokens:,} tokens",
        f"{t.duration_s:.1f}s ({t.mean_latency_s:.2f}s/article)",
    ]
    return " · ".join(parts)


def title(run: RunFile) -> str:
    c = run.config
    prompt = f"{c.prompt_name}@{c.prompt_version}" if c.prompt_name else "?"
    return f"{c.dataset} v{c.dataset_version} · {c.provider}/{c.model} · prompt {prompt}"


TERMINAL_HEADERS = ["field", "metric", "n", "score", "P", "R", "halluc.", "grounded"]
"""The terminal table leaves out acc and F1 (in the run file and Markdown) to fit 80 columns."""


def rich_report(run: RunFile, worst: int = 5) -> Group:
    """Per-field table, the totals line and the worst articles."""
    fields = Table(title=title(run), title_justify="left", box=box.SIMPLE_HEAD)
    for header in TERMINAL_HEADERS:
        left = header in ("field", "metric")
        fields.add_column(header, justify="left" if left else "right", no_wrap=True)
    keep = [FIELD_HEADERS.index(h) for h in TERMINAL_HEADERS]
    for m in run.fields.values():
        row = field_row(run, m)
        fields.add_row(*(row[i] for i in keep))
    worst_table = Table(title="worst articles", title_justify="left", box=box.SIMPLE_HEAD)
    worst_table.add_column("article", overflow="fold")
    worst_table.add_column("score", justify="right")
    worst_table.add_column("weakest fields", overflow="fold")
    for article in worst_articles(run.articles, worst):
        worst_table.add_row(article.id, fmt(article.score), worst_fields(article))
    parts: list = [fields, Text(summary_line(run), style="bold"), worst_table]
    parts += [Text(f"note: {n}", style="dim") for n in run.notes]
    return Group(*parts)


def print_report(run: RunFile, console: Console, worst: int = 5) -> None:
    console.print(rich_report(run, worst))


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def markdown_report(run: RunFile, worst: int = 5) -> str:
    """The same report as Markdown, for a pull-request comment or a CI summary."""
    lines = [f"## Eval: {title(run)}", "", summary_line(run), ""]
    lines += [_md_row(FIELD_HEADERS), _md_row(["---"] * len(FIELD_HEADERS))]
    lines += [_md_row(field_row(run, m)) for m in run.fields.values()]
    lines += ["", "### Worst articles", "", _md_row(["article", "score", "weakest fields"])]
    lines.append(_md_row(["---"] * 3))
    for article in worst_articles(run.articles, worst):
        lines.append(_md_row([article.id, fmt(article.score), worst_fields(article)]))
    lines += [f"\n_note: {n}_" for n in run.notes]
    return "\n".join(lines) + "\n"
