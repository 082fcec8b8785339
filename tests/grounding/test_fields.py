from __future__ import annotations

from collections.abc import Callable

import pytest

from summarize.articles import Article
from summarize.grounding import FIELD_KINDS, evidence_items, ground, grounding_stats
from summarize.schema import DealSummary

DOUBTFUL_STATS = {
    "parties": (1, 3),
    "amount": (0, 1),
    "valuation": (0, 1),
    "stake_percent": (0, 1),
    "status": (1, 1),
    "deal_type": (0, 1),
    "announced_on": (0, 1),
    "consideration": (0, 1),
    "sources": (0, 1),
    "key_people": (0, 1),
    "key_facts": (0, 1),
}


@pytest.mark.parametrize("policy", ["strict", "flag"])
def test_dropped_and_flagged_values_count_the_same(
    article: Article, doubtful: DealSummary, policy: str
) -> None:
    assert grounding_stats(ground(doubtful, article, policy=policy)) == DOUBTFUL_STATS  # type: ignore[arg-type]


def test_unverified_values_count_as_produced_not_grounded(doubtful: DealSummary) -> None:
    stats = grounding_stats(doubtful)
    assert {kind: total for kind, (_, total) in stats.items()} == {
        k: t for k, (_, t) in DOUBTFUL_STATS.items()
    }
    assert all(grounded == 0 for grounded, _ in stats.values())


def test_every_kind_is_reported_even_when_empty(make_summary: Callable[..., DealSummary]) -> None:
    stats = grounding_stats(make_summary(deal_type=None, status=None))
    assert list(stats) == list(FIELD_KINDS)
    assert set(stats.values()) == {(0, 0)}


def test_evidence_items_label_each_value(full_summary: DealSummary) -> None:
    labels = {item.field: item.label for item in evidence_items(full_summary)}
    assert labels["parties[0]"] == "Nordlys Energy ASA (acquirer)"
    assert labels["amount"] == "$2.8 billion"
    assert labels["stake_percent"] == "49%"
    assert labels["deal_type"] == "minority investment"
    assert labels["announced_on"] == "2025-09-02"
    assert labels["key_people[0]"] == "Ingrid Solheim (chief executive)"
    assert [item.kind for item in evidence_items(full_summary)] == sorted(
        (item.kind for item in evidence_items(full_summary)), key=FIELD_KINDS.index
    )
