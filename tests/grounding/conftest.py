"""Hand-written articles and summaries for the grounding tests: no model is ever called."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from summarize.articles import Article, make_article
from summarize.schema import DealSummary, Evidence, Money, Party, RunMetadata

ARTICLE_TEXT = """Nordlys Energy agrees to buy Tidewater Grid for $2.8 billion in cash

OSLO, September 2, 2025 — Nordlys Energy ASA has agreed to acquire a 49% stake in Tidewater \
Grid, a US developer of battery-storage projects, for $2.8 billion in cash, the Norwegian \
utility said on Tuesday.

The deal is subject to approval by US regulators and is expected to close in the first half \
of 2026, the companies said in a joint statement. Nordlys will fund the purchase with cash on \
hand.

"Storage is the bottleneck of the energy transition," said Ingrid Solheim, chief executive of \
Nordlys Energy.

Nordlys, which has a market value of about $31 billion, reported revenue of $410 million last \
year. Analysts at Fjellstad Securities said the price looked full.
"""


@pytest.fixture
def article() -> Article:
    return make_article(ARTICLE_TEXT, id="nordlys", source="nordlys.txt")


def quote(text: str) -> Evidence:
    return Evidence(quote=text)


@pytest.fixture
def make_summary() -> Callable[..., DealSummary]:
    """A DealSummary with a plausible default for every required field; keywords override."""

    def make(**fields: Any) -> DealSummary:
        defaults: dict[str, Any] = {
            "headline": "Nordlys Energy buys 49% of Tidewater Grid for $2.8 billion",
            "deal_type": "minority_investment",
            "status": "pending_approval",
            "metadata": RunMetadata(
                provider="test", model="hand", prompt_name="fixture", prompt_version="1",
                article_id="nordlys",
            ),
        }  # fmt: skip
        return DealSummary.model_validate({**defaults, **fields})

    return make


@pytest.fixture
def full_summary(make_summary: Callable[..., DealSummary]) -> DealSummary:
    """Every kind of value filled, each with a quote the article supports."""
    return make_summary(
        parties=[
            Party(
                name="Nordlys Energy ASA",
                role="acquirer",
                evidence=quote("Nordlys Energy ASA has agreed"),
            ),
            Party(name="Tidewater Grid", role="target", evidence=quote("stake in Tidewater Grid")),
        ],
        amount=Money(
            value=2.8e9,
            currency="USD",
            text="$2.8 billion",
            evidence=quote("for $2.8 billion in cash"),
        ),
        stake_percent=49,
        consideration="cash",
        announced_on="2025-09-02",
        sources=[
            {
                "name": "company statement",
                "kind": "company",
                "evidence": quote("said in a joint statement"),
            }
        ],
        key_people=[
            {
                "name": "Ingrid Solheim",
                "title": "chief executive",
                "evidence": quote("said Ingrid Solheim, chief executive"),
            }
        ],
        key_facts=[
            {
                "text": "The deal needs US regulatory approval.",
                "evidence": quote("The deal is subject to approval by US regulators"),
            }
        ],
        evidence={
            "deal_type": quote("acquire a 49% stake"),
            "status": quote("subject to approval by US regulators"),
            "stake_percent": quote("a 49% stake"),
            "consideration": quote("in cash"),
            "announced_on": quote("OSLO, September 2, 2025"),
        },
    )


@pytest.fixture
def doubtful(make_summary: Callable[..., DealSummary]) -> DealSummary:
    """One supported value of each list, and one unsupported value of every kind."""
    return make_summary(
        parties=[
            Party(
                name="Nordlys Energy ASA",
                role="acquirer",
                evidence=quote("Nordlys Energy ASA has agreed"),
            ),
            Party(
                name="Fjellstad Securities",
                role="advisor",
                evidence=quote("Nordlys Energy ASA has agreed"),
            ),
            Party(name="Statkraft", role="seller"),
        ],
        amount=Money(
            value=31e9,
            currency="USD",
            text="$31 billion",
            evidence=quote("for $2.8 billion in cash"),
        ),
        valuation=Money(
            value=31e9,
            currency="EUR",
            text="€31 billion",
            evidence=quote("market value of about $31 billion"),
        ),
        stake_percent=51,
        announced_on="2025-09-03",
        consideration="stock",
        sources=[{"name": "Reuters", "evidence": quote("Reuters reported on Monday")}],
        key_people=[
            {"name": "Ingrid Solheim", "evidence": quote("the Norwegian utility said on Tuesday")}
        ],
        key_facts=[{"text": "Nordlys plans to sell hydropower assets."}],
        evidence={
            "status": quote("subject to approval by US regulators"),
            "stake_percent": quote("a 49% stake"),
            "announced_on": quote("OSLO, September 2, 2025"),
        },
    )
