"""Cue phrases: the wording news uses for a deal's type, stage and payment, weighted by place.

A small model cannot answer "is this deal pending approval?" in free text, but the article
usually says so in stock phrases ("agreed to buy", "called off", "subject to regulatory
approval"). Cues are scored by where they appear (headline and lede count most), and each
result carries the phrase that triggered it as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.fields.lede import headline_end
from summarize.schema import Consideration, DealStatus, DealType
from summarize.text.phrases import table


@dataclass(frozen=True, slots=True)
class Cue:
    """A matched cue phrase: what it signals and where."""

    label: str
    text: str
    start: int
    end: int
    weight: float


def _cue_table(name: str, labels: list[str]) -> dict[str, re.Pattern[str]]:
    """One pattern per label, from ``summarize/phrases/<name>.yaml``, in the file's order. A cue
    may end on a space or a sign ("raised " before "$40 million", "take a 30%"): the tables'
    template ends a match at a word boundary or right after a non-word character."""
    return {label: fam.pattern for label, fam in table(name).items() if label in labels}


STATUS_CUES = _cue_table("status", [s.value for s in DealStatus])
DEAL_TYPE_CUES = _cue_table("deal_type", [t.value for t in DealType])
CONSIDERATION_CUES = _cue_table("consideration", [c.value for c in Consideration])


def position_weight(start: int, text: str, lede_end: int) -> float:
    """Headline and lede count most; the body least."""
    if start < headline_end(text):
        return 3.0
    if start < lede_end:
        return 2.0
    return 0.5


def find_cues(patterns: dict[str, re.Pattern[str]], text: str, lede_end: int) -> list[Cue]:
    """Every cue match with its position weight."""
    cues = []
    for label, pattern in patterns.items():
        for m in pattern.finditer(text):
            cues.append(
                Cue(
                    label, m.group(), m.start(), m.end(), position_weight(m.start(), text, lede_end)
                )
            )
    return cues


def outermost(found: list[Cue]) -> list[Cue]:
    """The cues not inside a longer one: "buy" in "buy $600 million of shares from employees"
    counts only as the longer phrase."""
    return [
        c
        for c in found
        if not any(
            o is not c
            and o.start <= c.start
            and c.end <= o.end
            and o.end - o.start > c.end - c.start
            for o in found
        )
    ]


def best_cue(
    cues: list[Cue], order: list[str], *, minimum: float = 0.0, first_wins_ties: bool = False
) -> tuple[str, Cue] | None:
    """The label with the highest total weight and its strongest cue. Ties go to the label
    first in ``order``, or with ``first_wins_ties`` to the label cued first in the text."""
    totals: dict[str, float] = {}
    first: dict[str, int] = {}
    for cue in cues:
        totals[cue.label] = totals.get(cue.label, 0.0) + cue.weight
        first[cue.label] = min(first.get(cue.label, cue.start), cue.start)
    if not totals:
        return None
    label = max(
        totals,
        key=lambda lab: (totals[lab], -first[lab] if first_wins_ties else 0, -order.index(lab)),
    )
    if totals[label] < minimum:
        return None
    strongest = max((c for c in cues if c.label == label), key=lambda c: (c.weight, -c.start))
    return label, strongest
