"""Compare two run files: which fields moved, which articles got better or worse."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group
from rich.table import Table
from rich.text import Text

from summarize.evals.report import fmt
from summarize.evals.runfile import ArticleResult, RunFile

EPSILON = 1e-6
"""Changes smaller than this are rounding, not movement."""


@dataclass(frozen=True)
class FieldDelta:
    field: str
    base: float | None
    new: float | None

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
    fields = [FieldDelta(n, base.metric(n), new.metric(n)) for n in names]
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
    if (base.config.dataset, base.config.dataset_version) != (
        new.config.dataset,
        new.config.dataset_version,
    ):
        warnings.append(
            f"datasets differ: {base.config.dataset} v{base.config.dataset_version} vs "
            f"{new.config.dataset} v{new.config.dataset_version}"
        )
    return RunDiff(
        fields=fields,
        better=better,
        worse=worse,
        only_base=sorted(base_articles.keys() - new_articles.keys()),
        only_new=sorted(new_articles.keys() - base_articles.keys()),
        warnings=warnings,
    )


def _signed(value: float | None, *, lower_is_better: bool = False) -> Text:
    if value is None:
        return Text("—")
    if abs(value) <= EPSILON:
        return Text("0", style="dim")
    good = (value < 0) if lower_is_better else (value > 0)
    return Text(f"{value:+.3f}", style="green" if good else "red")


def rich_diff(diff: RunDiff, base_name: str = "base", new_name: str = "new") -> Group:
    table = Table(title=f"{base_name} → {new_name}", title_justify="left")
    for header in ("field", "base", "new", "delta"):
        table.add_column(header, justify="left" if header == "field" else "right")
    for d in diff.fields:
        lower = d.field == "hallucination_rate"
        table.add_row(
            d.field, fmt(d.base, 3), fmt(d.new, 3), _signed(d.delta, lower_is_better=lower)
        )
    parts: list = [Text(w, style="yellow") for w in diff.warnings] + [table]
    for label, items in (("better", diff.better), ("worse", diff.worse)):
        if not items:
            parts.append(Text(f"no articles {label}"))
            continue
        moved = Table(title=f"{len(items)} articles {label}", title_justify="left")
        for header in ("article", "base", "new", "fields"):
            moved.add_column(header, overflow="fold")
        for item in items:
            moved.add_row(item.id, fmt(item.base), fmt(item.new), ", ".join(item.changed))
        parts.append(moved)
    if diff.only_base or diff.only_new:
        parts.append(
            Text(f"only in base: {', '.join(diff.only_base) or '—'}; "
                 f"only in new: {', '.join(diff.only_new) or '—'}")
        )  # fmt: skip
    return Group(*parts)
