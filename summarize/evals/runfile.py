"""The JSON run file: everything needed to compare two eval runs without re-running them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarize.exceptions import InputError
from summarize.schema import DealSummary, Usage

RUN_FORMAT_VERSION = 2
"""2: split, frozen, baselines and attribution (version 1 files still load)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScoreRecord(_Model):
    """One field of one article (see ``summarize.evals.scorers.Score``)."""

    value: float
    reason: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    produced: int = 0
    hallucinated: int = 0


class ArticleError(_Model):
    type: str
    message: str


class ArticleResult(_Model):
    id: str
    title: str
    score: float
    """Mean of this article's field scores."""
    scores: dict[str, ScoreRecord] = Field(default_factory=dict)
    prediction: DealSummary | None = None
    error: ArticleError | None = None
    usage: Usage = Field(default_factory=Usage)
    latency_s: float = 0.0
    grounding: dict[str, tuple[int, int]] | None = None
    """field -> (grounded values, values) from ``summarize.grounding.grounding_stats``."""


class FieldMetrics(_Model):
    field: str
    metric: Literal["accuracy", "f1", "recall"]
    value: float
    """The headline number: ``metric`` of this field over the dataset."""
    n: int
    """Articles where the field was scored."""
    accuracy: float
    precision: float | None
    recall: float | None
    f1: float | None
    produced: int
    hallucinated: int
    hallucination_rate: float | None


class GroundingMetrics(_Model):
    field: str
    grounded: int
    total: int
    share: float | None
    """Grounded share of produced values; 1 - share is the ungrounded (hallucinated) share."""


class Baseline(_Model):
    """The best constant answer for a field (see ``summarize.evals.baselines``)."""

    field: str
    value: float
    constant: str
    """Which constant, as people read it: 'always announced', 'always null', …"""
    n: int


class Attribution(_Model):
    """Who decided a field's values, from ``RunMetadata.decided_by``."""

    field: str
    model: int
    rules: int

    @property
    def model_share(self) -> float | None:
        total = self.model + self.rules
        return self.model / total if total else None


class RunConfig(_Model):
    dataset: str
    dataset_version: str
    dataset_path: str
    split: str | None = None
    """The split scored; None for a dataset without splits."""
    split_version: int | None = None
    """The manifest version of a frozen split."""
    frozen: bool = False
    """A frozen split: reports hide per-article results unless asked (``--show-articles``)."""
    articles: int
    provider: str | None = None
    model: str | None = None
    prompt_name: str | None = None
    prompt_version: str | None = None
    settings: dict[str, Any] = Field(default_factory=dict)
    replay: bool = False
    record_mode: str | None = None
    concurrency: int = 1
    started_at: dt.datetime
    summarize_version: str


class RunTotals(_Model):
    overall: float
    """Unweighted mean of the per-field headline numbers."""
    hallucination_rate: float
    produced: int
    hallucinated: int
    grounded_share: float | None = None
    errors: int
    usage: Usage = Field(default_factory=Usage)
    duration_s: float
    mean_latency_s: float


class RunFile(_Model):
    format: Literal["summarize-eval-run"] = "summarize-eval-run"
    format_version: int = RUN_FORMAT_VERSION
    config: RunConfig
    totals: RunTotals
    fields: dict[str, FieldMetrics]
    grounding: dict[str, GroundingMetrics] | None = None
    baselines: dict[str, Baseline] = Field(default_factory=dict)
    attribution: dict[str, Attribution] | None = None
    """None when no summary recorded who decided its values."""
    articles: list[ArticleResult]
    notes: list[str] = Field(default_factory=list)

    def metric(self, name: str) -> float | None:
        """A field's headline number, ``overall`` or ``hallucination_rate``; None if absent."""
        if name == "overall":
            return self.totals.overall
        if name == "hallucination_rate":
            return self.totals.hallucination_rate
        found = self.fields.get(name)
        return found.value if found else None

    @property
    def label(self) -> str:
        """``deals/test`` for a split, the dataset name otherwise."""
        c = self.config
        return f"{c.dataset}/{c.split}" if c.split else c.dataset

    def save(self, path: Path) -> None:
        path.write_text(self.model_dump_json(indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RunFile:
        try:
            return cls.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            raise InputError("no such run file", source=str(path)) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InputError(
                f"not an eval run file ({where}: {first['msg']}); "
                "write one with 'summarize eval --out'",
                source=str(path),
            ) from None
