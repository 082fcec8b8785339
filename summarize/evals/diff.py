"""Compare two run files: which fields moved, which articles got better or worse."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group
from rich.table import Table
from rich.text import Text

from summarize.evals.report import baseline_note, fmt
from summarize.evals.runfile import ArticleResult, RunFile

EPSILON = 1e-6
"""Changes smaller than this are rounding, not movement."""


@dataclass(frozen=True)
class FieldDelta:
    field: str
    base: float | None
    new: float | None
    baseline: float | None = None
    """The new run's constant-answer baseline for the field (``summarize.evals.baselines``)."""
    constant: str | None = None

    @property
    def delta(self) -> float | None:
        if self.base is None or self.new is None:
            return None
        return self.new - self.base


@dataclass(frozen=True)
class ArticleDelta:
    id: str
    base: float
    new: float
    changed: list[str]
    """Fields whose score changed, as 'field a→b'."""

    @property
    def delta(self) -> float:
        return self.new - self.base


@dataclass(frozen=True)
class RunDiff:
    fields: list[FieldDelta]
    better: list[ArticleDelta]
    worse: list[ArticleDelta]
    only_base: list[str] = field(default_factory=list)
    only_new: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    frozen: bool = False
    """Either run scored a frozen split: per-article movement is hidden unless asked for."""


def _changed_fields(a: ArticleResult, b: ArticleResult) -> list[str]:
    out = []
    for name in dict.fromkeys([*a.scores, *b.scores]):
        before = a.scores[name].value if name in a.scores else None
        after = b.scores[name].value if name in b.scores else None
        if before != after:
            out.append(f"{name} {fmt(before)}→{fmt(after)}")
    return out


def diff_runs(base: RunFile, new: RunFile) -> RunDiff:
    """Per-field deltas (plus overall and hallucination rate) and per-article movement."""
    names = ["overall", "hallucination_rate"]
    names += list(dict.fromkeys([*base.fields, *new.fields]))
    fields = []
    for name in names:
        baseline = new.baselines.get(name) or base.baselines.get(name)
        fields.append(
            FieldDelta(
                name,
                base.metric(name),
                new.metric(name),
                baseline.value if baseline else None,
                baseline.constant if baseline else None,
            )
        )
    base_articles = {a.id: a for a in base.articles}
    new_articles = {a.id: a for a in new.articles}
    better, worse = [], []
    for article_id in base_articles.keys() & new_articles.keys():
        a, b = base_articles[article_id], new_articles[article_id]
        if abs(b.score - a.score) <= EPSILON:
            continue
        changed = _changed_fields(a, b)
        (better if b.score > a.score else worse).append(
            ArticleDelta(article_id, a.score, b.score, changed)
        )
    better.sort(key=lambda d: -d.delta)
    worse.sort(key=lambda d: d.delta)
    warnings = []
    before, after = _data_version(base), _data_version(new)
    if before != after:
        warnings.append(f"datasets differ: {before} vs {after}")
    return RunDiff(
        fields=fields,
        better=better,
        worse=worse,
        only_base=sorted(base_articles.keys() - new_articles.keys()),
        only_new=sorted(new_articles.keys() - base_articles.keys()),
        warnings=warnings,
        frozen=base.config.frozen or new.config.frozen,
    )


def _data_version(run: RunFile) -> str:
    c = run.config
    frozen = f" (manifest v{c.split_version})" if c.split_version is not None else ""
    return f"{run.label} v{c.dataset_version}{frozen}"


def signed_delta(value: float | None, *, lower_is_better: bool = False) -> Text:
    if value is None:
        return Text("—")
    if abs(value) <= EPSILON:
        return Text("0", style="dim")
    good = (value < 0) if lower_is_better else (value > 0)
    return Text(f"{value:+.3f}", style="green" if good else "red")


def rich_diff(
    diff: RunDiff, base_name: str = "base", new_name: str = "new", show_articles: bool = False
) -> Group:
    """Per-field deltas with baselines; the articles that moved unless a run is frozen-split."""
    table = Table(title=f"{base_name} → {new_name}", title_justify="left")
    for header in ("field", "base", "new", "delta", "baseline"):
        table.add_column(header, justify="left" if header == "field" else "right")
    for d in diff.fields:
        lower = d.field == "hallucination_rate"
        table.add_row(
            d.field, fmt(d.base, 3), fmt(d.new, 3), signed_delta(d.delta, lower_is_better=lower),
            fmt(d.baseline, 3),
        )  # fmt: skip
    parts: list = [Text(w, style="yellow") for w in diff.warnings] + [table]
    constants = {d.field: d.constant for d in diff.fields if d.constant}
    if constants:
        parts.append(Text(baseline_note(constants), style="dim"))
    if diff.frozen and not show_articles:
        moved = len(diff.better) + len(diff.worse)
        parts.append(
            Text(
                f"frozen split: {moved} articles moved, not listed; --show-articles lists them",
                style="yellow",
            )
        )
        return Group(*parts)
    for label, items in (("better", diff.better), ("worse", diff.worse)):
        if not items:
            parts.append(Text(f"no articles {label}"))
            continue
        moved_table = Table(title=f"{len(items)} articles {label}", title_justify="left")
        for header in ("article", "base", "new", "fields"):
            moved_table.add_column(header, overflow="fold")
        for item in items:
            moved_table.add_row(item.id, fmt(item.base), fmt(item.new), ", ".join(item.changed))
        parts.append(moved_table)
    if diff.only_base or diff.only_new:
        parts.append(
            Text(f"only in base: {', '.join(diff.only_base) or '—'}; "
                 f"only in new: {', '.join(diff.only_new) or '—'}")
        )  # fmt: skip
    return Group(*parts)
