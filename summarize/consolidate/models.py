"""ConsolidatedDeal: one record per deal, every value tied to the reports and quotes behind it.

Nothing is resolved silently: a chosen value names the rule that chose it, the reports that
disagree are kept as a ``Conflict``, status changes are kept as a timeline, and valuations carry
a label so a last-round valuation and a tender-offer valuation stay two separate facts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from summarize.schema import Consideration, DealStatus, DealType, Money, Role, SourceKind

T = TypeVar("T")

Basis = Literal["confirmed", "reported", "anonymous", "unattributed"]
"""Who stands behind a report's value: a company/filing/regulator, a named outlet, anonymous
people, or nobody named. Merging ranks them in this order."""

BASIS_RANK: dict[str, int] = {"confirmed": 3, "reported": 2, "unattributed": 1, "anonymous": 1}

ValuationLabel = Literal[
    "implied", "post_money", "pre_money", "tender_offer", "last_round", "other"
]  # fmt: skip
VALUATION_LABELS: tuple[str, ...] = ValuationLabel.__args__  # type: ignore[attr-defined]

ConflictField = Literal[
    "deal_type", "amount", "valuation", "stake_percent", "consideration", "announced_on"
]  # fmt: skip
CONFLICT_FIELDS: tuple[str, ...] = ConflictField.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Support(_Model):
    """One report's backing for a value: the article, its words, and how well sourced it is."""

    article_id: str
    quote: str | None = None
    spans: list[tuple[int, int]] = Field(default_factory=list)
    """Where the quote sits in that article's text (empty when it was never grounded)."""
    text: str | None = None
    """The value as this report writes it, e.g. 'surpass $10 billion'."""
    basis: Basis = "unattributed"
    date: dt.date | None = None
    """The report's date (published, else the deal date it states)."""


class Claim(_Model):
    """One value some reports give, with those reports."""

    value: Any
    support: list[Support]


class Chosen(_Model, Generic[T]):
    """A merged field: the value picked, why, and every report consistent with it."""

    value: T | None = None
    rule: str = "no report states it"
    support: list[Support] = Field(default_factory=list)


class Conflict(_Model):
    """Reports that disagree on a field; the chosen value is kept beside every claim."""

    field: ConflictField
    label: str | None = None
    """Only for valuations: which valuation the reports disagree on."""
    claims: list[Claim]
    chosen: Any
    rule: str


class StatusEvent(_Model):
    """One step of the deal's life as the reports tell it, oldest first."""

    status: DealStatus
    date: dt.date | None = None
    support: list[Support]


class ValuationFact(_Model):
    """A valuation with the label its surrounding words give it ('last valued at' → last_round)."""

    label: ValuationLabel
    money: Money
    cue: str | None = None
    """The words that decided the label."""
    support: list[Support]


class MergedParty(_Model):
    """A company across reports: the spelling most reports use, and every spelling seen."""

    name: str
    role: Role
    names: list[str]
    support: list[Support]


class SourceLink(_Model):
    """A named source and the chain it sits in: who relays it, and whether it is an origin."""

    name: str
    kind: SourceKind | None = None
    article_ids: list[str]
    cites: list[str] = Field(default_factory=list)
    """Sources this one only relays ('Reuters, citing Bloomberg': Reuters cites Bloomberg)."""
    original: bool
    """True when the chain ends here: it counts towards ``independent_sources``."""


class ConsolidatedDeal(_Model):
    """One deal assembled from every report of it."""

    id: str
    article_ids: list[str]
    grouping: list[str]
    """Why these reports were put together: one line per link, or why a report stands alone."""
    headline: Chosen[str] = Field(default_factory=Chosen[str])
    deal_type: Chosen[DealType] = Field(default_factory=Chosen[DealType])
    status: Chosen[DealStatus] = Field(default_factory=Chosen[DealStatus])
    status_timeline: list[StatusEvent] = Field(default_factory=list)
    parties: list[MergedParty] = Field(default_factory=list)
    amount: Chosen[Money] = Field(default_factory=Chosen[Money])
    valuations: list[ValuationFact] = Field(default_factory=list)
    stake_percent: Chosen[float] = Field(default_factory=Chosen[float])
    consideration: Chosen[Consideration] = Field(default_factory=Chosen[Consideration])
    announced_on: Chosen[dt.date] = Field(default_factory=Chosen[dt.date])
    sources: list[SourceLink] = Field(default_factory=list)
    independent_sources: int = 0
    original_sources: list[str] = Field(default_factory=list)
    key_facts: list[Claim] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)

    def valuation(self, label: str) -> ValuationFact | None:
        """The first valuation with ``label``, or None."""
        return next((v for v in self.valuations if v.label == label), None)

    def conflict(self, field: str, label: str | None = None) -> Conflict | None:
        """The conflict on ``field`` (and valuation ``label``), or None."""
        return next(
            (c for c in self.conflicts if c.field == field and (label is None or c.label == label)),
            None,
        )
