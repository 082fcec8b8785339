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
from summarize.fields.amount import quoted_money
from summarize.fields.announced import announced_on
from summarize.fields.attribution import sources
from summarize.fields.consideration import consideration
from summarize.fields.cues import CONSIDERATION_CUES, DEAL_TYPE_CUES, STATUS_CUES
from summarize.fields.deal_type import deal_type
from summarize.fields.facts import key_facts
from summarize.fields.lede import headline, lede
from summarize.fields.mentions import evidence
from summarize.fields.party_names import found_names
from summarize.fields.people import key_people
from summarize.fields.stake import stake
from summarize.fields.status import deal_status
from summarize.money import MoneyMention
from summarize.schema import DealStatus, DealSummary, DealType, Evidence, Money, Party, Role
from summarize.strategies.base import CallContext
from summarize.strategies.reader_answer import Options, ReaderAnswer, article_view, ask
from summarize.text.sentences import sentence_around
from summarize.text.valuations import label_mention

LEDE_CHARS = 1400
VIEW_CHARS = 3000

BUYER_ROLE = {
    DealType.funding_round: Role.investor,
    DealType.minority_investment: Role.investor,
    DealType.joint_venture: Role.investor,
    DealType.merger: Role.merger_partner,
}
"""The buyer's role by deal type; acquisitions, stakes of control and asset sales: acquirer."""
EARLIER_VALUATIONS = frozenset({"last_round", "tender_offer"})


def parties_from(
    answer: ReaderAnswer, kind: DealType, text: str
) -> tuple[list[Party], tuple[int, int] | None]:
    """The answer's names as parties with roles for this kind of deal, each found in the article,
    each company once; and where the first of them is named."""
    target_role = Role.merger_partner if kind is DealType.merger else Role.target
    buyer_role = BUYER_ROLE.get(kind, Role.acquirer)
    named: list[tuple[str | None, Role]] = [
        (answer.buyer, buyer_role),
        (answer.target, target_role),
        (answer.seller, Role.seller),
        (answer.lead, Role.lead_investor),
        *((name, Role.investor) for name in answer.investors),
    ]
    parties: list[Party] = []
    first: tuple[int, int] | None = None
    seen: set[str] = set()
    for raw, role in named:
        for written, (start, end) in found_names(raw, text):
            if written.lower() in seen:
                continue
            seen.add(written.lower())
            first = first or (start, end)
            parties.append(Party(name=written, role=role, evidence=evidence(text, start, end)))
    return parties, first


def _chosen(phrase: str | None, options: Options, text: str) -> tuple[MoneyMention, Money] | None:
    mention = options.money.get(phrase or "")
    return (mention, quoted_money(text, mention)) if mention else None


def valuation_of(answer: ReaderAnswer, options: Options, text: str) -> Money | None:
    """The model's valuation, unless the words around it make it an earlier round's or another
    offer's figure."""
    chosen = _chosen(answer.valuation, options, text)
    if chosen is None:
        return None
    mentions = list(options.money.values())
    label = label_mention(text, mentions, mentions.index(chosen[0]), known=True)
    return None if label and label[0] in EARLIER_VALUATIONS else chosen[1]


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
    parties, deal_at = parties_from(answer, kind, text)
    amount = _chosen(answer.amount, options, text)
    summary = DealSummary(
        headline=title,
        deal_type=kind,
        status=status,
        parties=parties,
        amount=amount[1] if amount else None,
        valuation=valuation_of(answer, options, text),
        sources=sources(text, [(p.name, (p.name,)) for p in parties]),
        key_people=key_people(text),
        key_facts=key_facts(text, region_end),
    )
    ctx.decided_by.update(
        deal_type="rules" if typed else "model",
        status="rules" if status_cue or answer.status is None else "model",
        parties="model", amount="model", valuation="model",
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
    parties, deal_at = parties_from(answer, kind, text)
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


__all__ = ["model_only", "parties_from", "reader", "valuation_of"]
