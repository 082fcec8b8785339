"""The stake that changes hands, as the lede states it: "buy a 24.9% stake", "take 25% of"."""

from __future__ import annotations

import re

from summarize.schema import DealType
from summarize.text.phrases import pattern
from summarize.text.span import Span

STAKE_PHRASE = re.compile(
    r"(?:buy|take|acquire|purchase|sell|subscribe|own|hold)\w* (?:up )?(?:a |an )?"
    r"(?:additional |further )?(?P<a>\d+(?:\.\d+)?)\s?(?:%|per ?cent)|"
    r"(?P<b>\d+(?:\.\d+)?)\s?(?:%|per ?cent) (?:stake|shareholding|interest)|"
    r"stake of (?P<c>\d+(?:\.\d+)?)\s?(?:%|per ?cent)",
    re.I,
)
HELD_ALREADY = pattern("stake", "held_already")
"""Before a stake someone holds today, which is not what the deal buys."""


def stake_in_lede(text: str, region_end: int) -> tuple[float, Span] | None:
    """The first stake the lede says changes hands, with the words that state it."""
    for m in STAKE_PHRASE.finditer(text, 0, region_end):
        if HELD_ALREADY.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # who holds what today is not what the deal buys
        group = next(g for g in ("a", "b", "c") if m[g])
        value = float(m[group])
        pct_end = text.find("%", m.start(group))
        end = pct_end + 1 if 0 <= pct_end < m.end() else m.end()
        if 0 < value <= 100:
            return value, Span(text[m.start(group) : end], m.start(group), end)
    return None


def stake(text: str, region_end: int, kind: DealType) -> tuple[float, Span] | None:
    """The stake percent of the deal; a merger or a round states none."""
    if kind in (DealType.merger, DealType.funding_round):
        return None
    return stake_in_lede(text, region_end)
