"""stake_percent within ±0.5 points."""

from __future__ import annotations

import pytest

from summarize.evals.labels import Accepting, Trap
from summarize.evals.scorers import STAKE_TOLERANCE, score_stake

TRAPS = [Trap(field="stake_percent", value=31, note="the premium")]


@pytest.mark.parametrize(
    ("label", "produced", "value", "hallucinated"),
    [
        (12.5, 12.5, 1.0, 0),
        (12.5, 12.0, 1.0, 0),  # exactly at the tolerance
        (12.5, 13.1, 0.0, 0),
        (12.5, 31.0, 0.0, 1),  # the premium is a trap
        (12.5, None, 0.0, 0),
        (None, 31.0, 0.0, 1),
        (None, None, 1.0, 0),
    ],
)
def test_stake(
    label: float | None, produced: float | None, value: float, hallucinated: int
) -> None:
    expected = Accepting[float](value=label) if label is not None else None
    score = score_stake(expected, produced, TRAPS)
    assert (score.value, score.hallucinated) == (value, hallucinated)


def test_accepted_alternative_stake() -> None:
    expected = Accepting[float](value=49, accept=[51])
    assert score_stake(expected, 51.2).value == 1.0
    assert STAKE_TOLERANCE == 0.5
