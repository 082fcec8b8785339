"""Cue phrases: the wording news uses for a deal's type, stage and payment, weighted by place.

A small model cannot answer "is this deal pending approval?" in free text, but the article
usually says so in stock phrases ("agreed to buy", "called off", "subject to regulatory
approval"). Cues are scored by where they appear (headline and lede count most), and each
result carries the phrase that triggered it as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.fields.lede import headline_end
from summarize.schema import Consideration, DealStatus, DealType


@dataclass(frozen=True, slots=True)
class Cue:
    """A matched cue phrase: what it signals and where."""

    label: str
    text: str
    start: int
    end: int
    weight: float


def _compile(table: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    # A cue may end on a space or a sign ("raised " before "$40 million", "take a 30%"): there
    # the match ends at a non-word character, and a trailing \b would refuse "$" or " ".
    return {
        label: re.compile(r"\b(?:" + "|".join(p) + r")(?:\b|(?<=\W))", re.I)
        for label, p in table.items()
    }


STATUS_CUES = _compile({
    DealStatus.terminated.value: [
        r"called off", r"(?:has |have )?terminated", r"scrapp(?:ed|ing)", r"abandon(?:ed|s|ing)",
        r"walk(?:ed|s)? away", r"pull(?:ed|s)? out", r"collaps(?:ed|es)", r"blocked",
        r"withdr(?:ew|awn)", r"end(?:ed|s) (?:talks|the deal|the agreement)", r"no longer pursu\w+",
        r"terminat(?:e|ion) (?:of )?(?:the |its )?(?:deal|agreement|merger|transaction)",
        r"ditch(?:ed|es)", r"dropp(?:ed|s) (?:its|the) (?:bid|offer|plan)",
    ],
    DealStatus.completed.value: [
        r"(?:has |have )?complet(?:ed|es) (?:its |the |their )?(?:(?:[£$€¥]|[A-Z]{3} )?[\d.,]+ ?(?:million|billion|bn|m)? )?(?:\w+ )?(?:acquisition|purchase|takeover|merger|deal|sale|investment)",
        r"(?:has |have )?closed (?:its |the |their )?(?:\w+ )?(?:acquisition|purchase|deal|transaction|sale|round|merger)",
        r"(?:deal|acquisition|transaction|purchase|merger|sale) (?:has |had )?closed",
        r"(?:has|have) (?:now )?acquired", r"finali[sz]ed", r"completion of (?:the|its)",
        r"(?:has |have )?rais(?:ed|es) (?!(?:its|the|their|an?) (?:\w+ )?(?:offer|bid|price|stake|concerns?))", r"secur(?:ed|es) (?:\w+ )?(?:funding|investment|capital)",
        r"snap(?:s|ped)? up", r"(?:is|are) now (?:a |an )?(?:wholly[- ]owned|part of)",
    ],
    DealStatus.pending_approval.value: [
        r"subject to (?:\w+ )?(?:regulatory|shareholder|antitrust|government|customary) (?:\w+ )?approvals?",
        r"awaiting (?:\w+ )?approvals?", r"pending (?:\w+ )?approvals?", r"requires? (?:\w+ )?approvals?",
        r"needs? (?:\w+ )?approvals?", r"antitrust review", r"regulatory review", r"in-depth (?:probe|review|investigation)",
        r"expected to (?:close|complete)", r"approval (?:from|of|by) (?:the )?(?:\w+ ){0,3}(?:regulators?|commission|tribunal|shareholders|authorit\w+)",
    ],
    DealStatus.announced.value: [
        r"agreed to (?:buy|acquire|purchase|sell|merge|invest|take|combine)",
        r"(?:has |have )?agreed to", r"signed (?:a |an )?(?:definitive |binding )?(?:agreement|deal)",
        r"announced (?:a |an |the |its )?(?:deal|agreement|acquisition|plan|merger|investment)",
        r"will (?:buy|acquire|purchase|merge|invest)", r"struck a deal",
        r"agrees? to (?:buy|acquire|purchase|sell|merge|invest|take|combine)",
        r"unveil(?:ed|s)", r"raise[sd]? (?:its|the) (?:offer|bid)",
        r"agree(?:s|d)? (?:an? )?(?:\S+ ){0,3}?(?:merger|takeover|acquisition|buyout|deal)",
        r"(?:will|would) (?:combine|merge) in an? (?:[\w-]+ ){0,2}merger",
    ],
    DealStatus.in_talks.value: [
        r"in (?:advanced |early |exclusive |preliminary )?(?:talks|discussions|negotiations)",
        r"negotiat(?:ing|es)", r"explor(?:ing|es) (?:a |an )?(?:sale|deal|merger|bid|options)",
        r"held talks", r"near(?:s|ing)? (?:a |an )?(?:deal|agreement)", r"considering (?:a |an )?(?:bid|offer|sale|deal)",
        r"confirmed (?:it was |it is |that it was )?in talks", r"seeking to raise", r"looking to raise",
    ],
    DealStatus.rumored.value: [
        r"people familiar with the (?:matter|plans|talks|discussions)",
        r"(?:a )?persons? familiar with", r"reportedly", r"rumou?r(?:ed|s)?", r"speculation",
        r"(?:is|are) said to", r"according to (?:people|sources|a person)", r"sources said",
    ],
})  # fmt: skip

DEAL_TYPE_CUES = _compile({
    DealType.funding_round.value: [
        r"funding round", r"series [a-h]\b", r"seed (?:round|funding)", r"pre-seed", r"rais(?:ed|es|ing) \S+ (?:\w+ )?(?:in|from)",
        r"venture (?:funding|round)", r"growth round", r"fundrais\w+",
    ],
    DealType.merger.value: [
        r"merger of equals", r"(?:agreed to |will |to )merge", r"merg(?:e|ing) with", r"all-share merger",
        r"combine (?:in|into)", r"share[- ]swap merger", r"amalgamat\w+", r"combined (?:company|group|entity)",
    ],
    DealType.joint_venture.value: [r"joint venture", r"\bJV\b", r"joint company", r"50-50 venture"],
    DealType.asset_sale.value: [
        r"sell(?:s|ing)? (?:its |a |the )?(?:[\w-]+ ){0,3}(?:unit|division|business|arm|assets|brand|plant|operations)",
        r"sale of (?:its|the) \w*\s?(?:unit|division|business|arm|assets)", r"divest\w*", r"carve-?out",
    ],
    DealType.minority_investment.value: [
        r"minority stake", r"minority interest", r"minority investment",
        r"invest(?:s|ed|ing)? (?:\S+ ){0,6}?in", r"(?:multi|\w+-)?(?:billion|million)-dollar investment", r"investment (?:in|into)",
    ],
    DealType.majority_stake.value: [r"majority stake", r"controlling stake", r"controlling interest", r"majority interest"],
    DealType.other.value: [  # a secondary sale: investors buy existing shares, the company gets nothing
        r"(?:employee|secondary) (?:share |stock )?(?:sale|tender(?: offer)?|transaction)",
        r"sale of (?:\w+ )?(?:employee|existing) (?:shares|stock)", r"tender offer for (?:employee|staff) (?:shares|stock)",
        r"(?:buy|purchas|acquir)\w* (?:\S+ ){0,6}?(?:shares|stock) from (?:its )?(?:current and former |existing )?(?:employees|staff|workers)",
    ],
    DealType.acquisition.value: [
        r"acquir(?:e|es|ed|ing)", r"acquisition", r"buy(?:s|ing)?", r"bought", r"purchas(?:e|es|ed|ing)",
        r"takeover", r"take over", r"snap(?:s|ped)? up", r"buyout",
        r"take (?:a )?\d+(?:\.\d+)?%", r"\d+(?:\.\d+)?% stake", r"stake of \d+(?:\.\d+)?%",
    ],
})  # fmt: skip

CONSIDERATION_CUES = _compile({
    Consideration.mixed.value: [
        r"cash[- ]and[- ](?:stock|shares?)", r"(?:stock|shares?)[- ]and[- ]cash", r"mix of cash and (?:stock|shares)",
        r"part cash,? part (?:stock|shares)", r"in cash and (?:stock|shares)",
        r"cash plus (?:[\d.,]+ )?(?:new |newly issued )?(?:\w+ )?shares",
        r"remainder in (?:new |newly issued )?(?:\w+ )?(?:shares|stock)",
    ],
    Consideration.cash.value: [
        r"all-cash", r"in cash", r"cash deal", r"cash offer", r"paid in cash", r"cash transaction", r"for cash",
        r"cash (?:for|per) (?:each )?share",
    ],
    Consideration.stock.value: [
        r"all-stock", r"all-share", r"share swap", r"share-swap", r"stock-for-stock", r"in stock",
        r"(?:new|its own) shares", r"shares of (?:the )?(?:combined|new)",
    ],
})  # fmt: skip


def position_weight(start: int, text: str, lede_end: int) -> float:
    """Headline and lede count most; the body least."""
    if start < headline_end(text):
        return 3.0
    if start < lede_end:
        return 2.0
    return 0.5


def find_cues(patterns: dict[str, re.Pattern[str]], text: str, lede_end: int) -> list[Cue]:
    """Every cue match with its position weight."""
    cues = []
    for label, pattern in patterns.items():
        for m in pattern.finditer(text):
            cues.append(
                Cue(
                    label, m.group(), m.start(), m.end(), position_weight(m.start(), text, lede_end)
                )
            )
    return cues


def outermost(found: list[Cue]) -> list[Cue]:
    """The cues not inside a longer one: "buy" in "buy $600 million of shares from employees"
    counts only as the longer phrase."""
    return [
        c
        for c in found
        if not any(
            o is not c
            and o.start <= c.start
            and c.end <= o.end
            and o.end - o.start > c.end - c.start
            for o in found
        )
    ]


def best_cue(
    cues: list[Cue], order: list[str], *, minimum: float = 0.0, first_wins_ties: bool = False
) -> tuple[str, Cue] | None:
    """The label with the highest total weight and its strongest cue. Ties go to the label
    first in ``order``, or with ``first_wins_ties`` to the label cued first in the text."""
    totals: dict[str, float] = {}
    first: dict[str, int] = {}
    for cue in cues:
        totals[cue.label] = totals.get(cue.label, 0.0) + cue.weight
        first[cue.label] = min(first.get(cue.label, cue.start), cue.start)
    if not totals:
        return None
    label = max(
        totals,
        key=lambda lab: (totals[lab], -first[lab] if first_wins_ties else 0, -order.index(lab)),
    )
    if totals[label] < minimum:
        return None
    strongest = max((c for c in cues if c.label == label), key=lambda c: (c.weight, -c.start))
    return label, strongest
