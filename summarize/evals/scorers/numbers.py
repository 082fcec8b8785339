"""stake_percent: a number of percentage points, right within ``STAKE_TOLERANCE``."""

from __future__ import annotations

from collections.abc import Sequence

from summarize.evals.labels import Accepting, Trap
from summarize.evals.scorers.base import Score, score_single

STAKE_TOLERANCE = 0.5
"""Percentage points: "about 49%" labeled 49 accepts 48.5-49.5; rounding never costs a point."""


def _close(expected: float, produced: float) -> bool:
    return abs(expected - produced) <= STAKE_TOLERANCE + 1e-9


def _trap_hit(trap: Trap, produced: float) -> bool:
    return isinstance(trap.value, int | float) and _close(float(trap.value), produced)


def score_stake(
    expected: Accepting[float] | None, produced: float | None, traps: Sequence[Trap] = ()
) -> Score:
    """Right when within ±0.5 points of the labeled stake (or an accepted one)."""
    return score_single(expected, produced, same=_close, traps=traps, hits_trap=_trap_hit)
