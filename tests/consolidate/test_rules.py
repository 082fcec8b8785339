"""Merge rules, one test each: specific beats vague, confirmed beats anonymous, later beats earlier,
more reports beat fewer, and values that can all be true are no conflict."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from summarize.consolidate.merge import choose
from summarize.consolidate.models import Basis, Support
from summarize.consolidate.rules import (
    EQUAL_RULE,
    MONEY_RULE,
    ONCE_RULE,
    STAKE_RULE,
    TYPE_RULE,
    Entry,
    is_vague,
    money_agrees,
)
from summarize.schema import Consideration, DealType, Money

from .conftest import money


def entry(
    value: Any, article: str, basis: Basis = "reported", date: dt.date | None = None, order: int = 0
) -> Entry[Any]:
    support = Support(article_id=article, basis=basis, date=date)
    return Entry(value, support, order)


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (money(10e9, "more than $10 billion", "more_than"), money(12e9, "$12 billion"), True),
        (money(10e9, "more than $10 billion", "more_than"), money(8e9, "$8 billion"), False),
        (money(1e9, "multibillion-dollar", "more_than"), money(25e9, "$25 billion"), True),
        (money(2.0e9, "$2 billion"), money(2.3e9, "$2.3 billion"), False),
        (money(2.0e9, "$2 billion"), money(2.01e9, "$2.01 billion"), True),
        (money(14e9, "about $14 billion", "approximately"), money(13.5e9, "$13.5 billion"), True),
        (money(5e9, "up to $5 billion", "up_to"), money(6e9, "$6 billion"), False),
        (money(1e9, "$1bn-$2bn", "range", upper=2e9), money(1.5e9, "$1.5 billion"), True),
        (money(2e9, "€2 billion", currency="EUR"), money(2e9, "$2 billion"), False),
    ],
)
def test_money_agrees(a: Money, b: Money, agree: bool) -> None:
    assert money_agrees(a, b) is agree
    assert money_agrees(b, a) is agree


def test_a_phrase_without_a_figure_is_vague() -> None:
    assert is_vague(money(1e9, "multibillion-dollar", "more_than"))
    assert not is_vague(money(1e10, "more than $10 billion", "more_than"))


def test_specific_beats_vague_without_a_conflict() -> None:
    vague = entry(money(1e9, "multibillion-dollar", "more_than"), "b", order=0)
    specific = entry(money(10e9, "more than $10 billion", "more_than"), "a", order=1)
    chosen, _, conflict = choose("amount", [vague, specific], MONEY_RULE)
    assert chosen.value.text == "more than $10 billion"
    assert conflict is None
    assert chosen.rule == "specific beats vague: 'more than $10 billion' over 'multibillion-dollar'"
    assert [s.article_id for s in chosen.support] == ["a", "b"]


def test_confirmed_beats_anonymous_and_keeps_the_conflict() -> None:
    anonymous = entry(money(2.0e9, "$2 billion"), "rumor", "anonymous", dt.date(2024, 5, 2))
    confirmed = entry(money(2.3e9, "$2.3 billion"), "filing", "confirmed", dt.date(2024, 5, 1))
    chosen, _, conflict = choose("amount", [anonymous, confirmed], MONEY_RULE)
    assert chosen.value.text == "$2.3 billion"
    assert chosen.rule == "conflict; confirmed beats anonymous"
    assert conflict is not None and conflict.field == "amount"
    assert [c.value.text for c in conflict.claims] == ["$2.3 billion", "$2 billion"]
    assert [c.support[0].article_id for c in conflict.claims] == ["filing", "rumor"]


def test_later_report_supersedes_an_earlier_one_of_equal_standing() -> None:
    early = entry(Consideration.cash, "early", date=dt.date(2024, 1, 5), order=0)
    late = entry(Consideration.mixed, "late", date=dt.date(2024, 2, 1), order=1)
    chosen, _, conflict = choose("consideration", [early, late], EQUAL_RULE)
    assert chosen.value is Consideration.mixed
    assert chosen.rule == "conflict; later report (2024-02-01) supersedes earlier"
    assert conflict is not None and len(conflict.claims) == 2


RUMOR = entry(dt.date(2025, 2, 10), "rumor", "anonymous", dt.date(2025, 2, 10), order=0)
SIGNED = entry(dt.date(2025, 3, 3), "signed", "confirmed", dt.date(2025, 3, 3), order=1)
CLOSED = entry(dt.date(2025, 7, 15), "closed", "confirmed", dt.date(2025, 7, 15), order=2)


@pytest.mark.parametrize(
    ("entries", "rule"),
    [
        ([CLOSED, SIGNED], "conflict; earliest date (2025-03-03): a deal is announced once"),
        ([RUMOR, SIGNED], "conflict; confirmed beats anonymous"),
    ],
)
def test_a_deal_is_announced_once(entries: list[Entry[dt.date]], rule: str) -> None:
    """Among equally sourced reports the earliest date wins; a better source still comes first."""
    chosen, _, conflict = choose("announced_on", entries, ONCE_RULE)
    assert chosen.value == dt.date(2025, 3, 3)
    assert chosen.rule == rule
    assert conflict is not None and conflict.claims[0].value == dt.date(2025, 3, 3)


def test_more_reports_beat_fewer_when_nothing_else_separates_them() -> None:
    entries = [entry(30.0, "a", order=0), entry(49.0, "b", order=1), entry(49.2, "c", order=2)]
    chosen, _, conflict = choose("stake_percent", entries, STAKE_RULE)
    assert chosen.value == 49.0
    assert chosen.rule == "conflict; more reports (2 vs 1)"
    assert conflict is not None


def test_ties_go_to_the_first_report() -> None:
    entries = [entry(Consideration.stock, "a", order=0), entry(Consideration.cash, "b", order=1)]
    chosen, _, _ = choose("consideration", entries, EQUAL_RULE)
    assert chosen.value is Consideration.stock
    assert chosen.rule == "conflict; first reported (tie)"


@pytest.mark.parametrize(
    ("values", "chosen_type", "conflict"),
    [
        (
            [DealType.minority_investment, DealType.funding_round, DealType.minority_investment],
            DealType.minority_investment,
            False,
        ),
        ([DealType.other, DealType.acquisition], DealType.acquisition, False),
        ([DealType.acquisition, DealType.merger], DealType.acquisition, True),
    ],
)
def test_deal_type_synonyms_are_no_conflict(
    values: list[DealType], chosen_type: DealType, conflict: bool
) -> None:
    entries = [entry(v, f"r{i}", order=i) for i, v in enumerate(values)]
    chosen, _, found = choose("deal_type", entries, TYPE_RULE)
    assert chosen.value is chosen_type
    assert (found is not None) is conflict


def test_agreeing_reports_all_support_the_value() -> None:
    entries = [entry(Consideration.cash, f"r{i}", order=i) for i in range(3)]
    chosen, _, conflict = choose("consideration", entries, EQUAL_RULE)
    assert chosen.rule == "3 reports agree"
    assert [s.article_id for s in chosen.support] == ["r0", "r1", "r2"]
    assert conflict is None


def test_nothing_reported_chooses_nothing() -> None:
    chosen, position, conflict = choose("amount", [], MONEY_RULE)
    assert (chosen.value, position, conflict) == (None, None, None)
    assert chosen.rule == "no report states it"
