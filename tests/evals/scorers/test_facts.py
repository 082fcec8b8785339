"""key_facts: recall by fuzzy token match with a coverage guard."""

from __future__ import annotations

import pytest

from summarize.evals.scorers import KEY_FACT_COVERAGE, KEY_FACT_THRESHOLD, score_key_facts
from summarize.evals.scorers.facts import coverage, fact_matches, numbers

FACT = "HPE will pay $40.00 per Juniper share in cash."


@pytest.mark.parametrize(
    ("produced", "matches"),
    [
        ("HPE will pay $40.00 per Juniper share in cash.", True),
        ("Juniper shareholders get $40.00 in cash per share from HPE", True),  # reordered
        ("HPE pays 40.00 dollars cash for each Juniper share", True),
        ("HPE will pay", False),  # a fragment: token_set_ratio alone would say 100
        ("HPE will pay $45.00 per Juniper share in cash.", False),  # every number must match
        ("Juniper Networks makes routers and switches.", False),
        ("The deal closed after US approval.", False),
    ],
)
def test_fact_matching(produced: str, matches: bool) -> None:
    assert fact_matches(FACT, produced) is matches


@pytest.mark.parametrize(
    ("text", "found"),
    [("$40.00 a share", {"40"}), ("1,100 to 2,500 stores", {"1100", "2500"}), ("32.4%", {"32.4"})],
)
def test_numbers(text: str, found: set[str]) -> None:
    assert numbers(text) == found


def test_numbers_must_match_exactly_for_coverage() -> None:
    assert coverage("Revenue was 40", "Revenue was 45") == 0.5
    assert coverage("Revenue was 40", "Revenues was 40") == 1.0


@pytest.mark.parametrize(
    ("expected", "produced", "value", "tp", "fn"),
    [
        ([FACT, "The deal needs shareholder approval."], [FACT], 0.5, 1, 1),
        ([FACT], ["Unrelated.", "HPE will pay $40 per Juniper share, all cash."], 1.0, 1, 0),
        ([FACT], [], 0.0, 0, 1),
    ],
)
def test_recall(expected: list[str], produced: list[str], value: float, tp: int, fn: int) -> None:
    score = score_key_facts(expected, produced)
    assert (score.value, score.tp, score.fn, score.fp) == (value, tp, fn, 0)


def test_empty_label() -> None:
    assert score_key_facts([], []).value == 1.0
    score = score_key_facts([], ["Something."])
    assert (score.value, score.hallucinated) == (0.0, 1)


def test_thresholds_documented() -> None:
    assert (KEY_FACT_THRESHOLD, KEY_FACT_COVERAGE) == (60.0, 0.5)
