"""The reader: an instruction-tuned model reads the article; the parsers keep it honest.

One grammar-constrained JSON answer per article (``ReaderAnswer``) says what kind of deal it is,
where it stands, who buys, sells, invests and is bought, and which of the article's own money
phrases and percentages are the price, the valuation and the stake. The grammar makes every
answer parse; the model never writes a number, only chooses a phrase the money parser found, so
"€400 million" is read by ``summarize.money``, not by a 1.5B model. Names must be found in the
article (grounding), and the fields a model reads poorly but phrases settle well (dates,
attribution, people, key facts) come from the rules.

The instructions and examples come first and are the same for every article, so llama.cpp keeps
their KV cache and each article costs only its own tokens.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarize.articles import Article
from summarize.exceptions import ProviderError
from summarize.money import MoneyMention, find_money
from summarize.names import find_name, same_entity
from summarize.schema import (
    Consideration,
    DealStatus,
    DealSummary,
    DealType,
    Evidence,
    Party,
    Role,
)
from summarize.strategies import cues
from summarize.strategies.base import CallContext
from summarize.strategies.candidates import find_percents
from summarize.strategies.fielded import (
    _date,
    _facts,
    _headline,
    _people,
    _sentence_around,
    _sources,
    lede,
)
from summarize.strategies.structured import TruncatedOutput, _complete

MAX_NAMES = 6
MAX_OPTIONS = 12


class ReaderAnswer(BaseModel):
    """What the model is asked to fill: short keys, every value a choice or a name as written."""

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
    """The article's own money phrases and percentages the model may choose from."""

    money: dict[str, MoneyMention]
    percents: dict[str, tuple[float, int, int]]

    @classmethod
    def of(cls, text: str) -> Options:
        money: dict[str, MoneyMention] = {}
        for mention in find_money(text):
            money.setdefault(mention.text, mention)
        percents: dict[str, tuple[float, int, int]] = {}
        for value, span in find_percents(text):
            percents.setdefault(span.text, (value, span.start, span.end))
        return cls(
            dict(list(money.items())[:MAX_OPTIONS]), dict(list(percents.items())[:MAX_OPTIONS])
        )

    def listing(self) -> str:
        """The options as the prompt shows them, after the article."""
        money = " | ".join(self.money) or "none"
        percents = " | ".join(self.percents) or "none"
        return f"Money phrases: {money}\nPercentages: {percents}"

    def schema(self) -> dict[str, Any]:
        """The answer's JSON schema with this article's phrases as the only money choices."""
        name = {"type": ["string", "null"], "maxLength": 80}

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
                "investors": {
                    "type": "array",
                    "items": {"type": "string", "maxLength": 80},
                    "maxItems": MAX_NAMES,
                },
                "amount": choice(list(self.money)),
                "valuation": choice(list(self.money)),
                "stake": choice(list(self.percents)),
                "pay": choice([c.value for c in Consideration]),
            },
            # Only the type is required: the model leaves out what the article does not say,
            # and every key it does not write is a decoding step saved.
            "required": ["type"],
            "additionalProperties": False,
        }


def article_view(text: str, limit: int) -> str:
    """The part of the article the model reads: all of it up to ``limit`` characters, cut at a
    paragraph (or sentence) end; deal news states its facts early."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(". ", 0, limit) + 1
    return text[: cut if cut > 0 else limit]


async def ask(ctx: CallContext, view: str, options: Options) -> ReaderAnswer:
    """One grammar-constrained answer; a cut-off or invalid one is asked again (bounded)."""
    settings = {"temperature": 0.0, "max_tokens": 160, **ctx.prompt.meta.settings}
    settings.pop("view_chars", None)
    messages = [
        {"role": "system", "content": ctx.prompt.render("system")},
        {
            "role": "user",
            "content": ctx.prompt.render("user", article=view, options=options.listing()),
        },
    ]
    body: dict[str, Any] = {
        "model": ctx.endpoint.model,
        "messages": messages,
        "response_format": {"type": "json_object", "schema": options.schema()},
        **settings,
    }
    problem: Exception | None = None
    for _ in range(ctx.max_reasks + 1):
        completion = await ctx.call(partial(_complete, ctx, body))
        try:
            choice = completion.choices[0]
            if choice.finish_reason == "length":
                raise TruncatedOutput("the answer was cut off at the token limit")
            return ReaderAnswer.model_validate_json(choice.message.content or "")
        except (ValidationError, json.JSONDecodeError, TruncatedOutput) as exc:
            problem = exc
            body = {**body, "max_tokens": int(body["max_tokens"]) * 2}
    assert problem is not None
    raise ProviderError(
        f"the model's answer does not fit: {str(problem).splitlines()[0]}",
        provider=ctx.endpoint.provider,
        model=ctx.endpoint.model,
        attempts=ctx.attempts,
        cause="truncated" if isinstance(problem, TruncatedOutput) else "validation",
    ) from problem


def _span(text: str, name: str | None) -> tuple[int, int] | None:
    if not name or not name.strip():
        return None
    return find_name(name.strip(), text)


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(quote=text[start:end])


BUYER_ROLE = {
    DealType.funding_round: Role.investor,
    DealType.minority_investment: Role.investor,
    DealType.joint_venture: Role.investor,
    DealType.merger: Role.merger_partner,
}


def parties_from(answer: ReaderAnswer, text: str) -> list[Party]:
    """The answer's names as parties, each found in the article, each company once."""
    deal = answer.type or DealType.acquisition
    target_role = Role.merger_partner if deal is DealType.merger else Role.target
    named: list[tuple[str | None, Role]] = [
        (answer.buyer, BUYER_ROLE.get(deal, Role.acquirer)),
        (answer.target, target_role),
        (answer.seller, Role.seller),
        (answer.lead, Role.lead_investor),
        *((name, Role.investor) for name in answer.investors),
    ]
    parties: list[Party] = []
    for name, role in named:
        span = _span(text, name)
        if span is None:
            continue  # not in the article: never a party
        written = text[span[0] : span[1]]
        if not written[:1].isupper() and not written[:1].isdigit():
            continue  # "two early backers", "the company": a description, not a name
        if any(same_entity(written, p.name) for p in parties):
            continue
        parties.append(Party(name=written, role=role, evidence=_evidence(text, *span)))
    return parties


def _money(choice: str | None, options: Options, text: str) -> Any:
    mention = options.money.get(choice or "")
    if mention is None:
        return None
    money = mention.to_money()
    money.evidence = _evidence(text, mention.start, mention.end)
    return money


def _cue_evidence(
    table: dict[str, re.Pattern[str]], label: str, text: str, fallback: tuple[int, int] | None
) -> Evidence | None:
    """The phrase that says so ("agreed to buy", "called off"), else the deal's own sentence."""
    pattern = table.get(label)
    found = pattern.search(text) if pattern else None
    if found:
        return _evidence(text, found.start(), found.end())
    if fallback:
        return _evidence(text, *_sentence_around(text, *fallback))
    return None


async def reader(ctx: CallContext, article: Article) -> DealSummary:
    """Ask the model once, then build a DealSummary whose every value is found in the article."""
    text = article.text
    view = article_view(text, int(ctx.prompt.meta.settings.get("view_chars", 3000)))
    options = Options.of(view)
    answer = await ask(ctx, view, options)
    headline = _headline(article)
    if answer.type is None:
        return DealSummary(headline=headline, deal_type=None, status=None)
    parties = parties_from(answer, text)
    first_party = find_name(parties[0].name, text) if parties else None
    status = answer.status or DealStatus.announced
    summary = DealSummary(
        headline=headline,
        deal_type=answer.type,
        status=status,
        parties=parties,
        amount=_money(answer.amount, options, text),
        valuation=_money(answer.valuation, options, text),
        consideration=answer.pay,
        sources=_sources(text, [(p.name, (p.name,)) for p in parties]),
        key_people=_people(text),
        key_facts=_facts(text, len(lede(text, 1400))),
    )
    for field, table, label in (
        ("deal_type", cues.DEAL_TYPE_CUES, answer.type.value),
        ("status", cues.STATUS_CUES, status.value),
    ):
        evidence = _cue_evidence(table, label, view, first_party)
        if evidence is not None:
            summary.evidence[field] = evidence  # type: ignore[index]
    if answer.pay is not None:
        evidence = _cue_evidence(cues.CONSIDERATION_CUES, answer.pay.value, view, first_party)
        if evidence is not None:
            summary.evidence["consideration"] = evidence
    stake = options.percents.get(answer.stake or "")
    if stake is not None:
        summary.stake_percent = stake[0]
        summary.evidence["stake_percent"] = _evidence(text, stake[1], stake[2])
    _date(summary, text)
    return summary
