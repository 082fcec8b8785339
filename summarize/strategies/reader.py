"""The reader: an instruction-tuned model reads the article; the field readers keep it honest.

The model answers one question (``reader_answer``): is there a deal, of what kind, where does it
stand, who buys, sells, invests and is bought, and which of the article's own money phrases and
percentages are its price, valuation and stake. Each field then goes to whoever reads it better,
as measured on the dev split:

- the model decides whether there is a deal, names the parties, and picks the amount among the
  money phrases (it tells a price from a market value far better than phrase rules);
- cue phrases decide the deal type, the status, the stake and how the buyer pays when the article
  uses a stock phrase ("agreed to buy", "called off", "a 24.9% stake", "in cash"); the model's
  answer fills in where no phrase does;
- the valuation labeller vetoes a valuation the words call an earlier round's;
- dates, sources, people and key facts are read by rules alone.

Names must be found in the article; money comes from the money parser; every value carries its
quote. ``ctx.decided_by`` says which side gave each field.
"""

from __future__ import annotations

from summarize.articles import Article
from summarize.fields.amount import (
    SHARE_PRICE_AFTER,
    headline_amount,
    money_role,
    money_roles,
    quoted_money,
)
from summarize.fields.announced import announced_on
from summarize.fields.attribution import sources
from summarize.fields.consideration import consideration
from summarize.fields.cues import CONSIDERATION_CUES, DEAL_TYPE_CUES, STATUS_CUES
from summarize.fields.deal_type import deal_type
from summarize.fields.facts import key_facts
from summarize.fields.lede import headline, lede
from summarize.fields.mentions import evidence
from summarize.fields.people import key_people
from summarize.fields.stake import stake
from summarize.fields.status import deal_status
from summarize.money import MoneyMention, find_money
from summarize.schema import DealStatus, DealSummary, DealType, Evidence, Money
from summarize.strategies.base import CallContext
from summarize.strategies.reader_answer import Options, ReaderAnswer, article_view, ask
from summarize.strategies.reader_parties import reader_parties
from summarize.text.sentences import sentence_around
from summarize.text.valuations import label_mention

LEDE_CHARS = 1400
VIEW_CHARS = 3000

EARLIER_VALUATIONS = frozenset({"last_round", "tender_offer"})
PART_DEALS = (
    DealType.funding_round, DealType.minority_investment, DealType.majority_stake, DealType.other,
)  # fmt: skip
"""Deals for part of a company: a figure it is valued at is then its valuation."""


def _chosen(phrase: str | None, options: Options, text: str) -> tuple[MoneyMention, Money] | None:
    mention = options.money.get(phrase or "")
    return (mention, quoted_money(text, mention)) if mention else None


def amount_of(
    answer: ReaderAnswer, options: Options, text: str, amounts: list[MoneyMention],
    region_end: int, kind: DealType,
) -> tuple[Money | None, bool]:  # fmt: skip
    """The model's amount, unless the words around it make it another figure (a price per share,
    a market value, a merged group's size, an earlier deal's price): then the rules' pick among
    the deal-size candidates, if any. Also whether the model's choice stood."""
    chosen = _chosen(answer.amount, options, text)
    if chosen is not None and not _other_figure(text, chosen[0], region_end, kind):
        return chosen[1], True
    if chosen is None or not amounts:
        return None, chosen is None
    picked = headline_amount(text, amounts) or amounts[0]
    return quoted_money(text, picked), False


def _other_figure(text: str, mention: MoneyMention, region_end: int, kind: DealType) -> bool:
    """Whether the field readers read ``mention`` as something other than the deal's size."""
    if SHARE_PRICE_AFTER.match(text, mention.end):
        return True
    mentions = find_money(text)
    at = [i for i, m in enumerate(mentions) if (m.start, m.end) == (mention.start, mention.end)]
    return bool(at) and money_role(text, mentions, at[0], region_end, kind)[0] == "not_the_deal"


def valuation_of(
    answer: ReaderAnswer, options: Options, text: str, valuations: list[MoneyMention],
    kind: DealType,
) -> tuple[Money | None, bool]:  # fmt: skip
    """The model's valuation, unless the words around it make it an earlier round's or another
    offer's figure; where it gives none in a deal for part of a company, the rules' strongest.
    Also whether the model's choice stood."""
    chosen = _chosen(answer.valuation, options, text)
    if chosen is not None:
        mentions = list(options.money.values())
        label = label_mention(text, mentions, mentions.index(chosen[0]), known=True)
        return (None if label and label[0] in EARLIER_VALUATIONS else chosen[1]), True
    if kind not in PART_DEALS or not valuations:
        return None, False  # a whole company's "valued at" is its price, not a valuation
    return quoted_money(text, valuations[0]), False


def _said_so(
    table: dict[str, object], label: str, text: str, fallback: tuple[int, int] | None
) -> Evidence | None:
    """The stock phrase that says ``label`` ("agreed to buy"), else the deal's own sentence."""
    pattern = table.get(label)
    found = pattern.search(text) if pattern is not None else None  # type: ignore[attr-defined]
    if found:
        return evidence(text, found.start(), found.end())
    if fallback:
        return evidence(text, *sentence_around(text, *fallback))
    return None


async def reader(ctx: CallContext, article: Article) -> DealSummary:
    """Ask the model once, combine its answer with the field readers, quote every value."""
    text = article.text
    region_end = len(lede(text, LEDE_CHARS))
    view = article_view(text, int(ctx.prompt.meta.settings.get("view_chars", VIEW_CHARS)))
    options = Options.of(view)
    answer = await ask(ctx, view, options)
    title = headline(text, article.headline)
    ctx.decided_by.update(headline="rules", deal_type="model")
    if answer.type is None:
        return DealSummary(headline=title, deal_type=None, status=None)
    if not ctx.prompt.meta.settings.get("combine", True):
        return model_only(ctx, answer, options, text, view, title)

    typed = deal_type(text, region_end)
    kind = typed[0] if typed else answer.type
    status, status_cue = deal_status(text, region_end, kind)
    if status_cue is None and answer.status is not None:
        status = answer.status
    parties, deal_at, checked = reader_parties(answer, kind, text, region_end)
    amounts, valuations = money_roles(text, region_end, kind)
    amount, amount_by_model = amount_of(answer, options, text, amounts, region_end, kind)
    valuation, valuation_by_model = valuation_of(answer, options, text, valuations, kind)
    summary = DealSummary(
        headline=title,
        deal_type=kind,
        status=status,
        parties=parties,
        amount=amount,
        valuation=valuation,
        sources=sources(text, [(p.name, (p.name,)) for p in parties]),
        key_people=key_people(text),
        key_facts=key_facts(text, region_end),
    )
    ctx.decided_by.update(
        deal_type="rules" if typed else "model",
        status="rules" if status_cue or answer.status is None else "model",
        parties="rules" if checked else "model",
        amount="model" if amount_by_model else "rules",
        valuation="model" if valuation_by_model else "rules",
        sources="rules", key_people="rules", key_facts="rules", announced_on="rules",
    )  # fmt: skip
    if typed:
        summary.evidence["deal_type"] = evidence(text, typed[1].start, typed[1].end)
    elif found := _said_so(DEAL_TYPE_CUES, kind.value, view, deal_at):
        summary.evidence["deal_type"] = found
    if status_cue:
        summary.evidence["status"] = evidence(text, status_cue.start, status_cue.end)
    elif found := _said_so(STATUS_CUES, status.value, view, deal_at):
        summary.evidence["status"] = found
    _stake(summary, ctx, answer, options, text, region_end, kind)
    _payment(summary, ctx, answer, view, text, region_end, kind, deal_at)
    if date := announced_on(text):
        summary.announced_on = date[0]
        summary.evidence["announced_on"] = evidence(text, date[1], date[2])
    return summary


def model_only(
    ctx: CallContext, answer: ReaderAnswer, options: Options, text: str, view: str, title: str
) -> DealSummary:
    """The answer alone, for comparison (``combine: false``): no cue phrase overrides it, no
    labeller vetoes its valuation, and what it is not asked (dates, sources, people, key facts)
    stays empty."""
    assert answer.type is not None
    kind, status = answer.type, answer.status or DealStatus.announced
    parties, deal_at, _ = reader_parties(answer, kind, text, 0, check=False)
    amount, valuation = (
        _chosen(answer.amount, options, text),
        _chosen(answer.valuation, options, text),
    )
    summary = DealSummary(
        headline=title, deal_type=kind, status=status, parties=parties,
        amount=amount[1] if amount else None, valuation=valuation[1] if valuation else None,
    )  # fmt: skip
    for field, table, label in (
        ("deal_type", DEAL_TYPE_CUES, kind.value),
        ("status", STATUS_CUES, status.value),
        *((("consideration", CONSIDERATION_CUES, answer.pay.value),) if answer.pay else ()),
    ):
        if found := _said_so(table, label, view, deal_at):
            summary.evidence[field] = found  # type: ignore[index]
    if answer.pay is not None and "consideration" in summary.evidence:
        summary.consideration = answer.pay
    if chosen := options.percents.get(answer.stake or ""):
        summary.stake_percent = chosen[0]
        summary.evidence["stake_percent"] = evidence(text, chosen[1], chosen[2])
    ctx.decided_by.update(dict.fromkeys(
        ("deal_type", "status", "parties", "amount", "valuation", "stake_percent",
         "consideration"), "model",
    ))  # fmt: skip
    return summary


def _stake(
    summary: DealSummary, ctx: CallContext, answer: ReaderAnswer, options: Options, text: str,
    region_end: int, kind: DealType,
) -> None:  # fmt: skip
    """The stake: a stake phrase in the lede first ("buys a 24.9% stake"), else the model's."""
    if found := stake(text, region_end, kind):
        summary.stake_percent, span = found
        summary.evidence["stake_percent"] = evidence(text, span.start, span.end)
        ctx.decided_by["stake_percent"] = "rules"
    elif kind not in (DealType.merger, DealType.funding_round) and (
        chosen := options.percents.get(answer.stake or "")
    ):
        summary.stake_percent = chosen[0]
        summary.evidence["stake_percent"] = evidence(text, chosen[1], chosen[2])
        ctx.decided_by["stake_percent"] = "model"


def _payment(
    summary: DealSummary, ctx: CallContext, answer: ReaderAnswer, view: str, text: str,
    region_end: int, kind: DealType, deal_at: tuple[int, int] | None,
) -> None:  # fmt: skip
    """How the buyer pays: a payment phrase first ("in cash and shares"), else the model's."""
    if paid := consideration(text, region_end, kind):
        summary.consideration, cue = paid
        summary.evidence["consideration"] = evidence(text, cue.start, cue.end)
        ctx.decided_by["consideration"] = "rules"
    elif answer.pay is not None and kind not in (DealType.funding_round, DealType.joint_venture):
        quote = _said_so(CONSIDERATION_CUES, answer.pay.value, view, None)
        if quote is not None:  # only a payment the article states in words
            summary.consideration = answer.pay
            summary.evidence["consideration"] = quote
            ctx.decided_by["consideration"] = "model"


__all__ = ["amount_of", "model_only", "reader", "valuation_of"]
