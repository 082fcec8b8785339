"""Hand-built DealSummary objects for the consolidation tests: no model, no recordings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from summarize.schema import (
    DealSummary,
    Evidence,
    KeyFact,
    Money,
    Party,
    Qualifier,
    RunMetadata,
    Source,
    SourceKind,
)


def money(
    value: float,
    text: str,
    qualifier: Qualifier | str = Qualifier.exact,
    *,
    currency: str = "USD",
    quote: str | None = None,
    upper: float | None = None,
) -> Money:
    """A Money value; ``quote`` becomes its evidence."""
    return Money(
        value=value,
        currency=currency,
        qualifier=Qualifier(qualifier),
        upper=upper,
        text=text,
        evidence=Evidence(quote=quote) if quote else None,
    )


def source(name: str, kind: SourceKind | str | None = None, quote: str | None = None) -> Source:
    return Source(
        name=name,
        kind=SourceKind(kind) if kind else None,
        evidence=Evidence(quote=quote) if quote else None,
    )


def fact(text: str, quote: str | None = None) -> KeyFact:
    return KeyFact(text=text, evidence=Evidence(quote=quote) if quote else None)


def deal(
    *parties: tuple[str, str],
    deal_type: str | None = "acquisition",
    status: str | None = "announced",
    article_id: str | None = None,
    announced_on: dt.date | None = None,
    headline: str = "A deal",
    evidence: dict[str, str] | None = None,
    **fields: Any,
) -> DealSummary:
    """A summary from (name, role) pairs plus any DealSummary field."""
    metadata = (
        RunMetadata(
            provider="test",
            model="hand",
            prompt_name="none",
            prompt_version="0",
            article_id=article_id,
        )
        if article_id
        else None
    )
    return DealSummary(
        headline=headline,
        deal_type=deal_type,
        status=status,
        parties=[Party(name=name, role=role) for name, role in parties],
        announced_on=announced_on,
        evidence={k: Evidence(quote=v) for k, v in (evidence or {}).items()},
        metadata=metadata,
        **fields,
    )


@pytest.fixture
def day() -> Any:
    """``day(n)``: a date n days after 2024-03-01."""
    return lambda n: dt.date(2024, 3, 1) + dt.timedelta(days=n)
