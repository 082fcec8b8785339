"""Money: value within tolerance, currency must match, qualifier scored on its own, traps."""

from __future__ import annotations

import pytest

from summarize.evals.labels import ExpectedMoney, Trap
from summarize.evals.scorers import (
    APPROX_TOLERANCE,
    EXACT_TOLERANCE,
    score_money,
    score_qualifier,
)
from summarize.money import parse_money
from summarize.schema import Money, Qualifier


def expected(
    value: float, qualifier: str = "exact", currency: str = "USD", **extra
) -> ExpectedMoney:
    return ExpectedMoney(value=value, currency=currency, qualifier=qualifier, text="x", **extra)


def money(value: float, currency: str = "USD", qualifier: str = "exact", upper=None) -> Money:
    return Money(value=value, currency=currency, qualifier=qualifier, upper=upper, text="x")


@pytest.mark.parametrize(
    ("label", "produced", "value"),
    [
        (expected(2.15e9), money(2.15e9), 1.0),
        (expected(2.15e9), money(2.17e9), 1.0),  # +0.9% is within ±1%
        (expected(2.15e9), money(2.1e9), 0.0),  # -2.3% is not, for an exact amount
        (expected(2.15e9, "approximately"), money(2.1e9), 1.0),  # ±5% when hedged
        (expected(2.15e9, "approximately"), money(2.0e9), 0.0),  # -7%
        (expected(10e9, "more_than"), money(10.4e9), 1.0),
        (expected(2.15e9), money(2.15e9, "EUR"), 0.0),  # currency must match
        (expected(4.5e9, currency="INR"), money(4.5e9, "INR"), 1.0),
        (expected(4.5e9, currency="INR"), money(54e6, "USD"), 0.0),
        (expected(1e9, "range", upper=2e9), money(1e9, qualifier="range", upper=2e9), 1.0),
        (expected(1e9, "range", upper=2e9), money(1e9, qualifier="range", upper=3e9), 0.0),
        (expected(1e9, "range", upper=2e9), money(1e9), 0.0),  # upper bound missing
    ],
)
def test_value_and_currency(label: ExpectedMoney, produced: Money, value: float) -> None:
    score = score_money(label, produced)
    assert score.value == value
    assert (score.tp, score.produced) == ((1, 1) if value else (0, 1))


def test_tolerances_are_documented_values() -> None:
    assert (EXACT_TOLERANCE, APPROX_TOLERANCE) == (0.01, 0.05)


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        ("Rs 450 crore", expected(4.5e9, currency="INR")),
        ("₹12 lakh", expected(1.2e6, currency="INR")),
        ("€385m", expected(385e6, currency="EUR")),
        ("150 billion yen", expected(150e9, currency="JPY")),
        ("more than $10bn", expected(10e9, "more_than")),
    ],
)
def test_scale_words_from_parsed_phrases(phrase: str, label: ExpectedMoney) -> None:
    parsed = parse_money(phrase)
    assert parsed is not None
    assert score_money(label, parsed.to_money()).value == 1.0


TRAPS = [
    Trap(field="amount", value=19e9, currency="USD", note="market value"),
    Trap(field="amount", value=850e6, note="term loan"),
]


@pytest.mark.parametrize(
    ("label", "produced", "counts"),
    [
        (expected(2.15e9), money(19e9), (0.0, 1, 1, 1)),  # wrong and a trap
        (expected(2.15e9), money(19e9, "EUR"), (0.0, 1, 1, 0)),  # trap currency differs
        (expected(2.15e9), money(850e6, "GBP"), (0.0, 1, 1, 1)),  # trap without currency
        (expected(2.15e9), None, (0.0, 0, 1, 0)),  # miss
        (None, money(19e9), (0.0, 1, 0, 1)),  # label empty: hallucination
        (None, None, (1.0, 0, 0, 0)),
    ],
)
def test_null_and_traps(
    label: ExpectedMoney | None, produced: Money | None, counts: tuple[float, int, int, int]
) -> None:
    score = score_money(label, produced, TRAPS)
    assert (score.value, score.fp, score.fn, score.hallucinated) == counts


@pytest.mark.parametrize(
    ("label", "produced", "value"),
    [
        (expected(1e9, "approximately"), Qualifier.approximately, 1.0),
        (expected(1e9, "approximately"), Qualifier.exact, 0.0),
        (expected(1e9, "approximately", accept_qualifiers=["exact"]), Qualifier.exact, 1.0),
        (expected(1e9, "up_to"), Qualifier.at_least, 0.0),
    ],
)
def test_qualifier_scored_separately(
    label: ExpectedMoney, produced: Qualifier, value: float
) -> None:
    assert score_qualifier(label, money(1e9, qualifier=produced)).value == value
    assert score_money(label, money(1e9, qualifier=produced)).value == 1.0


CONVERTED = expected(  # "€400 million ($454 million)"
    400e6, currency="EUR", accept=[{"value": 454e6, "currency": "USD", "text": "$454 million"}]
)
EQUITY_OR_EV = expected(  # "an enterprise value of about $2bn; the equity is valued at $1.6bn"
    2e9, "approximately", accept=[{"value": 1.6e9, "currency": "USD", "text": "$1.6bn",
                                   "qualifier": "exact"}],
)  # fmt: skip


@pytest.mark.parametrize(
    ("label", "produced", "value", "via"),
    [
        (CONVERTED, money(400e6, "EUR"), 1.0, None),
        (CONVERTED, money(454e6), 1.0, "$454 million"),  # the converted figure is right too
        (CONVERTED, money(458e6), 1.0, "$454 million"),  # within ±1% of the alternative
        (CONVERTED, money(470e6), 0.0, None),  # +3.5%: an exact alternative keeps ±1%
        (CONVERTED, money(454e6, "EUR"), 0.0, None),  # the alternative's value, wrong currency
        (EQUITY_OR_EV, money(1.9e9), 1.0, None),  # about $2bn: ±5%
        (EQUITY_OR_EV, money(1.55e9), 0.0, None),  # the $1.6bn alternative is exact: -3%
        (EQUITY_OR_EV, money(1.6e9), 1.0, "$1.6bn"),
    ],
)
def test_accepted_alternatives(
    label: ExpectedMoney, produced: Money, value: float, via: str | None
) -> None:
    score = score_money(label, produced)
    assert score.value == value
    assert score.reason.endswith(f"(accepted: {via!r})") == (via is not None)


@pytest.mark.parametrize(
    ("produced", "value"),
    [
        (money(2e9, qualifier="approximately"), 1.0),
        (money(2e9, qualifier="exact"), 0.0),
        (money(1.6e9, qualifier="exact"), 1.0),  # the alternative's own qualifier
        (money(1.6e9, qualifier="approximately"), 0.0),
    ],
)
def test_qualifier_of_the_matched_alternative(produced: Money, value: float) -> None:
    assert score_qualifier(EQUITY_OR_EV, produced).value == value
