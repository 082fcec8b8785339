"""Enum and date fields: deal_type, status, consideration, announced_on.

A produced value scores 1.0 when it equals the labeled value or one of its ``accept``
alternatives. Dates compare as calendar days; the label holds one only when the article states it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import Enum

from summarize.evals.labels import Accepting, Trap
from summarize.evals.scorers.base import Score, score_single


def _equal(expected: object, produced: object) -> bool:
    if isinstance(expected, Enum):
        expected = expected.value
    if isinstance(produced, Enum):
        produced = produced.value
    return expected == produced


def _trap_hit(trap: Trap, produced: object) -> bool:
    value = trap.value
    if isinstance(produced, dt.date) and isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return False
    return _equal(value, produced)


def score_choice(
    expected: Accepting[Enum] | Accepting[dt.date] | None,
    produced: Enum | dt.date | None,
    traps: Sequence[Trap] = (),
) -> Score:
    """Exact match against the labeled value or an accepted alternative."""
    return score_single(expected, produced, same=_equal, traps=traps, hits_trap=_trap_hit)
