"""The reader's one question: a grammar-constrained JSON answer about the article's deal.

The model never writes a number or a status it was not offered: the JSON schema (turned into a
grammar by llama.cpp, a response format by other servers) lists the deal types, the statuses,
and this article's own money phrases and percentages as the only choices, so every answer
parses and every figure is one ``summarize.money`` can read. Names are free text; the strategy
keeps only those it finds in the article. Only ``type`` is required: each key the model leaves
out is a decoding step saved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarize.exceptions import ProviderError
from summarize.money import MoneyMention, find_money
from summarize.schema import Consideration, DealStatus, DealType
from summarize.strategies.base import CallContext
from summarize.strategies.structured import TruncatedOutput, _complete
from summarize.text.percents import find_percents

MAX_NAMES = 6
MAX_OPTIONS = 12
NAME_CHARS = 80
STRATEGY_SETTINGS = frozenset({"view_chars", "few_shot", "combine"})
"""Header settings the reader itself reads; the rest go to the model server."""


class ReaderAnswer(BaseModel):
    """What the model fills: short keys, each value a choice or a name as the article writes it."""

    model_config = ConfigDict(extra="forbid")

    type: DealType | None = None
    status: DealStatus | None = None
    buyer: str | None = None
    target: str | None = None
    seller: str | None = None
    lead: str | None = None
    investors: list[str] = Field(default_factory=list, max_length=MAX_NAMES)
    amount: str | None = None
    valuation: str | None = None
    stake: str | None = None
    pay: Consideration | None = None


@dataclass(frozen=True)
class Options:
    """The article's own money phrases and percentages, the only figures the model may give."""

    money: dict[str, MoneyMention]
    percents: dict[str, tuple[float, int, int]]

    @classmethod
    def of(cls, text: str) -> Options:
        money: dict[str, MoneyMention] = {}
        for mention in find_money(text):
            money.setdefault(mention.text, mention)
        percents: dict[str, tuple[float, int, int]] = {}
        for value, start, end in find_percents(text):
            percents.setdefault(text[start:end], (value, start, end))
        first = list(money.items())[:MAX_OPTIONS], list(percents.items())[:MAX_OPTIONS]
        return cls(dict(first[0]), dict(first[1]))

    def listing(self) -> str:
        """The options as the prompt shows them, after the article."""
        money = " | ".join(self.money) or "none"
        percents = " | ".join(self.percents) or "none"
        return f"Money phrases: {money}\nPercentages: {percents}"

    def schema(self) -> dict[str, Any]:
        """The answer's JSON schema, with this article's phrases as the only figure choices."""
        name = {"type": "string", "maxLength": NAME_CHARS}

        def choice(values: list[str]) -> dict[str, Any]:
            return {"enum": [*values, None]}

        return {
            "type": "object",
            "properties": {
                "type": choice([t.value for t in DealType]),
                "status": choice([s.value for s in DealStatus]),
                "buyer": name,
                "target": name,
                "seller": name,
                "lead": name,
                "investors": {"type": "array", "items": name, "maxItems": MAX_NAMES},
                "amount": choice(list(self.money)),
                "valuation": choice(list(self.money)),
                "stake": choice(list(self.percents)),
                "pay": choice([c.value for c in Consideration]),
            },
            "required": ["type"],
            "additionalProperties": False,
        }


def article_view(text: str, limit: int) -> str:
    """What the model reads: the article up to ``limit`` characters, cut at a paragraph (else a
    sentence) end. Deal news states its facts early; the rest costs prefill time."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(". ", 0, limit) + 1
    return text[: cut if cut > 0 else limit]


def _settings(ctx: CallContext) -> dict[str, Any]:
    """The prompt's model settings, without the strategy's own (``STRATEGY_SETTINGS``)."""
    settings = {"temperature": 0.0, "max_tokens": 160, **ctx.prompt.meta.settings}
    return {k: v for k, v in settings.items() if k not in STRATEGY_SETTINGS}


async def ask(ctx: CallContext, view: str, options: Options) -> ReaderAnswer:
    """One answer; a cut-off or invalid one is asked again with more room (bounded)."""
    user = ctx.prompt.render("user", article=view, options=options.listing())
    body: dict[str, Any] = {
        "model": ctx.endpoint.model,
        "messages": [
            {
                "role": "system",
                "content": ctx.prompt.render(
                    "system", few_shot=ctx.prompt.meta.settings.get("few_shot", True)
                ),
            },
            {"role": "user", "content": user},
        ],
        "response_format": {"type": "json_object", "schema": options.schema()},
        **_settings(ctx),
    }
    problem: Exception | None = None
    for _ in range(ctx.max_reasks + 1):
        completion = await ctx.call(partial(_complete, ctx, body))
        choice = completion.choices[0]
        try:
            if choice.finish_reason == "length":
                raise TruncatedOutput("the answer was cut off at the token limit")
            return ReaderAnswer.model_validate_json(choice.message.content or "")
        except (ValidationError, json.JSONDecodeError, TruncatedOutput) as exc:
            problem = exc
            body = {**body, "max_tokens": int(body["max_tokens"]) * 2}
    assert problem is not None
    raise ProviderError(
        f"the model's answer does not fit the reader's schema: {str(problem).splitlines()[0]}",
        provider=ctx.endpoint.provider,
        model=ctx.endpoint.model,
        attempts=ctx.attempts,
        cause="truncated" if isinstance(problem, TruncatedOutput) else "validation",
    ) from problem


__all__ = ["Options", "ReaderAnswer", "article_view", "ask"]
