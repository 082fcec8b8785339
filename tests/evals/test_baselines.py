"""Constant-answer baselines: the best score a summarizer ignoring the article gets per field."""

from __future__ import annotations

from typing import Any

import pytest

from summarize.evals.baselines import candidates, constant_baselines
from summarize.evals.labels import Labels
from summarize.evals.scorers import FIELDS

USD = {"currency": "USD", "text": "x"}


def label(case_id: str, **expected: Any) -> Labels:
    return Labels.model_validate({"id": case_id, "title": case_id, "expected": expected})


LABELS = [
    label(
        "a", no_deal=False, status="announced", deal_type="acquisition",
        amount={"value": 1e9, **USD}, parties=[{"name": "A", "role": "acquirer"}],
    ),
    label("b", no_deal=False, status="announced", amount={"value": 2e9, **USD}),
    label(
        "c", no_deal=False, status={"value": "completed", "accept": ["announced"]},
        amount={"value": 3e9, "qualifier": "approximately", **USD},
    ),
    label("d", no_deal=False, status="rumored", amount=None, consideration="cash"),
    label("e", no_deal=True),
]  # fmt: skip


@pytest.fixture(scope="module")
def baselines() -> dict:
    return constant_baselines(LABELS, FIELDS)


@pytest.mark.parametrize(
    ("field", "value", "constant", "n"),
    [
        ("status", 0.6, "always announced", 5),  # a, b and c (accepted); wrong on d and e
        ("no_deal", 0.8, 'always "a deal"', 5),
        ("deal_type", 0.5, "always acquisition", 2),  # labeled on a and e; a tie goes to the
        # first value tried, null last
        ("amount", 0.4, "always null", 5),  # d is labeled null, e is a no-deal article
        ("amount.qualifier", 2 / 3, "amount as labeled, qualifier always exact", 3),
        ("parties", 0.0, "always empty", 2),  # micro F1: the empty e adds no items
        ("consideration", 1.0, "always cash", 1),
    ],
)
def test_best_constant_per_field(
    baselines: dict, field: str, value: float, constant: str, n: int
) -> None:
    found = baselines[field]
    assert (found.value, found.constant, found.n) == (pytest.approx(value, abs=1e-6), constant, n)


def test_fields_nobody_labelled_have_no_baseline(baselines: dict) -> None:
    assert "valuation" not in baselines and "key_facts" not in baselines
    assert "target" not in baselines  # no article labels a target


def test_only_the_fields_asked_for() -> None:
    assert list(constant_baselines(LABELS, ["status", "amount"])) == ["status", "amount"]


def test_every_enum_value_and_null_is_tried() -> None:
    names = [name for name, _ in candidates("status")]
    assert names[-1] == "always null" and "always terminated" in names and len(names) == 7
