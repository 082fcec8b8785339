"""Split against split: the generalisation line of ``summarize eval --split dev,test``.

Per field, the score on each split, the gap of each later split against the first (test − dev)
and each split's constant-answer baseline. A large gap means the rules fit the articles they
were tuned on; a score near its baseline means the field is not extracted at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.table import Table
from rich.text import Text

from summarize.evals.diff import signed_delta
from summarize.evals.report import fmt, md_row
from summarize.evals.runfile import RunFile

TOTALS: tuple[str, ...] = ("overall", "hallucination_rate")


@dataclass(frozen=True)
class ComparedField:
    field: str
    scores: list[float | None]
    """One per run, in the order given."""
    baselines: list[float | None]

    @property
    def gaps(self) -> list[float | None]:
        """Each later run's score minus the first run's."""
        first = self.scores[0]
        return [
            None if first is None or score is None else score - first for score in self.scores[1:]
        ]


def compare_runs(runs: Sequence[RunFile]) -> list[ComparedField]:
    """Overall, hallucination rate, then every field any run scored, in report order."""
    names = [*TOTALS, *dict.fromkeys(name for run in runs for name in run.fields)]
    rows = []
    for name in names:
        baselines = [run.baselines.get(name) for run in runs]
        rows.append(
            ComparedField(
                field=name,
                scores=[run.metric(name) for run in runs],
                baselines=[b.value if b else None for b in baselines],
            )
        )
    return rows


def _headers(runs: Sequence[RunFile]) -> list[str]:
    splits = [run.config.split or run.label for run in runs]
    gaps = [f"{later}−{splits[0]}" for later in splits[1:]]
    return ["field", *splits, *gaps, *(f"baseline {s}" for s in splits)]


def comparison_table(runs: Sequence[RunFile]) -> Table:
    """The side-by-side table for the terminal."""
    title = f"{runs[0].config.dataset}: " + " vs ".join(
        f"{run.config.split or run.label} ({run.config.articles} articles)" for run in runs
    )
    table = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, collapse_padding=True,
        pad_edge=False,
    )  # fmt: skip
    for header in _headers(runs):
        table.add_column(header, justify="left" if header == "field" else "right", no_wrap=True)
    for row in compare_runs(runs):
        lower = row.field == "hallucination_rate"
        gaps: list[Text | str] = [signed_delta(g, lower_is_better=lower) for g in row.gaps]
        table.add_row(
            row.field,
            *(fmt(s, 3) for s in row.scores),
            *gaps,
            *(fmt(b, 3) for b in row.baselines),
        )
    return table


def comparison_markdown(runs: Sequence[RunFile]) -> str:
    """The same table as Markdown, headed by the dataset and the splits."""
    columns = _headers(runs)
    splits = ", ".join(
        f"{run.config.split or run.label} {run.config.articles} articles" for run in runs
    )
    lines = [f"## Generalisation: {runs[0].config.dataset} ({splits})", ""]
    lines += [md_row(columns), md_row(["---"] * len(columns))]
    for row in compare_runs(runs):
        gaps = ["—" if g is None else f"{g:+.3f}" for g in row.gaps]
        cells = [*(fmt(s, 3) for s in row.scores), *gaps, *(fmt(b, 3) for b in row.baselines)]
        lines.append(md_row([row.field, *cells]))
    return "\n".join(lines) + "\n"
