"""One training example: an article, its compact target, and the checks that make it trustworthy."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from summarize.articles import make_article
from summarize.grounding import ground
from summarize.schema import DealSummary
from training.corpus.compose import Writer, write_no_deal
from training.corpus.facts import sample_deal
from training.corpus.target import build_summary, compact_json, no_deal_summary, quotes

NO_DEAL_SHARE = 0.1
"""Share of articles that report no deal at all."""


@dataclass(frozen=True)
class Example:
    """One JSONL record: ``{"id", "text", "target"}`` plus the parsed summary for checks."""

    id: str
    text: str
    target: str
    summary: DealSummary

    def record(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "target": self.target}


def check(text: str, target: str) -> DealSummary:
    """Raise AssertionError unless ``target`` is a valid summary fully grounded in ``text``."""
    summary = DealSummary.model_validate_json(target)
    for quote in quotes(summary):
        if quote not in text:
            raise AssertionError(f"quote {quote!r} does not occur in the article")
    grounded = ground(
        summary, make_article(text, id="check", source="<generated>"), policy="strict"
    )
    if grounded.dropped:
        first = grounded.dropped[0]
        raise AssertionError(f"grounding drops {first.field}: {first.reason}")
    return summary


def example(rng: random.Random, index: int) -> Example:
    """Write example number ``index`` from ``rng`` (same stream, same example)."""
    if rng.random() < NO_DEAL_SHARE:
        written = write_no_deal(rng)
        summary = no_deal_summary(written)
    else:
        deal = sample_deal(rng)
        written = Writer(rng, deal).write()
        summary = build_summary(deal, written)
    text = written.doc.text
    target = compact_json(summary)
    check(text, target)
    return Example(id=f"synth-{index:06d}", text=text, target=target, summary=summary)
