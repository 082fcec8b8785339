"""The rules-first strategy end to end, with a model that must not be asked."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from summarize.articles import make_article
from summarize.prompts import load_prompt
from summarize.providers import Endpoint
from summarize.retry import RetryPolicy
from summarize.schema import DealStatus, DealSummary, DealType, Role
from summarize.strategies.base import CallContext
from summarize.strategies.fielded import fielded


class NoModel:
    """A client that fails the test if the strategy asks the model anything."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the model was asked ({name}) where the rules should decide")


def context(client: Any, prompt: str = "deal-embedded") -> CallContext:
    """A strategy context around ``client`` (a stand-in for the model)."""
    return CallContext(
        client=client,
        endpoint=Endpoint(provider="local", model="m", base_url=None, api_key="x"),
        prompt=load_prompt(prompt),
        retry=RetryPolicy(),
    )


@pytest.fixture
def rules_only() -> CallContext:
    """A context whose model fails the test when asked: the rules must decide everything."""
    return context(NoModel())


async def by_rules(ctx: CallContext, text: str) -> DealSummary:
    """The embedded strategy's summary of ``text`` with a model that must not be asked."""
    return await fielded(ctx, make_article(text, id="rules", source="rules"))


async def test_rules_alone_fill_a_clear_article(rules_only: CallContext) -> None:
    text = (
        "Halvorsen Foods to buy Pellucid Brands for $2 billion\n"
        "TURKU, 3 March 2025 - Halvorsen Foods has agreed to buy Pellucid Brands for $2 billion "
        "in cash, the companies said in a statement.\n"
        "The deal is subject to regulatory approval and is expected to close next year.\n"
    )
    summary = await by_rules(rules_only, text)
    assert summary.deal_type is DealType.acquisition
    assert summary.status is DealStatus.pending_approval
    assert summary.names(Role.acquirer) == ["Halvorsen Foods"]
    assert summary.names(Role.target) == ["Pellucid Brands"]
    assert summary.amount is not None and summary.amount.value == 2e9
    assert str(summary.announced_on) == "2025-03-03"
    quotes = [p.evidence.quote for p in summary.parties if p.evidence]
    quotes += [e.quote for e in summary.evidence.values()]
    assert summary.amount.evidence is not None
    quotes.append(summary.amount.evidence.quote)
    assert all(quote in text for quote in quotes)
    assert rules_only.requests == 0


async def test_text_without_deal_cues_is_no_deal(rules_only: CallContext) -> None:
    text = "The harbour town enjoyed mild weather all week, and the ferries ran on time.\n"
    summary = await by_rules(rules_only, text)
    assert not summary.is_deal
    assert summary.headline


async def test_a_secondary_sale_names_the_company_and_the_buyers_lead(
    rules_only: CallContext,
) -> None:
    text = (
        "Orvane Robotics Said to Weigh Share Sale at $9 Billion Value\n"
        "Orvane Robotics is in talks to arrange a tender offer in which investors led by Veltrix "
        "Capital would buy about $400 million of shares from current and former employees, "
        "people familiar with the matter said.\n"
        "Orvane was last valued at $5 billion in a Series B funding round in 2023. That round was "
        "led by Sorvik Ventures.\n"
    )
    summary = await by_rules(rules_only, text)
    assert summary.deal_type is DealType.other
    assert summary.status is DealStatus.in_talks
    assert [(p.name, p.role) for p in summary.parties] == [
        ("Orvane Robotics", Role.target),
        ("Veltrix Capital", Role.lead_investor),
    ]
    assert summary.amount is not None and summary.amount.text == "about $400 million"
    assert summary.valuation is not None and summary.valuation.value == 9e9
    assert rules_only.requests == 0


async def test_a_wire_credit_line_names_no_party(rules_only: CallContext) -> None:
    text = (
        "Orvane raises $30 million\n"
        "Orvane raised $30 million in a round led by Veltrix Capital, it said on Monday.\n"
        "Existing backer Sorvik Ventures, an Aarhus venture firm, also took part.\n"
        "(Reporting by Ana Porto in Aarhus; Editing by Piet Aldwin)\n"
    )
    summary = await by_rules(rules_only, text)
    assert [p.name for p in summary.parties] == ["Orvane", "Veltrix Capital", "Sorvik Ventures"]


FIELDS = {
    "headline", "deal_type", "status", "parties", "amount", "valuation", "stake_percent",
    "consideration", "announced_on", "sources", "key_people", "key_facts",
}  # fmt: skip


async def test_rules_decide_every_field_when_the_model_is_not_asked(
    rules_only: CallContext,
) -> None:
    text = (
        "Halvorsen Foods to buy Pellucid Brands for $2 billion\n"
        "Halvorsen Foods has agreed to buy Pellucid Brands for $2 billion in cash, it said.\n"
    )
    await by_rules(rules_only, text)
    assert rules_only.decided_by == dict.fromkeys(FIELDS, "rules")


async def test_no_deal_is_decided_by_the_rules(rules_only: CallContext) -> None:
    await by_rules(rules_only, "The ferries ran on time all week in the harbour town.\n")
    assert rules_only.decided_by == dict.fromkeys(FIELDS, "rules")


class FirstOption:
    """A model that always answers the first option its grammar allows."""

    def __init__(self) -> None:
        self.completions = self
        self.blocks: list[str] = []

    async def create(self, **request: Any) -> Any:
        grammar = request["extra_body"]["grammar"]
        first = json.JSONDecoder().raw_decode(grammar, len("root ::= "))[0]
        self.blocks.append(request["prompt"].rsplit("Question:", 1)[1].split("?")[0])
        usage = SimpleNamespace(prompt_tokens=1, completion_tokens=1)
        return SimpleNamespace(choices=[SimpleNamespace(text=first)], usage=usage)


@pytest.mark.parametrize(
    ("prompt", "parties"),
    [("deal-embedded", "rules"), ("deal-embedded-model-roles", "model")],
)
async def test_fields_the_models_answer_chose_are_decided_by_the_model(
    prompt: str, parties: str
) -> None:
    text = (
        "Halvorsen Foods to buy Pellucid Brands\n"
        "Halvorsen Foods has agreed to buy Pellucid Brands. It will pay $350 million now and "
        "$60 million later.\n"
    )
    model = FirstOption()
    ctx = context(model, prompt)
    summary = await fielded(ctx, make_article(text, id="model", source="model"))
    assert summary.amount is not None and summary.amount.text == "$350 million"
    expected = dict.fromkeys(FIELDS, "rules") | {"parties": parties, "amount": "model"}
    assert ctx.decided_by == expected
    assert len(model.blocks) == (1 if parties == "rules" else 2)  # the target: the one left


_LEDE = (
    "Halvorsen Foods has agreed to buy Pellucid Brands for $2 billion in cash, the companies "
    "said on Monday.\nThe deal is expected to close next year.\n"
)


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("|\nListen to this article\n|\nBy: Jo Vance\nHalvorsen buys Pellucid\n" + _LEDE,
         "Halvorsen buys Pellucid"),
        ("|\nListen to this article\n|\nBy: Jo Vance\n" + _LEDE, _LEDE.split("\n")[0]),
        ("The harbour town enjoyed mild weather\nFerries ran on time all week.\n",
         "The harbour town enjoyed mild weather"),
    ],
    ids=["short headline under furniture", "no headline under furniture", "no deal"],
)  # fmt: skip
async def test_the_headline_is_the_pages_never_its_furniture(
    rules_only: CallContext, text: str, headline: str
) -> None:
    summary = await by_rules(rules_only, text)
    assert summary.headline == headline
