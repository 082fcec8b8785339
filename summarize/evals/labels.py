"""Hand-labeled facts of one article (``<id>.yaml``; format: evals/datasets/FORMAT.md).

Labels are what people write, so they are validated strictly (``extra="forbid"``) and a mistake
is reported as one line naming the file and the field, before any model is called.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from summarize.exceptions import ConfigError, InputError
from summarize.names import AliasTable
from summarize.schema import Consideration, DealStatus, DealType, Qualifier, Role, iso_currencies

DEAL_FIELDS: tuple[str, ...] = ("deal_type", "status", "parties", "amount")
"""Fields a ``no_deal`` article implicitly labels empty: filling them there is a hallucination."""

TrapField = Literal[
    "deal_type", "status", "parties", "amount", "valuation", "stake_percent", "consideration",
    "announced_on", "sources", "key_people",
]  # fmt: skip
T = TypeVar("T")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Accepting(Strict, Generic[T]):
    """A labeled value with accepted alternatives: ``status: {value: announced, accept: [...]}``."""

    value: T
    accept: list[T] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _plain_value(cls, data: Any) -> Any:
        return data if isinstance(data, dict) else {"value": data}

    def accepted(self) -> list[T]:
        """The labeled value first, then its alternatives."""
        return [self.value, *self.accept]


class ExpectedParty(Strict):
    name: str = Field(min_length=1)
    role: Role
    accept_roles: list[Role] = Field(default_factory=list)
    optional: bool = False
    """Not required, not penalised: advisors and other minor parties."""

    def roles(self) -> set[Role]:
        return {self.role, *self.accept_roles}


def _iso_currency(value: str) -> str:
    if value.upper() not in iso_currencies():
        raise ValueError(f"{value!r} is not an ISO 4217 code (use USD, EUR, INR …)")
    return value.upper()


class MoneyLabel(Strict):
    """A labeled amount: value and currency, an optional range bound, the article's phrase."""

    value: float = Field(gt=0)
    currency: str
    upper: float | None = None
    text: str = Field(min_length=1)
    """The phrase exactly as the article writes it."""

    _iso = field_validator("currency")(_iso_currency)

    @model_validator(mode="after")
    def _upper_above_value(self) -> MoneyLabel:
        if self.upper is not None and self.upper <= self.value:
            raise ValueError(f"upper ({self.upper:g}) must be greater than value ({self.value:g})")
        return self


class AcceptedMoney(MoneyLabel):
    """Another right answer for an amount: the converted figure in parentheses, an equity value
    next to an enterprise value. Without ``qualifier`` it takes the labeled amount's."""

    qualifier: Qualifier | None = None


class ExpectedMoney(MoneyLabel):
    qualifier: Qualifier = Qualifier.exact
    accept_qualifiers: list[Qualifier] = Field(default_factory=list)
    accept: list[AcceptedMoney] = Field(default_factory=list)
    """Other figures that are right too, scored with the same tolerance rules."""

    @model_validator(mode="after")
    def _range(self) -> ExpectedMoney:
        bounds = [(self.qualifier, self.upper, self.text)]
        bounds += [(alt.qualifier or self.qualifier, alt.upper, alt.text) for alt in self.accept]
        for qualifier, upper, text in bounds:
            if qualifier is Qualifier.range and upper is None:
                raise ValueError(f"a range needs an upper bound ({text!r})")
        return self

    def qualifiers(self) -> set[Qualifier]:
        return {self.qualifier, *self.accept_qualifiers}

    def accepted(self) -> list[ExpectedMoney]:
        """This amount, then each ``accept`` alternative as an amount of its own (its qualifier
        defaulting to this one's, ``accept_qualifiers`` shared)."""
        alternatives = [
            ExpectedMoney(
                value=alt.value,
                currency=alt.currency,
                upper=alt.upper,
                text=alt.text,
                qualifier=alt.qualifier or self.qualifier,
                accept_qualifiers=self.accept_qualifiers,
            )
            for alt in self.accept
        ]
        return [self, *alternatives]


class ExpectedPerson(Strict):
    name: str = Field(min_length=1)
    title: str | None = None
    organization: str | None = None
    optional: bool = False


class Expected(Strict):
    """Hand-labeled facts. Absent field: not scored. ``null`` or ``[]``: must stay empty."""

    no_deal: bool = False
    deal_type: Accepting[DealType] | None = None
    status: Accepting[DealStatus] | None = None
    parties: list[ExpectedParty] = Field(default_factory=list)
    amount: ExpectedMoney | None = None
    valuation: ExpectedMoney | None = None
    stake_percent: Accepting[float] | None = None
    consideration: Accepting[Consideration] | None = None
    announced_on: Accepting[dt.date] | None = None
    sources: list[str] = Field(default_factory=list)
    key_people: list[ExpectedPerson] = Field(default_factory=list)
    key_facts: list[str] = Field(default_factory=list)

    @field_validator("parties", "sources", "key_people", "key_facts", mode="before")
    @classmethod
    def _null_list(cls, value: Any) -> Any:
        return [] if value is None else value

    def is_labeled(self, field: str) -> bool:
        """True when the label file says something (a value, null or []) about ``field``."""
        return field in self.model_fields_set or (self.no_deal and field in DEAL_FIELDS)


class Trap(Strict):
    """A value the article contains that is NOT the answer; producing it is a hallucination."""

    field: TrapField
    value: float | dt.date | str | None = None
    currency: str | None = None
    name: str | None = None
    note: str

    @field_validator("value", mode="before")
    @classmethod
    def _number_text(cls, value: Any) -> Any:
        """YAML 1.1 reads ``2.2e9`` (no sign in the exponent) as text; it is a number."""
        if isinstance(value, str):
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        return value

    @model_validator(mode="after")
    def _has_what_it_needs(self) -> Trap:
        by_name = self.field in {"parties", "sources", "key_people"}
        if by_name and not self.name:
            raise ValueError(f"a {self.field} trap needs a name")
        if not by_name and self.value is None:
            raise ValueError(f"a {self.field} trap needs a value")
        return self


class Labels(Strict):
    """One ``<id>.yaml`` file."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    covers: list[str] = Field(default_factory=list)
    notes: str | None = None
    aliases: dict[str, list[str]] = Field(default_factory=dict)
    expected: Expected
    traps: list[Trap] = Field(default_factory=list)

    @field_validator("aliases", mode="before")
    @classmethod
    def _null_aliases(cls, value: Any) -> Any:
        return {} if value is None else value

    def alias_table(self) -> AliasTable:
        return AliasTable.from_mapping(self.aliases)

    def traps_for(self, field: str) -> list[Trap]:
        return [t for t in self.traps if t.field == field]


def one_line(exc: ValidationError) -> str:
    """The first validation problem as ``field.path: message`` (plus how many more)."""
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    hint = ""
    if first["type"] == "extra_forbidden" and " " in str(first["loc"][-1]):
        hint = ' (inside {...} quote text that holds a comma: note: "x, not a party")'
    return f"{where}: {first['msg']}{hint}{more}"


def read_yaml(path: Path, error: type[InputError] | type[ConfigError]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise error(f"{path}: invalid YAML{at}: {problem}") from None


def load_labels(path: Path) -> Labels:
    """Read and validate one expected-facts file; the id must equal the file stem."""
    data = read_yaml(path, InputError)
    try:
        labels = Labels.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{path}: {one_line(exc)}") from None
    if labels.id != path.stem:
        raise InputError(f"{path}: id {labels.id!r} must equal the file name {path.stem!r}")
    return labels
