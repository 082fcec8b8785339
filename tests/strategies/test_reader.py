"""The reader strategy with a scripted model: how its answer and the field readers combine."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarize.articles import make_article
from summarize.prompts import load_prompt
from summarize.providers import Endpoint
from summarize.retry import RetryPolicy
from summarize.schema import Consideration, DealStatus, DealSummary, DealType, Role
from summarize.strategies.base import CallContext
from summarize.strategies.reader import reader

ACQUISITION = (
    "Quillfeather Tools to buy Marlow Instruments\n"
    "Quillfeather Tools Inc said on Monday it had agreed to buy Marlow Instruments for $640 "
    "million in cash, subject to regulatory approval. Quillfeather, valued at about $9 billion, "
    "bought Danebury Optics for $210 million in 2022. Analysts at Corrigan Research approved.\n"
)
ROUND = (
    "Brightmoss raises $35 million\n"
    "Brightmoss, a Denver solar installer, has raised $35 million in a round led by Carrowfield "
    "Ventures that values it at $300 million. Existing investors Tamberlin Capital and Ostrey "
    "Partners also took part. It was last valued at $120 million in 2021.\n"
)


class ScriptedModel:
    """Answers every chat completion with the same JSON, and keeps the requests it got."""

    def __init__(self, answer: dict[str, Any]) -> None:
        self.answer = answer
        self.requests: list[dict[str, Any]] = []

    async def post(self, path: str, *, body: dict[str, Any], cast_to: type) -> bytes:
        assert path == "/chat/completions"
        self.requests.append(body)
        message = {"role": "assistant", "content": json.dumps(self.answer)}
        choice = {"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}
        usage = {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
        return json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": "m",
                           "choices": [choice], "usage": usage}).encode()  # fmt: skip


async def read(text: str, answer: dict[str, Any]) -> tuple[DealSummary, CallContext, ScriptedModel]:
    model = ScriptedModel(answer)
    ctx = CallContext(
        client=model,  # type: ignore[arg-type]
        endpoint=Endpoint(provider="local", model="m", base_url=None, api_key="x"),
        prompt=load_prompt("deal-reader"),
        retry=RetryPolicy(),
    )
    summary = await reader(ctx, make_article(text, id="a", source="a"))
    return summary, ctx, model


async def test_the_model_names_the_parties_and_picks_the_price_among_the_articles_figures() -> None:
    summary, ctx, model = await read(
        ACQUISITION,
        {"type": "acquisition", "status": "completed", "buyer": "Quillfeather Tools Inc",
         "target": "Marlow Instruments", "amount": "$640 million", "pay": "cash"},
    )  # fmt: skip
    roles = {p.role: p.name for p in summary.parties}
    assert roles == {Role.acquirer: "Quillfeather Tools Inc", Role.target: "Marlow Instruments"}
    assert summary.amount is not None
    assert (summary.amount.value, summary.amount.currency) == (640e6, "USD")
    assert summary.amount.evidence is not None and summary.amount.evidence.quote == "$640 million"
    (request,) = model.requests
    schema = request["response_format"]["schema"]["properties"]
    assert (
        "$640 million" in schema["amount"]["enum"]
        and "about $9 billion" in schema["amount"]["enum"]
    )
    assert "Money phrases: $640 million | about $9 billion" in request["messages"][1]["content"]
    assert ctx.decided_by["parties"] == ctx.decided_by["amount"] == "model"


MERGER = (
    "Harlowe Paints and Vennick Coatings agree merger of equals\n"
    "Harlowe Paints and Vennick Coatings said on Tuesday they would combine in an all-share "
    "merger, creating a group with a combined market value of about $7.2 billion. Harlowe "
    "shareholders will own 52% of the new company.\n"
)


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        (MERGER, "about $7.2 billion"),
        (
            "Ostrey buys Tamblin\nOstrey Foods agreed to buy Tamblin Dairies, which had revenue of "
            "$480 million last year, for $1.1 billion.\n",
            "$480 million",
        ),
    ],
    ids=["combined-market-value", "revenue"],
)
async def test_a_figure_the_field_readers_know_is_not_the_price_is_not_the_amount(
    text: str, picked: str
) -> None:
    answer = {"type": "merger", "status": "announced", "amount": picked}
    summary, ctx, _ = await read(text, answer)
    assert summary.amount is None or summary.amount.text != picked
    assert ctx.decided_by["amount"] == "rules"


async def test_a_stock_phrase_decides_status_and_payment_over_the_model() -> None:
    summary, ctx, _ = await read(
        ACQUISITION,
        {"type": "acquisition", "status": "completed", "buyer": "Quillfeather Tools Inc",
         "target": "Marlow Instruments", "pay": "stock"},
    )  # fmt: skip
    assert summary.status is not DealStatus.completed  # "agreed to buy", "subject to approval"
    assert summary.consideration is Consideration.cash  # "in cash"
    assert ctx.decided_by["status"] == ctx.decided_by["consideration"] == "rules"
    assert summary.evidence["status"].quote


async def test_the_models_status_stands_where_no_phrase_says_one() -> None:
    text = "Veltmark and Oransay\nVeltmark Group has approached Oransay Ltd about a merger.\n"
    summary, ctx, _ = await read(
        text, {"type": "merger", "status": "in_talks", "buyer": "Veltmark Group",
               "target": "Oransay Ltd"},
    )  # fmt: skip
    assert summary.status is DealStatus.in_talks
    assert ctx.decided_by["status"] == "model"
    assert {p.role for p in summary.parties} == {Role.merger_partner}


async def test_a_round_has_a_target_a_lead_and_investors_and_no_earlier_valuation() -> None:
    summary, _, _ = await read(
        ROUND,
        {"type": "funding_round", "status": "completed", "target": "Brightmoss",
         "lead": "Carrowfield Ventures", "investors": ["Tamberlin Capital", "Ostrey Partners",
         "Danebury Fund"], "amount": "$35 million", "valuation": "$120 million"},
    )  # fmt: skip
    assert summary.deal_type is DealType.funding_round
    roles = [(p.role, p.name) for p in summary.parties]
    assert roles == [
        (Role.target, "Brightmoss"), (Role.lead_investor, "Carrowfield Ventures"),
        (Role.investor, "Tamberlin Capital"), (Role.investor, "Ostrey Partners"),
    ]  # fmt: skip
    assert summary.valuation is None, "'last valued at ... in 2021' is an earlier round's"


async def test_the_current_valuation_is_kept() -> None:
    summary, _, _ = await read(
        ROUND, {"type": "funding_round", "target": "Brightmoss", "valuation": "$300 million"}
    )
    assert summary.valuation is not None and summary.valuation.value == 300e6


async def test_no_deal_in_the_answer_is_no_deal() -> None:
    summary, ctx, _ = await read(ACQUISITION, {"type": None})
    assert not summary.is_deal
    assert summary.headline == "Quillfeather Tools to buy Marlow Instruments"
    assert ctx.decided_by["deal_type"] == "model"


@pytest.mark.parametrize("text", [ACQUISITION, ROUND])
async def test_every_request_starts_with_the_same_system_message(text: str) -> None:
    """The instructions and examples come first and never change: llama.cpp reuses their cache."""
    _, _, first = await read(ACQUISITION, {"type": None})
    _, _, other = await read(text, {"type": None})
    assert first.requests[0]["messages"][0] == other.requests[0]["messages"][0]
    assert first.requests[0]["messages"][0]["role"] == "system"


async def test_model_only_takes_the_answer_for_every_field_it_gives() -> None:
    """The ablation (combine: false): no phrase overrides the model, nothing else is filled."""
    answer = {"type": "acquisition", "status": "completed", "buyer": "Quillfeather Tools Inc",
              "target": "Marlow Instruments", "pay": "stock", "amount": "$640 million"}  # fmt: skip
    model = ScriptedModel(answer)
    ctx = CallContext(
        client=model,  # type: ignore[arg-type]
        endpoint=Endpoint(provider="local", model="m", base_url=None, api_key="x"),
        prompt=load_prompt("deal-reader").with_settings({"combine": False}),
        retry=RetryPolicy(),
    )
    summary = await reader(ctx, make_article(ACQUISITION, id="a", source="a"))
    assert summary.status is DealStatus.completed  # the model's, whatever the phrases say
    assert summary.consideration is Consideration.stock  # though the article says "in cash"
    assert summary.sources == summary.key_people == summary.key_facts == []
    assert summary.announced_on is None
    assert ctx.decided_by["status"] == "model"


async def test_without_few_shot_the_system_message_has_no_examples() -> None:
    with_examples = load_prompt("deal-reader").render("system", few_shot=True)
    without = load_prompt("deal-reader").render("system", few_shot=False)
    assert "Example article:" in with_examples and "Example article:" not in without
    assert with_examples.startswith(without.rstrip())
