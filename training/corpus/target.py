"""Turn a written article's facts into the compact DealSummary JSON the adapter learns to write.

The compact form drops everything the pipeline fills itself (spans, grounding results, run
metadata) and every empty or default value; integral amounts are written without ".0". It is
still a valid ``DealSummary`` document: ``DealSummary.model_validate_json`` reads it back.
"""

from __future__ import annotations

import json
from typing import Any

from summarize.schema import (
    DealStatus,
    DealSummary,
    DealType,
    Evidence,
    KeyFact,
    Party,
    Person,
    Role,
    Source,
    SourceKind,
)
from training.corpus.compose import Written
from training.corpus.facts import Deal

MAX_KEY_FACTS = 1
MAX_SOURCES = 2
MAX_FACT_WORDS = 16
NO_DEAL_PREFIX = "No deal: "

_HEADLINE_VERBS: dict[DealStatus, str] = {
    DealStatus.rumored: "may buy",
    DealStatus.in_talks: "in discussions to buy",
    DealStatus.announced: "to buy",
    DealStatus.pending_approval: "awaits approval to buy",
    DealStatus.completed: "bought",
    DealStatus.terminated: "drops deal for",
}
_KIND_WORDS: dict[DealType, str] = {
    DealType.acquisition: "",
    DealType.merger: "merger",
    DealType.minority_investment: "a minority stake in",
    DealType.majority_stake: "a majority stake in",
    DealType.funding_round: "funding round",
    DealType.joint_venture: "joint venture",
    DealType.asset_sale: "",
    DealType.other: "licensing deal with",
}


def _evidence(written: Written, key: str) -> Evidence:
    return Evidence(quote=written.doc.quote(key))


def headline(deal: Deal) -> str:
    """A short plain line: who, what kind of deal, with whom, at which stage (the model's words)."""
    names = {slot: company.name for slot, (company, _) in deal.parties.items()}
    status = deal.status.value.replace("_", " ")
    if deal.shape in ("merge", "jv"):
        return f"{names['partner1']} and {names['partner2']} {_KIND_WORDS[deal.kind]} ({status})."
    if deal.shape == "raise":
        return f"{names['target']} {deal.round} {_KIND_WORDS[deal.kind]} ({status})."
    if deal.shape == "sell":
        return f"{names['seller']} sells {names['target']} to {names['acquirer']} ({status})."
    what = " ".join(w for w in (_KIND_WORDS[deal.kind], names["target"]) if w)
    return f"{names['acquirer']} {_HEADLINE_VERBS[deal.status]} {what}."


def build_summary(deal: Deal, written: Written) -> DealSummary:
    """The labels of one article, every value quoted from it."""
    doc = written.doc
    parties = []
    for slot, (company, role) in deal.parties.items():
        if doc.first(slot) is None:
            if role is Role.advisor:
                continue  # the advisers' paragraph was left out of this article
            raise AssertionError(
                f"{slot} {company.name!r} is a party but the article never names it"
            )
        parties.append(Party(name=company.name, role=role, evidence=_evidence(written, slot)))
    evidence = {
        "deal_type": _evidence(written, "deal_type"),
        "status": _evidence(written, "status"),
    }
    if deal.stake is not None:
        evidence["stake_percent"] = _evidence(written, "stake")
    if deal.consideration is not None:
        evidence["consideration"] = _evidence(written, "consideration")
    if deal.states_date:
        evidence["announced_on"] = _evidence(written, "date")
    sources = [
        Source(name=s.name, kind=SourceKind(s.kind), evidence=_evidence(written, s.key))
        for s in written.sources[:MAX_SOURCES]
    ]
    people = [
        Person(
            name=deal.people[index].name,
            title=deal.people[index].title,
            organization=deal.people[index].company.name,
            evidence=_evidence(written, key),
        )
        for key, index in written.people
    ]
    short = [text for text in written.facts if len(text.split()) <= MAX_FACT_WORDS]
    facts = [KeyFact(text=text) for text in short[:MAX_KEY_FACTS]]
    return DealSummary(
        headline=headline(deal),
        deal_type=deal.kind,
        status=deal.status,
        parties=parties,
        amount=deal.amount.money(doc.quote("amount")) if deal.amount else None,
        valuation=deal.valuation.money(doc.quote("valuation")) if deal.valuation else None,
        stake_percent=deal.stake,
        consideration=deal.consideration,
        announced_on=deal.day if deal.states_date else None,
        sources=sources,
        key_people=people,
        key_facts=facts,
        evidence=evidence,  # type: ignore[arg-type]
    )


def no_deal_summary(written: Written) -> DealSummary:
    return DealSummary(headline=NO_DEAL_PREFIX + written.headline, deal_type=None, status=None)


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return value


def compact_json(summary: DealSummary) -> str:
    """The target text: one line of JSON, nothing the pipeline fills, no nulls beyond the two
    fields a no-deal summary must state."""
    data = summary.model_dump(
        mode="json", exclude={"metadata", "dropped"}, exclude_none=True, exclude_defaults=True
    )
    data = {
        "headline": data.pop("headline"),
        "deal_type": data.pop("deal_type", None),
        "status": data.pop("status", None),
        **data,
    }
    return json.dumps(_compact(data), ensure_ascii=False, separators=(",", ":"))


def quotes(summary: DealSummary) -> list[str]:
    """Every evidence quote and verbatim key-fact text in a summary."""
    found: list[str] = []
    for item in [*summary.parties, *summary.sources, *summary.key_people]:
        if item.evidence:
            found.append(item.evidence.quote)
    for money in (summary.amount, summary.valuation):
        if money and money.evidence:
            found.append(money.evidence.quote)
    found += [e.quote for e in summary.evidence.values()]
    found += [f.text for f in summary.key_facts]
    return found
