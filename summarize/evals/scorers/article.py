"""Score one summary against one article's labels, field by field.

``FIELDS`` lists every scored field in report order with the metric that sums it up across
articles: ``accuracy`` (share of articles right), ``f1`` (micro F1 over all items) or ``recall``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from summarize.evals.labels import DEAL_FIELDS, Labels
from summarize.evals.scorers.base import Score
from summarize.evals.scorers.choices import score_choice
from summarize.evals.scorers.facts import score_key_facts
from summarize.evals.scorers.money import score_money, score_qualifier
from summarize.evals.scorers.numbers import score_stake
from summarize.evals.scorers.parties import required_targets, score_parties, score_target
from summarize.evals.scorers.sets import score_people, score_sources
from summarize.schema import DealSummary

Metric = Literal["accuracy", "f1", "recall"]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    metric: Metric
    about: str


FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("no_deal", "accuracy", "deal reported or not, as labeled"),
        FieldSpec("deal_type", "accuracy", "enum, accepted alternatives"),
        FieldSpec("status", "accuracy", "enum, accepted alternatives"),
        FieldSpec("parties", "f1", "(company, role) set, aliases + fuzzy names"),
        FieldSpec("target", "accuracy", "every labeled target found as target"),
        FieldSpec("amount", "accuracy", "value (±1% exact, ±5% hedged) and currency"),
        FieldSpec("amount.qualifier", "accuracy", "exact/about/more than/up to/range"),
        FieldSpec("valuation", "accuracy", "value and currency, as amount"),
        FieldSpec("valuation.qualifier", "accuracy", "as amount.qualifier"),
        FieldSpec("stake_percent", "accuracy", "±0.5 percentage points"),
        FieldSpec("consideration", "accuracy", "cash/stock/mixed"),
        FieldSpec("announced_on", "accuracy", "same day, only when stated"),
        FieldSpec("sources", "f1", "fuzzy set of attributions"),
        FieldSpec("key_people", "f1", "set of person names"),
        FieldSpec("key_facts", "recall", "labeled facts stated (fuzzy tokens)"),
    )
}


def empty_summary() -> DealSummary:
    """What a failed article is scored as: nothing produced, so every labeled value is missed."""
    return DealSummary(headline="", deal_type=None, status=None)


def score_no_deal(no_deal: bool, summary: DealSummary) -> Score:
    """Deal detection: a no-deal article must leave the deal fields empty, a deal article not."""
    filled = [f for f in DEAL_FIELDS if getattr(summary, f) not in (None, [])]
    if no_deal:
        if filled:
            return Score(0.0, "reported a deal: " + ", ".join(filled), fp=1)
        return Score(1.0, "no deal, as labeled")
    if summary.is_deal:
        return Score(1.0, "deal reported", tp=1)
    return Score(0.0, "reported no deal", fn=1)


def score_article(labels: Labels, summary: DealSummary | None) -> dict[str, Score]:
    """Every labeled field of one article; fields the label leaves out are not scored."""
    summary = summary or empty_summary()
    expected = labels.expected
    aliases = labels.alias_table()
    scores: dict[str, Score] = {}

    def traps(field: str) -> list:
        return labels.traps_for(field)

    if expected.is_labeled("no_deal"):
        scores["no_deal"] = score_no_deal(expected.no_deal, summary)
    for field in ("deal_type", "status", "consideration", "announced_on"):
        if expected.is_labeled(field):
            produced = getattr(summary, field)
            scores[field] = score_choice(getattr(expected, field), produced, traps(field))
    if expected.is_labeled("parties"):
        scores["parties"] = score_parties(
            expected.parties, summary.parties, traps("parties"), aliases
        )
        if required_targets(expected.parties):
            scores["target"] = score_target(expected.parties, summary.parties, aliases)
    for field in ("amount", "valuation"):
        if expected.is_labeled(field):
            want, got = getattr(expected, field), getattr(summary, field)
            scores[field] = score_money(want, got, traps(field))
            if want is not None and got is not None:
                scores[f"{field}.qualifier"] = score_qualifier(want, got)
    if expected.is_labeled("stake_percent"):
        scores["stake_percent"] = score_stake(
            expected.stake_percent, summary.stake_percent, traps("stake_percent")
        )
    if expected.is_labeled("sources"):
        scores["sources"] = score_sources(
            expected.sources, summary.sources, traps("sources"), aliases
        )
    if expected.is_labeled("key_people"):
        scores["key_people"] = score_people(
            expected.key_people, summary.key_people, traps("key_people")
        )
    if expected.is_labeled("key_facts"):
        facts = [f.text for f in summary.key_facts]
        if expected.key_facts and summary.headline.strip():
            facts.append(summary.headline)  # a fact stated in the headline is stated
        scores["key_facts"] = score_key_facts(expected.key_facts, facts)
    return {name: scores[name] for name in FIELDS if name in scores}
