"""Every value a DealSummary holds, with where its evidence lives, in one walk.

Grounding, the per-field statistics the eval harness reports and the HTML view all need the same
list ("parties[1]: Scale AI (target), evidence ..."), so it is built here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarize.schema import DealSummary, Evidence

FIELD_KINDS: tuple[str, ...] = (
    "parties", "amount", "valuation", "stake_percent", "status", "deal_type", "announced_on",
    "consideration", "sources", "key_people", "key_facts",
)  # fmt: skip
"""The kinds of values grounding verifies, in display order (the headline is the model's own)."""

SCALAR_KINDS: tuple[str, ...] = (
    "stake_percent",
    "status",
    "deal_type",
    "announced_on",
    "consideration",
)
"""Kinds whose evidence sits in ``DealSummary.evidence`` keyed by field name."""


@dataclass(frozen=True)
class EvidenceItem:
    """One filled value: its kind, its path in the record, a label for people, its evidence."""

    kind: str
    field: str
    label: str
    evidence: Evidence | None


def scalar_label(value: Any) -> str:
    if hasattr(value, "value"):  # enums
        return str(value.value).replace("_", " ")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}%"
    return str(value)


def evidence_items(summary: DealSummary) -> list[EvidenceItem]:
    """Every filled value of ``summary`` in ``FIELD_KINDS`` order."""
    items: list[EvidenceItem] = []
    for i, party in enumerate(summary.parties):
        items.append(
            EvidenceItem(
                "parties", f"parties[{i}]", f"{party.name} ({party.role.value})", party.evidence
            )
        )
    for kind in ("amount", "valuation"):
        money = getattr(summary, kind)
        if money is not None:
            label = money.text or f"{money.currency} {money.value:,.0f}"
            items.append(EvidenceItem(kind, kind, label, money.evidence))
    for kind in SCALAR_KINDS:
        value = getattr(summary, kind)
        if value is not None:
            items.append(EvidenceItem(kind, kind, scalar_label(value), summary.evidence.get(kind)))  # type: ignore[call-overload]
    for i, source in enumerate(summary.sources):
        items.append(EvidenceItem("sources", f"sources[{i}]", source.name, source.evidence))
    for i, person in enumerate(summary.key_people):
        extra = ", ".join(p for p in (person.title, person.organization) if p)
        label = f"{person.name} ({extra})" if extra else person.name
        items.append(EvidenceItem("key_people", f"key_people[{i}]", label, person.evidence))
    for i, fact in enumerate(summary.key_facts):
        items.append(EvidenceItem("key_facts", f"key_facts[{i}]", fact.text, fact.evidence))
    return items


def field_kind(field: str) -> str:
    """``"parties[2]"`` → ``"parties"``."""
    return field.split("[", 1)[0]


def grounding_stats(summary: DealSummary) -> dict[str, tuple[int, int]]:
    """Per field kind: (grounded values, values produced); dropped values count as produced.

    Every kind is present, (0, 0) when the summary has no such value, so sums over many
    summaries line up.
    """
    stats = {kind: [0, 0] for kind in FIELD_KINDS}
    for item in evidence_items(summary):
        stats[item.kind][1] += 1
        if item.evidence is not None and item.evidence.grounded:
            stats[item.kind][0] += 1
    for dropped in summary.dropped:
        kind = field_kind(dropped.field)
        if kind in stats:
            stats[kind][1] += 1
    return {kind: (grounded, total) for kind, (grounded, total) in stats.items()}
