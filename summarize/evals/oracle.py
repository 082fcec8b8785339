"""Summaries built from the labels themselves: the harness's self-check and a test double.

Feeding these to the scorers must give 1.0 on every field; anything less is a scorer bug or a
label the scorers cannot read. ``OracleSummarizer`` runs the whole harness without a model.
"""

from __future__ import annotations

from typing import Any

from summarize.articles import Article
from summarize.evals.dataset import Dataset
from summarize.evals.labels import ExpectedMoney, Labels
from summarize.schema import DealSummary, KeyFact, Money, Party, Person, Source


def _money(expected: ExpectedMoney | None) -> Money | None:
    if expected is None:
        return None
    return Money(
        value=expected.value,
        currency=expected.currency,
        qualifier=expected.qualifier,
        upper=expected.upper,
        text=expected.text,
    )


def summary_from_labels(labels: Labels) -> DealSummary:
    """The summary a perfect model would produce for these labels."""
    e = labels.expected

    def value(field: str) -> Any:
        labeled = getattr(e, field)
        return labeled.value if labeled is not None else None

    return DealSummary(
        headline=labels.title,
        deal_type=value("deal_type"),
        status=value("status"),
        parties=[Party(name=p.name, role=p.role) for p in e.parties],
        amount=_money(e.amount),
        valuation=_money(e.valuation),
        stake_percent=value("stake_percent"),
        consideration=value("consideration"),
        announced_on=value("announced_on"),
        sources=[Source(name=s) for s in e.sources],
        key_people=[
            Person(name=p.name, title=p.title, organization=p.organization) for p in e.key_people
        ],
        key_facts=[KeyFact(text=f) for f in e.key_facts],
    )


class OracleSummarizer:
    """Answers every article of a dataset with its labels (no model, no network)."""

    def __init__(self, dataset: Dataset) -> None:
        self._labels = {case.id: case.labels for case in dataset.cases}

    def settings(self) -> dict[str, Any]:
        return {"provider": "oracle", "model": "labels", "prompt": "none", "prompt_version": "0"}

    async def summarize(self, article: Article) -> DealSummary:
        return summary_from_labels(self._labels[article.id])
