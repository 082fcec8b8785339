"""The deal's amount and valuation among the article's money mentions.

Most figures in a deal story are not its price: market values, revenue, fees, share prices,
debt, an earlier round. Those are left out by the words around them; a figure a valuation word
owns is a valuation candidate; the rest, in the lede, are amount candidates. Where the headline
and the first paragraph state the same figure, that is the amount; else the chooser decides.
"""

from __future__ import annotations

import re
from typing import Literal

from summarize.fields.choice import Chooser
from summarize.fields.history import in_earlier_deal
from summarize.fields.lede import headline_end
from summarize.fields.mentions import evidence
from summarize.money import MoneyMention, find_money
from summarize.schema import DealType, Money
from summarize.text.phrases import pattern
from summarize.text.sentences import sentence_around
from summarize.text.valuations import label_mention

DISTRACTOR_CONTEXT = pattern("amount", "distractor")
"""Words near a figure that make it something other than the deal's size."""
HISTORY_WORDS = pattern("amount", "history_words")
"""Words that date a valuation anywhere in its sentence. Stricter than the labeller's
last_round: a wrong valuation costs more than a missed one."""
MARKET_VALUE = pattern("amount", "market_value")
STRONG_VALUATION = pattern("amount", "strong_valuation")
VALUATION_CONTEXT = pattern("amount", "valuation_context")
COMBINED_SIZE = pattern("amount", "combined_size")
"""Before a merger's combined size: "talks to create a ¥1.4tn group"."""
WOULD_VALUE = pattern("amount", "would_value")
DEAL_VALUE_CONTEXT = pattern("amount", "deal_value_context")
"""A deal "valued at" or "worth" a figure: that figure is its size, not a valuation."""
VALUE_AFTER = pattern("amount", "value_after")
VALUATION_AFTER = pattern("amount", "valuation_after")
PER_SHARE_AFTER = pattern("amount", "per_share_after")
SHARE_PRICE_AFTER = pattern("amount", "share_price_after")
PART_DEALS = (DealType.funding_round, DealType.minority_investment, DealType.other)
"""Deals in which investors buy a part of a company: a figure the company is valued at is
then its valuation, never the price."""


def valuation_strength(text: str, mentions: list[MoneyMention], i: int) -> int:
    """How surely the ``i``-th money mention is the valuation this deal sets (0: it is not).

    An earlier round's figure (the shared labeller's last_round, or history words in its
    sentence), a market value ("shares rose, valuing the group at"), a price per share and a
    relative clause about another company ("which is valued at") are not; a post- or pre-money
    figure, or one the deal values the company at, surely is.
    """
    mention = mentions[i]
    left, right = sentence_around(text, mention.start, mention.end)
    sentence = text[max(left, mention.start - 200) : mention.start]
    after = text[mention.end : min(right, mention.end + 80)]
    if HISTORY_WORDS.search(sentence + " " + after) or MARKET_VALUE.search(sentence):
        return 0
    if PER_SHARE_AFTER.match(after):
        return 0
    label = label_mention(text, mentions, i, known=True)
    if label is not None and label[0] == "last_round":
        return 0
    if (
        (label is not None and label[0] in ("post_money", "pre_money"))
        or STRONG_VALUATION.search(sentence)
        or VALUATION_AFTER.match(after)
    ):
        return 2
    return 1


MoneyRole = Literal["amount", "valuation", "not_the_deal", "elsewhere"]
"""What a money mention is to the deal: a candidate for its size, a valuation, a figure that
is something else (a per-share price, a revenue, an earlier deal's size, a merged group's
size), or one the rules do not read (past the lede, a conversion in brackets)."""


def money_role(
    text: str, mentions: list[MoneyMention], i: int, region_end: int, kind: DealType | None
) -> tuple[MoneyRole, int]:
    """The role of ``mentions[i]``, and its strength when it is a valuation."""
    mention = mentions[i]
    window = text[max(0, mention.start - 60) : mention.start]
    after = text[mention.end : mention.end + 40]
    if (
        (VALUATION_CONTEXT.search(window[-30:]) and not DEAL_VALUE_CONTEXT.search(window))
        or VALUATION_AFTER.match(after)
        or (kind in PART_DEALS and (WOULD_VALUE.search(window) or VALUE_AFTER.match(after)))
    ):
        return "valuation", valuation_strength(text, mentions, i)  # 0: too weak to count
    if mention.value < 1e5 and mention.value != int(mention.value):
        return "not_the_deal", 0  # "$83.50", "CHF 84.10": share prices, not deal sizes
    if DISTRACTOR_CONTEXT.search(window[-40:] + " " + after[:25]):
        return "not_the_deal", 0
    if SHARE_PRICE_AFTER.match(after):
        return "not_the_deal", 0
    if COMBINED_SIZE.search(window):
        return "not_the_deal", 0  # "talks to create a ¥1.4tn chemicals group": the merged size
    if "(" in window[-3:] or mention.start > region_end:
        return "elsewhere", 0  # a conversion in brackets, or past the lede
    if in_earlier_deal(text[:region_end], mention.start):
        return "not_the_deal", 0  # "when it raised $400 million in January": an earlier deal
    return "amount", 0


def money_roles(
    text: str, region_end: int, kind: DealType | None = None
) -> tuple[list[MoneyMention], list[MoneyMention]]:
    """Split money mentions into deal-amount candidates and valuation candidates.

    Valuations come back strongest first, then in order of appearance. Where investors buy a
    part of a company, "would value the company at $12 billion" is a valuation; where a buyer
    takes the whole, the same words state the price, so they stay an amount.
    """
    amounts: list[MoneyMention] = []
    valuations: list[tuple[int, MoneyMention]] = []
    mentions = find_money(text)
    for i, mention in enumerate(mentions):
        role, strength = money_role(text, mentions, i, region_end, kind)
        if role == "amount":
            amounts.append(mention)
        elif role == "valuation" and strength:
            valuations.append((strength, mention))
    ranked = sorted(valuations, key=lambda v: (-v[0], v[1].start))
    return amounts, [mention for _, mention in ranked]


_SPACE = re.compile(r"\s*")


def headline_amount(text: str, amounts: list[MoneyMention]) -> MoneyMention | None:
    """The deal's size where the headline and the paragraph after it state the same figure:
    the body's parts of a price (cash now, an earn-out later) are then no rivals."""
    end = headline_end(text)
    if not end:
        return None  # no headline line
    blank = _SPACE.match(text, end)
    start = blank.end() if blank else end
    first_end = text.find("\n", start)
    first_end = len(text) if first_end == -1 else first_end
    in_headline = {(m.value, m.currency) for m in amounts if m.start < end}
    return next(
        (m for m in amounts if end <= m.start < first_end and (m.value, m.currency) in in_headline),
        None,
    )


def quoted_money(text: str, mention: MoneyMention) -> Money:
    """The mention as a Money value quoting its words."""
    money = mention.to_money()
    money.evidence = evidence(text, mention.start, mention.end)
    return money


async def deal_amount(
    text: str, amounts: list[MoneyMention], choose: Chooser
) -> tuple[Money | None, bool]:
    """The amount among the candidates, and whether a model's choice decided it."""
    if not amounts:
        return None, False
    chosen = headline_amount(text, amounts)
    by_model = False
    if chosen is None:
        options = list(dict.fromkeys(m.text for m in amounts))
        choice = await choose("amount", options)
        picked = next((m for m in amounts if m.text == choice.answer), None)
        by_model = picked is not None and choice.by_model
        chosen = picked or amounts[0]
    return quoted_money(text, chosen), by_model
