"""Which valuation a figure is, from the words around it: one labeller for every part.

A last-round valuation and the valuation of a proposed tender offer are different facts; the
words next to the figure tell them apart: "last valued at" → last_round, "tender offer" →
tender_offer, "post-money" → post_money, "values the company at" → implied. A figure is a
valuation only when a valuation word owns it ("valued", "valuation", "post-money"): revenue, a
rival's deal, or the size of the share sale in "a tender offer in which investors would buy
$600 million of stock" are not valuations, though tender-offer words stand before them.
Extraction asks it whether a candidate is an earlier round's figure; consolidation labels every
valuation a report states.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from summarize.money import MoneyMention, find_money
from summarize.text.caseless import Caseless
from summarize.text.phrases import pattern, table
from summarize.text.sentences import sentence_around

LABEL_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, pattern("valuations", label))
    for label in ("tender_offer", "post_money", "pre_money", "last_round")
)
"""Which valuation a figure is, from the words before it, strongest first: the first that
matches decides; with none it is ``implied``."""
VALUED = pattern("valuations", "valued")
"""Words that make the figure after them a valuation at all; a market value is a share price
times shares, not a valuation anyone set."""
AFTER_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (family.extra["label"], family.pattern)
    for family in table("valuations").values()
    if "label" in family.extra
)
"""Cues right after a figure, which also make it a valuation: "a $5 billion post-money
valuation", "at about €600 million before the new money is added"."""
PAST_YEAR = pattern("valuations", "past_year")
PAST_YEAR_BEFORE = pattern("valuations", "past_year_before")
"""A year before the valuation word dates it: "bought it in 2019 in a deal that valued it at"."""
AFTER_CHARS = 40
DIGIT_MARGIN = 30
"""Characters kept either side of a figure's digits: room for "no less than US$" and "crore
rupees"."""
SHORT_TEXT = 160
"""Below this length cutting the text into windows costs more than it saves."""
_DIGITS = re.compile(r"\d[\d,.\u202f]*")
HINT = Caseless(r"valu|money")
"""Every valuation word (``VALUED``, ``AFTER_CUES``) holds one of these: text without them is
not searched for figures at all."""


def label_mention(
    text: str, mentions: list[MoneyMention], i: int, *, known: bool = False
) -> tuple[str, str] | None:
    """(label, cue) for the ``i``-th mention of ``text``, or None when no valuation word owns it.

    The words a figure owns run from the previous figure (or the sentence start) to it, plus a
    few words after it up to the next figure. ``known``: the figure is a valuation already (the
    summary's own field), so only which one is asked.
    """
    mention = mentions[i]
    left, right = sentence_around(text, mention.start, mention.end)
    if i > 0:
        left = max(left, mentions[i - 1].end)
    after_end = min(right, mention.end + AFTER_CHARS)
    if i + 1 < len(mentions):
        after_end = min(after_end, mentions[i + 1].start)
    before, after = text[left : mention.start], text[mention.end : after_end]
    valued = VALUED.search(before)
    after_cue = next(
        ((label, found) for label, cue in AFTER_CUES if (found := cue.search(after))), None
    )
    if not (known or valued or after_cue):
        return None
    for label, cue in LABEL_CUES:
        if found := cue.search(before):
            return label, found.group(0)
    if after_cue:
        return after_cue[0], after_cue[1].group(0).strip(" ,")
    if valued:
        if past := PAST_YEAR.search(after):
            return "last_round", f"{valued.group(0)} … {past.group(0).strip()}"
        if past := PAST_YEAR_BEFORE.search(before[: valued.start()]):
            return "last_round", f"{past.group(0)} … {valued.group(0)}"
        return "implied", valued.group(0)
    return None


def money_near_digits(text: str) -> list[MoneyMention]:
    """``find_money`` run only on the stretches around digits: the same mentions, found in a
    fraction of the time on long quotes (the parser costs about the same for every character)."""
    if len(text) <= SHORT_TEXT:
        return find_money(text)
    mentions: list[MoneyMention] = []
    windows: list[list[int]] = []
    for digits in _DIGITS.finditer(text):
        lo, hi = max(0, digits.start() - DIGIT_MARGIN), digits.end() + DIGIT_MARGIN
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1  # never cut a word: "above" must not become "bove"
        mentions += [
            replace(m, start=m.start + lo, end=m.end + lo) for m in find_money(text[lo:hi])
        ]
    return mentions


def labeled_in(text: str) -> Iterator[tuple[str, str | None, MoneyMention]]:
    """Every figure in ``text`` that its words call a valuation, with label and cue."""
    if not HINT.found(text):
        return
    mentions = money_near_digits(text)
    for i, mention in enumerate(mentions):
        found = label_mention(text, mentions, i)
        if found:
            yield found[0], found[1], mention
