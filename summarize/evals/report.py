"""Reports of a run for people: a rich table on the terminal and Markdown for pull requests."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from summarize.evals.metrics import worst_articles
from summarize.evals.runfile import ArticleResult, Baseline, FieldMetrics, RunFile


def fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def grounded_for(run: RunFile, field: str) -> float | None:
    if not run.grounding or field not in run.grounding:
        return None
    return run.grounding[field].share


def baseline_for(run: RunFile, field: str) -> Baseline | None:
    return run.baselines.get(field)


def model_share_for(run: RunFile, field: str) -> float | None:
    found = (run.attribution or {}).get(field)
    return found.model_share if found else None


FIELD_HEADERS = [
    "field", "metric", "n", "score", "baseline", "constant", "acc", "P", "R", "F1", "halluc.",
    "grounded",
]  # fmt: skip
MODEL_HEADER = "by model"
"""Share of a field's values the model decided (the rest: rules); only when the run records it."""


def headers(run: RunFile) -> list[str]:
    """The per-field columns of this run: ``by model`` only when summaries said who decided."""
    return [*FIELD_HEADERS, MODEL_HEADER] if run.attribution is not None else FIELD_HEADERS


def field_row(run: RunFile, m: FieldMetrics) -> list[str]:
    """One row of the per-field table (columns as ``headers(run)``), shared by every format."""
    base = baseline_for(run, m.field)
    row = [
        m.field, m.metric, str(m.n), fmt(m.value), fmt(base.value if base else None),
        base.constant if base else "—", fmt(m.accuracy), fmt(m.precision), fmt(m.recall),
        fmt(m.f1), pct(m.hallucination_rate), pct(grounded_for(run, m.field)),
    ]  # fmt: skip
    if run.attribution is not None:
        row.append(pct(model_share_for(run, m.field)))
    return row


def baseline_note(constants: Mapping[str, str]) -> str:
    """Which constant each field's baseline answers (field → constant), shared ones grouped."""
    by_constant: dict[str, list[str]] = {}
    for field, constant in constants.items():
        by_constant.setdefault(constant, []).append(field)
    parts = [
        f"{fields[0]} {constant}" if len(fields) == 1 else f"{constant}: {', '.join(fields)}"
        for constant, fields in by_constant.items()
    ]
    return "baseline = best constant answer, same scorers: " + "; ".join(parts)


def constants(run: RunFile) -> dict[str, str]:
    return {field: b.constant for field, b in run.baselines.items()}


def frozen_note(run: RunFile) -> str:
    return (
        f"frozen split {run.label} (manifest v{run.config.split_version}): per-article results "
        "hidden; --show-articles shows them"
    )


def hides_articles(run: RunFile, show_articles: bool) -> bool:
    """A frozen split shows aggregates only, unless per-article results are asked for."""
    return run.config.frozen and not show_articles


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
    version = f"frozen v{c.split_version}" if c.frozen else f"v{c.dataset_version}"
    return f"{run.label} {version} · {c.provider}/{c.model} · prompt {prompt}"


TERMINAL_HEADERS = ["field", "metric", "n", "score", "baseline", "halluc.", "grounded"]
"""The terminal leaves out the constant (a note under the table), acc, P, R and F1 (in the run
file and Markdown) to fit 80 columns."""
SHORT_METRIC = {"accuracy": "acc", "f1": "F1"}


def _field_table(run: RunFile) -> Table:
    table = Table(
        title=title(run),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    names = TERMINAL_HEADERS + ([MODEL_HEADER] if run.attribution is not None else [])
    for header in names:
        left = header in ("field", "metric")
        table.add_column(header, justify="left" if left else "right", no_wrap=True)
    keep = [headers(run).index(h) for h in names]
    for m in run.fields.values():
        row = field_row(run, m)
        row[1] = SHORT_METRIC.get(row[1], row[1])
        table.add_row(*(row[i] for i in keep))
    return table


def _worst_table(run: RunFile, worst: int) -> Table:
    table = Table(title="worst articles", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("article", overflow="fold")
    table.add_column("score", justify="right")
    table.add_column("weakest fields", overflow="fold")
    for article in worst_articles(run.articles, worst):
        table.add_row(article.id, fmt(article.score), worst_fields(article))
    return table


def rich_report(run: RunFile, worst: int = 5, show_articles: bool = False) -> Group:
    """Per-field table with baselines, the totals line and (unless frozen) the worst articles."""
    parts: list = [_field_table(run), Text(summary_line(run), style="bold")]
    if run.baselines:
        parts.append(Text(baseline_note(constants(run)), style="dim"))
    if hides_articles(run, show_articles):
        parts.append(Text(frozen_note(run), style="yellow"))
    elif worst > 0:
        parts.append(_worst_table(run, worst))
    parts += [Text(f"note: {n}", style="dim") for n in run.notes]
    return Group(*parts)


def print_report(
    run: RunFile, console: Console, worst: int = 5, show_articles: bool = False
) -> None:
    console.print(rich_report(run, worst, show_articles))


def md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def markdown_report(run: RunFile, worst: int = 5, show_articles: bool = False) -> str:
    """The same report as Markdown, for a pull-request comment or a CI summary."""
    columns = headers(run)
    lines = [f"## Eval: {title(run)}", "", summary_line(run), ""]
    lines += [md_row(columns), md_row(["---"] * len(columns))]
    lines += [md_row(field_row(run, m)) for m in run.fields.values()]
    if run.baselines:
        lines += ["", f"_{baseline_note(constants(run))}_"]
    if hides_articles(run, show_articles):
        lines += ["", f"_{frozen_note(run)}_"]
    elif worst > 0:
        lines += ["", "### Worst articles", "", md_row(["article", "score", "weakest fields"])]
        lines.append(md_row(["---"] * 3))
        for article in worst_articles(run.articles, worst):
            lines.append(md_row([article.id, fmt(article.score), worst_fields(article)]))
    lines += [f"\n_note: {n}_" for n in run.notes]
    return "\n".join(lines) + "\n"
