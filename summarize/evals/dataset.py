"""Load an eval dataset: articles plus hand-labeled facts (format: evals/datasets/FORMAT.md).

Labels are what people write, so they are validated strictly (``extra="forbid"``) and a mistake
is reported as one line naming the file and the field, before any model is called.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from summarize.articles import Article, read_file
from summarize.exceptions import ConfigError, InputError
from summarize.names import AliasTable
from summarize.schema import Consideration, DealStatus, DealType, Qualifier, Role, iso_currencies

DATASETS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets"
"""Where ``--dataset NAME`` looks when run from a source checkout."""

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


class ExpectedMoney(Strict):
    value: float = Field(gt=0)
    currency: str
    qualifier: Qualifier = Qualifier.exact
    accept_qualifiers: list[Qualifier] = Field(default_factory=list)
    upper: float | None = None
    text: str = Field(min_length=1)
    """The phrase exactly as the article writes it."""

    @field_validator("currency")
    @classmethod
    def _iso(cls, value: str) -> str:
        if value.upper() not in iso_currencies():
            raise ValueError(f"{value!r} is not an ISO 4217 code (use USD, EUR, INR …)")
        return value.upper()

    @model_validator(mode="after")
    def _range(self) -> ExpectedMoney:
        if self.upper is not None and self.upper <= self.value:
            raise ValueError(f"upper ({self.upper:g}) must be greater than value ({self.value:g})")
        if self.qualifier is Qualifier.range and self.upper is None:
            raise ValueError("a range needs an upper bound")
        return self

    def qualifiers(self) -> set[Qualifier]:
        return {self.qualifier, *self.accept_qualifiers}


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


class DatasetMeta(Strict):
    """``dataset.yaml``."""

    name: str = Field(min_length=1)
    version: int | str
    description: str = ""
    articles_dir: str | None = None
    """Where the ``<id>.txt`` files live, relative to this folder (default: this folder)."""


@dataclass(frozen=True)
class Case:
    """One article and its labels."""

    id: str
    article: Article
    labels: Labels
    labels_path: Path


@dataclass(frozen=True)
class Dataset:
    meta: DatasetMeta
    root: Path
    cases: tuple[Case, ...]

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def external_articles(self) -> bool:
        """True when the article texts live outside the dataset folder (not written by us)."""
        return self.meta.articles_dir is not None


def _one_line(exc: ValidationError) -> str:
    """The first validation problem as ``field.path: message`` (plus how many more)."""
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    hint = ""
    if first["type"] == "extra_forbidden" and " " in str(first["loc"][-1]):
        hint = ' (inside {...} quote text that holds a comma: note: "x, not a party")'
    return f"{where}: {first['msg']}{hint}{more}"


def _read_yaml(path: Path, error: type[InputError] | type[ConfigError]) -> Any:
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
    data = _read_yaml(path, InputError)
    try:
        labels = Labels.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{path}: {_one_line(exc)}") from None
    if labels.id != path.stem:
        raise InputError(f"{path}: id {labels.id!r} must equal the file name {path.stem!r}")
    return labels


def resolve_dataset(name_or_path: str | Path) -> Path:
    """The folder of a dataset given by name (``deals``) or by path."""
    path = Path(name_or_path)
    if path.is_file() and path.name == "dataset.yaml":
        return path.parent
    if path.is_dir():
        return path
    for base in (Path.cwd() / "evals" / "datasets", DATASETS_DIR):
        if (base / str(name_or_path) / "dataset.yaml").is_file():
            return base / str(name_or_path)
    raise ConfigError(
        f"no dataset {str(name_or_path)!r}: pass a folder holding dataset.yaml, "
        f"or a name under evals/datasets/"
    )


def _load_meta(root: Path) -> DatasetMeta:
    meta_path = root / "dataset.yaml"
    try:
        return DatasetMeta.model_validate(_read_yaml(meta_path, ConfigError))
    except ValidationError as exc:
        raise ConfigError(f"{meta_path}: {_one_line(exc)}") from None


def _articles_dir(root: Path, meta: DatasetMeta) -> Path:
    return (root / meta.articles_dir).resolve() if meta.articles_dir else root


def _case(labels_path: Path, articles_dir: Path) -> Case:
    labels = load_labels(labels_path)
    text_path = articles_dir / f"{labels.id}.txt"
    if not text_path.is_file():
        raise InputError(f"{labels_path}: article {text_path} is missing")
    return Case(labels.id, read_file(text_path), labels, labels_path)


def load_case(labels_path: Path) -> Case:
    """One labeled article on its own (its folder's dataset.yaml says where the text lives)."""
    root = labels_path.parent
    return _case(labels_path, _articles_dir(root, _load_meta(root)))


NOT_LABEL_FILES = frozenset({"dataset.yaml", "groups.yaml"})
"""YAML files in a dataset folder that are not one article's labels."""


def load_dataset(name_or_path: str | Path) -> Dataset:
    """Every labeled article of a dataset, validated; raises one-line errors for bad files."""
    root = resolve_dataset(name_or_path)
    meta = _load_meta(root)
    articles_dir = _articles_dir(root, meta)
    cases = [
        _case(path, articles_dir)
        for path in sorted(root.glob("*.yaml"))
        if path.name not in NOT_LABEL_FILES
    ]
    if not meta.articles_dir:
        labeled = {c.id for c in cases}
        unlabeled = sorted(p.name for p in root.glob("*.txt") if p.stem not in labeled)
        if unlabeled:
            raise InputError(f"{root}: {unlabeled[0]} has no {Path(unlabeled[0]).stem}.yaml labels")
    if not cases:
        raise ConfigError(f"{root}: no labeled articles (<id>.yaml next to dataset.yaml)")
    return Dataset(meta, root, tuple(cases))
