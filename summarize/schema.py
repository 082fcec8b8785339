"""The DealSummary schema: what every provider must produce and every scorer reads.

Field docstrings become JSON-schema descriptions, so they are written for the model as much as
for people. Fields the model must not fill (spans, verification results, run metadata) are
hidden from the schema with ``SkipJsonSchema`` and filled by the pipeline.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema


class DealType(str, Enum):
    """What kind of transaction the article reports."""

    acquisition = "acquisition"
    merger = "merger"
    minority_investment = "minority_investment"
    majority_stake = "majority_stake"
    funding_round = "funding_round"
    joint_venture = "joint_venture"
    asset_sale = "asset_sale"
    other = "other"


class DealStatus(str, Enum):
    """Where the deal stands, in lifecycle order (terminated can follow any stage)."""

    rumored = "rumored"
    in_talks = "in_talks"
    announced = "announced"
    pending_approval = "pending_approval"
    completed = "completed"
    terminated = "terminated"


STATUS_ORDER: tuple[DealStatus, ...] = tuple(DealStatus)


class Role(str, Enum):
    """The part a company plays in the deal."""

    acquirer = "acquirer"
    investor = "investor"
    lead_investor = "lead_investor"
    target = "target"
    seller = "seller"
    merger_partner = "merger_partner"
    advisor = "advisor"


class Qualifier(str, Enum):
    """How precisely the article states an amount."""

    exact = "exact"
    approximately = "approximately"
    more_than = "more_than"
    at_least = "at_least"
    up_to = "up_to"
    less_than = "less_than"
    range = "range"


class Consideration(str, Enum):
    """How the buyer pays."""

    cash = "cash"
    stock = "stock"
    mixed = "mixed"


class SourceKind(str, Enum):
    """Who stands behind a claim; consolidation ranks confirmed sources above anonymous ones."""

    company = "company"
    filing = "filing"
    regulator = "regulator"
    news_agency = "news_agency"
    outlet = "outlet"
    anonymous = "anonymous"
    analyst = "analyst"
    other = "other"


MatchKind = Literal["exact", "fuzzy", "none"]


class Evidence(BaseModel):
    """The words in the article that support a value."""

    model_config = ConfigDict(extra="forbid")

    quote: str = Field(description="A short verbatim quote from the article supporting the value.")
    spans: SkipJsonSchema[list[tuple[int, int]]] = Field(
        default_factory=list,
        description="Character spans [start, end) of the quote in the text sent to the model.",
    )
    match: SkipJsonSchema[MatchKind | None] = None
    """How the quote was aligned to the article; None until grounding ran."""
    grounded: SkipJsonSchema[bool | None] = None
    """True when the quote was found and the value is readable from it; None until verified."""
    reason: SkipJsonSchema[str | None] = None
    """Why grounding failed, for a person to read."""


EvidenceField = Annotated[
    Evidence | None, Field(description="Verbatim quote from the article that supports this value.")
]


@cache
def iso_currencies() -> frozenset[str]:
    """ISO 4217 codes known to babel (loaded once)."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


class Money(BaseModel):
    """An amount of money as the article states it, normalized to base units."""

    model_config = ConfigDict(extra="forbid")

    value: float = Field(gt=0, description="Amount in base units: 10000000000 for '$10 billion'.")
    currency: str = Field(description="ISO 4217 code, e.g. USD, EUR, GBP, INR, JPY.")
    qualifier: Qualifier = Field(
        default=Qualifier.exact, description="How the article qualifies the amount."
    )
    upper: float | None = Field(
        default=None, description="Upper bound in base units, only for a range."
    )
    text: str = Field(
        description="The amount phrase exactly as written, e.g. 'more than $10 billion'."
    )
    evidence: EvidenceField = None

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in iso_currencies():
            raise ValueError(f"{value!r} is not an ISO 4217 currency code (use e.g. USD, EUR, INR)")
        return code

    @model_validator(mode="after")
    def _range_bounds(self) -> Money:
        if self.upper is not None and self.upper <= self.value:
            raise ValueError(f"upper ({self.upper:g}) must be greater than value ({self.value:g})")
        if self.qualifier is Qualifier.range and self.upper is None:
            raise ValueError("a range needs an upper bound")
        return self


class Party(BaseModel):
    """A company (or fund, or government body) taking part in the deal."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="The company name as the article writes it.")
    role: Role
    evidence: EvidenceField = None


class Person(BaseModel):
    """Someone named in the article in connection with the deal."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    title: str | None = None
    organization: str | None = None
    evidence: EvidenceField = None


class Source(BaseModel):
    """Who the article attributes the information to."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        min_length=1,
        description="E.g. 'Bloomberg', 'people familiar with the matter', 'a regulatory filing'.",
    )
    kind: SourceKind | None = None
    evidence: EvidenceField = None


class KeyFact(BaseModel):
    """One short statement of a fact about the deal."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="A short statement, at most one sentence.")
    evidence: EvidenceField = None


class Usage(BaseModel):
    """Tokens spent on one article."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


Decider = Literal["model", "rules"]
"""Who decided a field's value (``RunMetadata.decided_by``)."""


class RunMetadata(BaseModel):
    """How a summary was made, stamped on every output."""

    provider: str
    model: str
    prompt_name: str
    prompt_version: str
    usage: Usage = Field(default_factory=Usage)
    latency_s: float = 0.0
    """Wall time for the article, pipeline included."""
    model_latency_s: float = 0.0
    """Time spent waiting on the model alone."""
    requests: int = 0
    attempts: int = 0
    """HTTP attempts, retries included."""
    article_id: str | None = None
    decided_by: dict[str, Decider] = Field(default_factory=dict)
    """Who decided each field's value: ``"model"`` when a model answer chose or changed it,
    ``"rules"`` when rules alone set it (no model call for it, or the model's answer was not
    used). Keys are DealSummary field names (``deal_type``, ``status``, ``parties``, ``amount``,
    ``valuation``, ``stake_percent``, ``consideration``, ``announced_on``, ``sources``,
    ``key_people``, ``key_facts``). A strategy records every field it decided, a value left
    empty included, and leaves out the ones it cannot attribute; an empty dict means "not
    recorded". Eval reports show the model's share per field (``target`` counts under
    ``parties``, ``no_deal`` under ``deal_type``, a qualifier under its amount)."""


class DroppedValue(BaseModel):
    """A value removed by strict grounding, kept so nothing disappears silently."""

    field: str
    value: Any
    reason: str


ScalarField = Literal[
    "headline", "deal_type", "status", "stake_percent", "consideration", "announced_on"
]
SCALAR_FIELDS: tuple[str, ...] = ScalarField.__args__  # type: ignore[attr-defined]


class DealSummary(BaseModel):
    """A structured summary of one business deal reported in one article."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    headline: str = Field(description="One sentence saying who does what deal with whom.")
    deal_type: DealType | None = Field(description="Null only when the article reports no deal.")
    status: DealStatus | None = Field(description="Null only when the article reports no deal.")
    parties: list[Party] = Field(default_factory=list)
    amount: Money | None = Field(
        default=None, description="The deal's price or investment size; null when not stated."
    )
    valuation: Money | None = Field(
        default=None, description="The valuation of the target implied by the deal; null if none."
    )
    stake_percent: float | None = Field(
        default=None, ge=0, le=100, description="Share of the target changing hands, in percent."
    )
    consideration: Consideration | None = None
    announced_on: dt.date | None = Field(
        default=None, description="ISO date, only when the article states the date."
    )
    sources: list[Source] = Field(default_factory=list)
    key_people: list[Person] = Field(default_factory=list)
    key_facts: list[KeyFact] = Field(default_factory=list)
    evidence: dict[ScalarField, Evidence] = Field(
        default_factory=dict,
        description="Quotes supporting the scalar fields, keyed by field name.",
    )
    metadata: SkipJsonSchema[RunMetadata | None] = None
    dropped: SkipJsonSchema[list[DroppedValue]] = Field(default_factory=list)

    @property
    def is_deal(self) -> bool:
        """True when the article reports a deal at all."""
        return self.deal_type is not None or bool(self.parties)

    def names(self, role: Role) -> list[str]:
        """Names of the parties with a given role."""
        return [p.name for p in self.parties if p.role is role]


class ErrorDetail(BaseModel):
    """Why an article has no summary."""

    model_config = ConfigDict(extra="forbid")

    type: str
    """The exception class, e.g. ProviderError, InputError, NoDealError."""
    cause: str
    """What failed: ``input``, ``no_deal``, ``validation``, ``server_crashed``, an HTTP error…"""
    message: str
    """One line a person can act on."""
    attempts: int | None = None
    transient: bool = False
    """A later run may succeed (the server was down, slow or crashed): resume retries it."""


class ErrorRecord(BaseModel):
    """The line ``summarize run --out`` writes for an article that has no summary."""

    model_config = ConfigDict(extra="forbid")

    id: str
    source: str
    error: ErrorDetail


def deal_summary_json_schema() -> dict[str, Any]:
    """The JSON Schema the model is asked to fill (pipeline-only fields hidden)."""
    return DealSummary.model_json_schema()


def _skipped_fields(model: type[BaseModel]) -> dict[str, Any]:
    return {
        name: info
        for name, info in model.model_fields.items()
        if any(isinstance(m, SkipJsonSchema) for m in info.metadata)
    }


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of a summary record as ``summarize run`` writes it: the model's fields
    plus what the pipeline adds (evidence spans and verdicts, metadata, dropped values)."""
    schema = DealSummary.model_json_schema(mode="serialization")
    defs: dict[str, Any] = schema.setdefault("$defs", {})
    models: dict[str, type[BaseModel]] = {
        m.__name__: m for m in (DealSummary, Evidence, Money, Party, Person, Source, KeyFact)
    }
    for name, model in models.items():
        target = schema if model is DealSummary else defs.get(name)
        if target is None:
            continue
        for field_name, info in _skipped_fields(model).items():
            field_schema = TypeAdapter(info.annotation).json_schema(
                mode="serialization", ref_template="#/$defs/{model}"
            )
            defs.update(field_schema.pop("$defs", {}))
            target["properties"][field_name] = field_schema
    return schema


def error_record_json_schema() -> dict[str, Any]:
    """The JSON Schema of an error record (an article that has no summary)."""
    return ErrorRecord.model_json_schema(mode="serialization")
