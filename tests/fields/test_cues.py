"""Cue phrases: deal type, status and consideration, weighted by where they appear."""

from __future__ import annotations

import pytest

from summarize.fields import cues
from summarize.fields.consideration import CONSIDERATION_ORDER
from summarize.fields.cues import (
    CONSIDERATION_CUES,
    DEAL_TYPE_CUES,
    STATUS_CUES,
    Cue,
    best_cue,
    find_cues,
    position_weight,
)
from summarize.fields.deal_type import TYPE_ORDER
from summarize.fields.status import STATUS_ORDER

BODY_PAD = " Other news filled the page." * 20


def status_of(text: str, lede_end: int | None = None) -> str | None:
    lede_end = len(text) if lede_end is None else lede_end
    found = best_cue(find_cues(STATUS_CUES, text, lede_end), STATUS_ORDER)
    return found[0] if found else None


def test_position_weights() -> None:
    text = "Headline line\nLede sentence here." + BODY_PAD
    lede_end = text.index(".") + 1
    assert position_weight(0, text, lede_end) == 3.0
    assert position_weight(text.index("Lede"), text, lede_end) == 2.0
    assert position_weight(len(text) - 5, text, lede_end) == 0.5


@pytest.mark.parametrize(
    "text", ["No line break at all, one long paragraph.", "x" * 300 + "\nmore"]
)
def test_no_headline_zone_without_a_short_first_line(text: str) -> None:
    assert position_weight(0, text, lede_end=5) == 2.0


def test_find_cues_reports_label_text_and_span() -> None:
    text = "Zelmora agreed to buy Widget.\nThe deal is subject to regulatory approval."
    found = find_cues(STATUS_CUES, text, lede_end=len(text))
    by_label = {c.label: c for c in found}
    assert {"announced", "pending_approval"} <= set(by_label)
    for cue in found:
        assert isinstance(cue, Cue)
        assert text[cue.start : cue.end] == cue.text


def test_headline_cue_beats_body_cues() -> None:
    headline = "Zelmora has called off Widget takeover\n"
    text = headline + BODY_PAD + " Zelmora was in talks with Widget." * 5
    assert status_of(text, lede_end=len(headline)) == "terminated"
    assert status_of(text.replace("has called off", "eyes"), lede_end=len(headline)) == "in_talks"


def test_body_cues_outweigh_one_weak_body_cue() -> None:
    text = (
        "Zelmora and Widget\n"
        + BODY_PAD
        + " They are in talks. Zelmora is negotiating. It walked away."
    )
    assert status_of(text, lede_end=16) == "in_talks"


@pytest.mark.parametrize(
    ("first", "second", "winner"),
    [
        ("terminated", "completed", "terminated"),
        ("completed", "announced", "completed"),
        ("announced", "in_talks", "announced"),
        ("in_talks", "rumored", "in_talks"),
    ],
)
def test_equal_weights_follow_status_precedence(first: str, second: str, winner: str) -> None:
    cue_list = [Cue(second, "b", 10, 11, 2.0), Cue(first, "a", 0, 1, 2.0)]
    assert best_cue(cue_list, STATUS_ORDER) == (winner, cue_list[1])


def test_ties_can_go_to_the_label_cued_first() -> None:
    cue_list = [Cue("completed", "raised ", 680, 687, 2.0), Cue("in_talks", "talks", 141, 146, 2.0)]
    assert best_cue(cue_list, STATUS_ORDER) == ("completed", cue_list[0])
    assert best_cue(cue_list, STATUS_ORDER, first_wins_ties=True) == ("in_talks", cue_list[1])


def test_best_cue_returns_the_strongest_earliest_quote() -> None:
    cue_list = [
        Cue("announced", "late", 90, 94, 0.5),
        Cue("announced", "first", 10, 15, 2.0),
        Cue("announced", "second", 30, 36, 2.0),
    ]
    assert best_cue(cue_list, STATUS_ORDER) == ("announced", cue_list[1])


def test_best_cue_minimum() -> None:
    cue_list = [Cue("acquisition", "buy", 500, 503, 0.5)]
    assert best_cue(cue_list, TYPE_ORDER, minimum=2.0) is None
    assert best_cue(cue_list, TYPE_ORDER) == ("acquisition", cue_list[0])
    assert best_cue([], TYPE_ORDER) is None


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Zelmora has called off its bid for Widget.", "terminated"),
        ("Zelmora has completed its acquisition of Widget.", "completed"),
        ("Zelmora said it had completed its £742 million acquisition of Widget.", "completed"),
        ("Widget has raised $40 million from investors.", "completed"),
        ("Widget raised €12m in new money.", "completed"),
        ("Zelmora raised its offer for Widget.", "announced"),
        ("The merger is subject to shareholder approval.", "pending_approval"),
        ("Zelmora signed a definitive agreement with Widget.", "announced"),
        ("Zelmora is in advanced talks to buy Widget.", "in_talks"),
        ("Zelmora is nearing an agreement to buy Widget.", "in_talks"),
        ("Zelmora nears deal for Widget", "in_talks"),
        ("Zelmora and Widget agree all-share merger of equals", "announced"),
        ("Zelmora agrees £742 million takeover of Widget", "announced"),
        ("Zelmora and Widget said they would combine in an all-share merger.", "announced"),
        ("Zelmora is said to weigh a bid, people familiar with the matter said.", "rumored"),
    ],
)
def test_status_cues(sentence: str, status: str) -> None:
    assert status_of(sentence) == status


@pytest.mark.parametrize(
    ("sentence", "deal_type"),
    [
        ("Widget closed a Series C round led by Zelmora.", "funding_round"),
        ("Zelmora will merge with Widget in a merger of equals.", "merger"),
        ("Zelmora and Widget formed a joint venture.", "joint_venture"),
        ("Zelmora agreed to sell its paints unit to Widget.", "asset_sale"),
        ("Zelmora took a minority stake in Widget.", "minority_investment"),
        ("Zelmora bought a controlling stake in Widget.", "majority_stake"),
        ("Zelmora agreed to acquire Widget.", "acquisition"),
        ("Zelmora will take a 30% holding in Widget.", "acquisition"),
        ("Investors led by Zelmora would buy $600 million of shares from current and former "
         "employees of Widget.", "other"),
        ("Widget plans an employee share sale.", "other"),
        ("Zelmora arranged a secondary sale of Widget stock.", "other"),
    ],
)  # fmt: skip
def test_deal_type_cues(sentence: str, deal_type: str) -> None:
    found_cues = cues.outermost(find_cues(DEAL_TYPE_CUES, sentence, len(sentence)))
    found = best_cue(found_cues, TYPE_ORDER)
    assert found is not None and found[0] == deal_type


def test_a_cue_inside_a_longer_one_counts_only_as_the_longer_one() -> None:
    outer, inner, apart = (
        Cue("a", "x" * 10, 0, 10, 2.0),
        Cue("b", "x", 2, 3, 2.0),
        Cue("b", "y", 12, 13, 2.0),
    )
    assert cues.outermost([inner, outer, apart]) == [outer, apart]
    assert cues.outermost([outer, Cue("c", "x" * 10, 0, 10, 2.0)]) == [
        outer,
        Cue("c", "x" * 10, 0, 10, 2.0),
    ]


@pytest.mark.parametrize(
    ("sentence", "consideration"),
    [
        ("Zelmora will pay in cash and stock.", "mixed"),
        ("It is an all-cash offer.", "cash"),
        ("The all-share deal values Widget highly.", "stock"),
        ("Zelmora will pay with stock-for-stock terms.", "stock"),
        ("The price was not disclosed.", None),
    ],
)
def test_consideration_cues(sentence: str, consideration: str | None) -> None:
    found = best_cue(find_cues(CONSIDERATION_CUES, sentence, len(sentence)), CONSIDERATION_ORDER)
    assert (found[0] if found else None) == consideration
