"""The rules-first embedded strategy: field readers decide, a small model breaks ties.

Gemma 3 270M is a base model: asked for JSON it copies the example; asked a free question it
rambles. So every value here is a string found in the article by a field reader
(``summarize.fields``), and the model is only asked to *choose* among such strings (a GBNF
grammar lists them), in short questions that share the article's lede so llama.cpp reuses its
KV cache. Steps:

1. ``lede``        the headline and first paragraphs: where deal facts live, and the prefix
2. ``deal_type``, ``status``   from cue phrases, with their quote (no type cue: no deal)
3. ``parties``     organization candidates, roles from the sentence around the deal verb; the
                   model chooses where the sentence does not tell
4. ``amount``      money mentions minus distractors; the model chooses among what is left
5. the rest        stake, consideration, announced_on, sources, people, facts: rules alone

``ctx.decided_by`` says per field whether the model's answer chose the value.
"""

from __future__ import annotations

import json
from typing import Any

from summarize.articles import Article
from summarize.fields.amount import deal_amount, money_roles, quoted_money
from summarize.fields.announced import announced_on
from summarize.fields.attribution import principals, sources
from summarize.fields.choice import Choice, Chooser
from summarize.fields.consideration import consideration
from summarize.fields.deal_type import deal_type
from summarize.fields.facts import key_facts
from summarize.fields.lede import headline, lede
from summarize.fields.mentions import evidence
from summarize.fields.orgs import find_orgs, without_credit_lines
from summarize.fields.parties import read_parties
from summarize.fields.people import key_people
from summarize.fields.roles import Roles, rule_roles
from summarize.fields.stake import stake
from summarize.fields.status import deal_status
from summarize.schema import DealSummary
from summarize.strategies.base import CallContext

DEFAULT_SETTINGS: dict[str, Any] = {"lede_chars": 1400, "max_orgs": 10, "use_role_rules": True}
"""Settings a prompt's header may override."""
FIELDS = (
    "headline", "deal_type", "status", "parties", "amount", "valuation", "stake_percent",
    "consideration", "announced_on", "sources", "key_people", "key_facts",
)  # fmt: skip
"""The fields this strategy outputs; ``decided_by`` names each."""


def _choice_grammar(options: list[str]) -> str:
    return "root ::= " + " | ".join(json.dumps(" " + o) for o in options)


def model_chooser(ctx: CallContext, context: str) -> Chooser:
    """A chooser that asks the model one prompt block over ``context``; a grammar keeps the
    answer among the options."""

    async def choose(block: str, options: list[str]) -> Choice:
        if not options:
            return Choice(None, by_model=False)
        if len(options) == 1:
            return Choice(options[0], by_model=False)
        prompt = ctx.prompt.render(block, context=context)
        max_tokens = 4 + max(len(o) for o in options) // 2

        async def request() -> Any:
            return await ctx.client.completions.create(
                model=ctx.endpoint.model,
                prompt=prompt,
                max_tokens=max_tokens,
                temperature=0.0,
                extra_body={"grammar": _choice_grammar(options)},
            )

        response = await ctx.call(request)
        answer = (response.choices[0].text or "").strip()
        return Choice(answer if answer in options else None, by_model=True)

    return choose


async def fielded(ctx: CallContext, article: Article) -> DealSummary:
    """Build a DealSummary from the field readers and constrained model choices."""
    text = article.text
    settings = {**DEFAULT_SETTINGS, **ctx.prompt.meta.settings}
    head = lede(text, int(settings["lede_chars"]))
    region_end = len(head)
    ctx.decided_by.update(dict.fromkeys(FIELDS, "rules"))

    typed = deal_type(text, region_end)
    if typed is None:
        return DealSummary(headline=headline(text, article.headline), deal_type=None, status=None)
    kind, type_cue = typed
    status, status_cue = deal_status(text, region_end, kind)

    choose = model_chooser(ctx, head)
    orgs = find_orgs(without_credit_lines(text), limit=int(settings["max_orgs"]))
    roles = rule_roles(text, region_end, orgs) if settings["use_role_rules"] else Roles()
    parties = await read_parties(text, region_end, kind, orgs, roles, choose)

    amounts, valuations = money_roles(text, region_end, kind)
    amount, amount_by_model = await deal_amount(text, amounts, choose)

    summary = DealSummary(
        headline=headline(text, article.headline),
        deal_type=kind,
        status=status,
        parties=parties.parties,
        amount=amount,
        valuation=quoted_money(text, valuations[0]) if valuations else None,
        sources=sources(text, principals(parties.parties, parties.by_name)),
        key_people=key_people(text),
        key_facts=key_facts(text, region_end),
    )
    summary.evidence["deal_type"] = evidence(text, type_cue.start, type_cue.end)
    if status_cue:
        summary.evidence["status"] = evidence(text, status_cue.start, status_cue.end)
    if found_stake := stake(text, region_end, kind):
        summary.stake_percent, span = found_stake
        summary.evidence["stake_percent"] = evidence(text, span.start, span.end)
    if paid := consideration(text, region_end, kind):
        summary.consideration, cue = paid
        summary.evidence["consideration"] = evidence(text, cue.start, cue.end)
    if date := announced_on(text):
        summary.announced_on = date[0]
        summary.evidence["announced_on"] = evidence(text, date[1], date[2])
    if parties.by_model:
        ctx.decided_by["parties"] = "model"
    if amount_by_model:
        ctx.decided_by["amount"] = "model"
    return summary
