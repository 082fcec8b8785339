from __future__ import annotations

import datetime as dt

import pytest

from summarize.grounding.values import (
    date_problem,
    find_amount,
    find_date,
    find_percent,
    money_problem,
    name_problem,
    percent_problem,
)
from summarize.names import AliasTable
from summarize.schema import Money


def _money(value: float, currency: str, upper: float | None = None) -> Money:
    qualifier = "range" if upper else "exact"
    return Money(
        value=value,
        currency=currency,
        upper=upper,
        qualifier=qualifier,
        text=f"{currency} {value:g}",
    )


def _whole(text: str) -> list[tuple[int, int]]:
    return [(0, len(text))]


@pytest.mark.parametrize(
    ("quote", "value", "currency"),
    [
        ("invest more than $10 billion in Scale AI", 10e9, "USD"),
        ("a $10bn investment", 10e9, "USD"),
        ("US$10 billion", 10e9, "USD"),
        ("for €385 million", 385e6, "EUR"),
        ("for 385 million euros", 385e6, "EUR"),
        ("a £1.2bn offer", 1.2e9, "GBP"),
        ("worth Rs 33,737 crore", 337.37e9, "INR"),
        ("₹33,737 crore", 337.37e9, "INR"),
        ("a Rs 1.5 lakh crore plan", 1.5e12, "INR"),
        ("Rs 40 lakh", 4e6, "INR"),
        ("for 150 billion yen", 150e9, "JPY"),
        ("a ¥150bn deal", 150e9, "JPY"),
        ("$2.79 billion", 2.8e9, "USD"),  # within MONEY_TOLERANCE (1%)
    ],
)
def test_amount_readable_from_its_quote(quote: str, value: float, currency: str) -> None:
    assert money_problem(_money(value, currency), quote, _whole(quote)) is None


@pytest.mark.parametrize(
    ("quote", "money", "reason"),
    [
        ("invest more than $10 billion", _money(10e6, "USD"), "$10 billion', not 'USD 1e+07'"),
        ("invest more than $10 billion", _money(1e9, "USD"), "$10 billion', not 'USD 1e+09'"),
        ("for €385 million", _money(385e6, "USD"), "is in EUR, not USD"),
        ("worth Rs 33,737 crore", _money(33737e6, "INR"), "states 'Rs 33,737 crore'"),
        ("for 150 billion yen", _money(150e9, "CNY"), "is in JPY, not CNY"),
        ("the deal is expected to close", _money(10e9, "USD"), "no amount in the quote"),
        ("between $1 billion and $2 billion", _money(1e9, "USD", upper=3e9), "states"),
    ],
)
def test_amount_not_readable_from_its_quote(quote: str, money: Money, reason: str) -> None:
    problem = money_problem(money, quote, _whole(quote))
    assert problem is not None and reason in problem


def test_amount_range_matches_both_bounds() -> None:
    quote = "between $1 billion and $2 billion"
    assert money_problem(_money(1e9, "USD", upper=2e9), quote, _whole(quote)) is None


@pytest.mark.parametrize(("span_text", "ok"), [("10bn", True), ("10", True), ("invest", False)])
def test_currency_cut_off_by_the_quote_is_read_around_it(span_text: str, ok: bool) -> None:
    text = "Meta will invest $10bn in Scale AI."
    start = text.index(span_text)
    problem = money_problem(_money(10e9, "USD"), text, [(start, start + len(span_text))])
    assert (problem is None) is ok


def test_currency_around_the_quote_must_still_agree() -> None:
    text = "Meta will invest €10bn in Scale AI."
    start = text.index("10bn")
    assert money_problem(_money(10e9, "USD"), text, [(start, start + 4)]) is not None


def test_find_amount_returns_the_phrase_without_surrounding_space() -> None:
    text = "Revenue was $410 million. The price is $2.8 billion in cash."
    start, end = find_amount(_money(2.8e9, "USD"), text)  # type: ignore[misc]
    assert text[start:end] == "$2.8 billion"
    assert find_amount(_money(2.8e9, "EUR"), text) is None


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("a 49% stake", 49.0),
        ("a 49 % stake", 49.0),
        ("49 per cent of the company", 49.0),
        ("49 percent of the company", 49.0),
        ("a 24.9-per-cent holding", 24.9),
        ("a third of the shares", 33.3),
        ("half of the company", 50.0),
    ],
)
def test_stake_readable_from_its_quote(quote: str, value: float) -> None:
    assert percent_problem(value, quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "reason"),
    [
        ("a 49% stake", 51.0, "states '49%'"),
        ("a third of the shares", 33.0, "states 'a third'"),
        ("a minority stake", 20.0, "no percentage"),
        ("revenue of $49 million", 49.0, "no percentage"),
    ],
)
def test_stake_not_readable_from_its_quote(quote: str, value: float, reason: str) -> None:
    problem = percent_problem(value, quote)
    assert problem is not None and reason in problem


def test_find_percent_finds_the_matching_one() -> None:
    text = "It owns 10% today and will buy 49 per cent more."
    start, end = find_percent(49, text)  # type: ignore[misc]
    assert text[start:end] == "49 per cent"


ARTICLE_2025 = "OSLO, 2025 — The deal was announced on September 2. It closes in 2026."


@pytest.mark.parametrize(
    "quote",
    [
        "OSLO, September 2, 2025",
        "on 2 September 2025",
        "dated 2025-09-02",
        "on 02/09/2025",
        "announced on September 2",
    ],
)
def test_date_readable_from_its_quote(quote: str) -> None:
    assert date_problem(dt.date(2025, 9, 2), quote, ARTICLE_2025) is None


@pytest.mark.parametrize(
    ("quote", "text", "reason"),
    [
        ("OSLO, September 3, 2025", ARTICLE_2025, "states 'September 3, 2025'"),
        ("on 2 September 2024", ARTICLE_2025, "not 2025-09-02"),
        ("the company said on Tuesday", ARTICLE_2025, "no date in the quote"),
        ("announced on September 2", "The deal was announced on September 2.", "never states 2025"),
    ],
)
def test_date_not_readable_from_its_quote(quote: str, text: str, reason: str) -> None:
    problem = date_problem(dt.date(2025, 9, 2), quote, text)
    assert problem is not None and reason in problem


def test_find_date_needs_the_year_for_a_year_less_date() -> None:
    text = "The deal was announced on September 2."
    assert find_date(dt.date(2025, 9, 2), text) is None
    assert find_date(dt.date(2025, 9, 2), text + " (c) 2025") is not None


ARTICLE_NAMES = (
    "Meta Platforms Inc. agreed to invest in Scale AI. Meta said the deal was done. "
    "Bank of America advised. Mark Zuckerberg, chief executive, called it a milestone."
)


@pytest.mark.parametrize(
    ("name", "quote", "aliases"),
    [
        ("Meta Platforms Inc.", "Meta Platforms Inc. agreed to invest", None),
        ("Meta Platforms Inc.", "Meta Platforms agreed to invest", None),  # suffix-less form
        ("Meta Platforms", "META PLATFORMS INC. agreed", None),  # case
        ("Meta Platforms", "Meta said the deal was done", None),  # short form, full name in article
        (
            "Facebook",
            "Meta said the deal was done",
            AliasTable.from_mapping({"Meta": ["Facebook"]}),
        ),
    ],
)
def test_party_name_occurs_in_its_quote(name: str, quote: str, aliases: AliasTable | None) -> None:
    assert name_problem(name, quote, ARTICLE_NAMES, aliases=aliases) is None


@pytest.mark.parametrize(
    ("name", "quote", "text"),
    [
        ("Scale AI", "Meta said the deal was done", ARTICLE_NAMES),
        (
            "Meta Platforms",
            "Meta said the deal was done",
            "Meta said the deal was done.",
        ),  # never in full
        ("Bank of Montreal", "Bank of America advised", ARTICLE_NAMES),  # generic first word
        ("Metaverse Labs", "Meta said the deal was done", ARTICLE_NAMES),
    ],
)
def test_party_name_missing_from_its_quote(name: str, quote: str, text: str) -> None:
    assert name_problem(name, quote, text) == f"{name!r} does not occur in the quote"


@pytest.mark.parametrize(("quote", "ok"), [("Zuckerberg said", True), ("Mark said", False)])
def test_person_may_be_named_by_surname(quote: str, ok: bool) -> None:
    assert (name_problem("Mark Zuckerberg", quote, ARTICLE_NAMES, person=True) is None) is ok
