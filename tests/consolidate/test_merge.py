"""Merging one group: timelines, parties, valuations, key facts and conflicts, with supports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from summarize.consolidate import consolidate
from summarize.consolidate.merge import Member, deal_id, merge, status_timeline
from summarize.schema import DealStatus, DealSummary

from .conftest import deal, fact, money, source


def members(*summaries: tuple[str, DealSummary, dt.date | None]) -> list[Member]:
    return [Member.of(aid, s, None, date, i) for i, (aid, s, date) in enumerate(summaries)]


def test_later_status_supersedes_and_the_timeline_is_kept(day: Any) -> None:
    group = members(
        ("closed", deal(status="completed", evidence={"status": "completed the deal"}), day(90)),
        ("rumor", deal(status="rumored"), day(0)),
        ("signed", deal(status="announced"), day(20)),
        ("signed-2", deal(status="announced"), day(21)),
    )
    chosen, timeline = status_timeline(group)
    assert chosen.value is DealStatus.completed
    assert chosen.rule == "latest report supersedes: rumored → announced → completed"
    assert [(e.status.value, e.date) for e in timeline] == [
        ("rumored", day(0)),
        ("announced", day(20)),
        ("completed", day(90)),
    ]
    assert [s.article_id for s in timeline[1].support] == ["signed", "signed-2"]
    assert chosen.support[0].quote == "completed the deal"


def test_a_later_termination_supersedes_an_announcement(day: Any) -> None:
    group = members(
        ("signed", deal(status="announced"), day(0)),
        ("dropped", deal(status="terminated"), day(40)),
    )
    assert status_timeline(group)[0].value is DealStatus.terminated


def test_undated_statuses_follow_the_lifecycle() -> None:
    group = members(("b", deal(status="completed"), None), ("a", deal(status="in_talks"), None))
    chosen, timeline = status_timeline(group)
    assert [e.status.value for e in timeline] == ["in_talks", "completed"]
    assert chosen.rule.startswith("furthest stage reported (undated)")


def test_distinct_valuations_are_not_conflicts_but_same_label_values_are() -> None:
    summaries = {
        "a": deal(
            ("Acme", "investor"),
            ("Bolt", "target"),
            deal_type="minority_investment",
            key_facts=[fact("x", quote="Bolt was last valued at $14 billion")],
        ),
        "b": deal(
            ("Acme", "investor"),
            ("Bolt", "target"),
            deal_type="minority_investment",
            key_facts=[
                fact(
                    "y",
                    quote="last valued at about $14 billion, it weighs a "
                    "tender offer that would value it at $25 billion",
                )
            ],
        ),
        "c": deal(
            ("Acme", "investor"),
            ("Bolt", "target"),
            deal_type="minority_investment",
            key_facts=[fact("z", quote="a tender offer valuing Bolt at $20 billion")],
        ),
    }
    [merged] = consolidate(summaries)
    facts = {v.label: v for v in merged.valuations}
    assert facts["last_round"].money.text == "$14 billion"
    assert [s.article_id for s in facts["last_round"].support] == ["a", "b"]
    assert facts["last_round"].cue == "last valued"
    assert [c.field for c in merged.conflicts] == ["valuation"]
    conflict = merged.conflict("valuation", "tender_offer")
    assert conflict is not None
    assert sorted(c.value.value for c in conflict.claims) == [20e9, 25e9]
    assert merged.conflict("valuation", "last_round") is None


def test_amount_conflict_keeps_every_claim_with_its_quotes(day: Any) -> None:
    summaries = {
        "rumor": deal(
            ("Acme", "acquirer"),
            ("Bolt", "target"),
            announced_on=day(0),
            amount=money(2e9, "$2 billion", quote="about $2 billion, people said"),
            sources=[source("people familiar", "anonymous")],
        ),
        "filing": deal(
            ("Acme", "acquirer"),
            ("Bolt", "target"),
            announced_on=day(1),
            amount=money(2.3e9, "$2.3 billion", quote="will pay $2.3 billion"),
            sources=[source("Acme", "company")],
        ),
    }
    [merged] = consolidate(summaries)
    assert merged.amount.value is not None and merged.amount.value.text == "$2.3 billion"
    assert merged.amount.value.evidence is None
    assert merged.amount.rule == "conflict; confirmed beats anonymous"
    conflict = merged.conflict("amount")
    assert conflict is not None and conflict.chosen.text == "$2.3 billion"
    quotes = [[s.quote for s in claim.support] for claim in conflict.claims]
    assert quotes == [["will pay $2.3 billion"], ["about $2 billion, people said"]]


def test_parties_are_named_as_most_reports_name_them() -> None:
    group = members(
        ("a", deal(("Meta Platforms Inc.", "investor"), ("Scale AI", "target")), None),
        ("b", deal(("Meta Platforms", "lead_investor"), ("Scale", "target")), None),
        (
            "c",
            deal(("Meta", "investor"), ("Scale AI", "target"), ("Goldman Sachs", "advisor")),
            None,
        ),
    )
    merged = merge(group, ["test"])
    assert [(p.name, p.role.value) for p in merged.parties] == [
        ("Meta Platforms", "investor"),
        ("Scale AI", "target"),
        ("Goldman Sachs", "advisor"),
    ]
    assert merged.parties[0].names == ["Meta Platforms Inc.", "Meta Platforms", "Meta"]
    assert [s.text for s in merged.parties[1].support] == ["Scale AI", "Scale", "Scale AI"]


def test_the_same_key_fact_from_two_reports_is_listed_once() -> None:
    group = members(
        ("a", deal(key_facts=[fact("Acme will keep the Bolt brand.")]), None),
        ("b", deal(key_facts=[fact("acme will keep the Bolt brand"), fact("Jobs will go.")]), None),
    )
    merged = merge(group, ["test"])
    assert [(f.value, [s.article_id for s in f.support]) for f in merged.key_facts] == [
        ("Acme will keep the Bolt brand.", ["a", "b"]),
        ("Jobs will go.", ["b"]),
    ]


def test_deal_id_is_stable_and_readable() -> None:
    group = members(("x", deal(("Acme", "acquirer"), ("Bolt", "target")), None))
    merged = merge(group, ["test"])
    assert merged.id.startswith("acme-bolt-")
    assert deal_id(merged.parties, ["x"]) == merged.id
    assert deal_id(merged.parties, ["y"]) != merged.id


def test_independent_sources_and_headline_from_the_best_report(day: Any) -> None:
    summaries = {
        "a": deal(
            ("Acme", "acquirer"),
            ("Bolt", "target"),
            headline="Acme may buy Bolt",
            announced_on=day(0),
            sources=[source("people familiar", "anonymous")],
        ),
        "b": deal(
            ("Acme", "acquirer"),
            ("Bolt", "target"),
            headline="Acme agrees to buy Bolt",
            announced_on=day(3),
            sources=[source("Acme", "company")],
        ),
    }
    [merged] = consolidate(summaries)
    assert merged.headline.value == "Acme agrees to buy Bolt"
    assert merged.independent_sources == 2
    assert merged.original_sources == ["Acme", "a (own reporting)"]
