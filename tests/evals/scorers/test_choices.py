"""Enum and date fields: accepted alternatives, null handling, traps."""

from __future__ import annotations

import datetime as dt

import pytest

from summarize.evals.labels import Accepting, Trap
from summarize.evals.scorers import score_choice
from summarize.schema import Consideration, DealStatus, DealType

ANNOUNCED = Accepting[DealStatus](value="announced", accept=["pending_approval"])
TRAPS = [Trap(field="status", value="completed", note="an earlier deal closed")]


@pytest.mark.parametrize(
    ("expected", "produced", "value", "counts"),
    [
        (ANNOUNCED, DealStatus.announced, 1.0, (1, 0, 0, 1, 0)),
        (ANNOUNCED, DealStatus.pending_approval, 1.0, (1, 0, 0, 1, 0)),  # accepted alternative
        (ANNOUNCED, DealStatus.rumored, 0.0, (0, 1, 1, 1, 0)),  # wrong
        (ANNOUNCED, DealStatus.completed, 0.0, (0, 1, 1, 1, 1)),  # wrong and a trap
        (ANNOUNCED, None, 0.0, (0, 0, 1, 0, 0)),  # miss
        (None, DealStatus.announced, 0.0, (0, 1, 0, 1, 1)),  # label empty: hallucination
        (None, None, 1.0, (0, 0, 0, 0, 0)),  # empty as labeled
    ],
)
def test_status_rules(
    expected: Accepting | None,
    produced: DealStatus | None,
    value: float,
    counts: tuple[int, int, int, int, int],
) -> None:
    score = score_choice(expected, produced, TRAPS)
    assert score.value == value
    assert (score.tp, score.fp, score.fn, score.produced, score.hallucinated) == counts
    assert score.reason


@pytest.mark.parametrize(
    ("expected", "produced", "value"),
    [
        (Accepting[DealType](value="acquisition"), DealType.acquisition, 1.0),
        (Accepting[DealType](value="acquisition"), DealType.merger, 0.0),
        (Accepting[Consideration](value="mixed", accept=["stock"]), Consideration.stock, 1.0),
        (Accepting[Consideration](value="cash"), Consideration.mixed, 0.0),
        (Accepting[dt.date](value="2024-01-09"), dt.date(2024, 1, 9), 1.0),
        (Accepting[dt.date](value="2024-01-09"), dt.date(2024, 1, 10), 0.0),
    ],
)
def test_other_choice_fields(expected: Accepting, produced: object, value: float) -> None:
    assert score_choice(expected, produced).value == value


def test_date_trap_written_as_text() -> None:
    trap = Trap(field="announced_on", value="2023-05-01", note="closing date")
    score = score_choice(Accepting[dt.date](value="2023-01-14"), dt.date(2023, 5, 1), [trap])
    assert score.hallucinated == 1 and "closing date" in score.reason


def test_plain_label_becomes_accepting() -> None:
    assert Accepting[DealType].model_validate("merger").accepted() == [DealType.merger]
