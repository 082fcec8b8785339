"""The embedded strategy: candidates from the article, cue rules, and constrained model choices.

Gemma 3 270M is a base model: asked for JSON it copies the example; asked a free question it
rambles. So every value here is a string found in the article, and the model is only asked to
*choose* among such strings (a GBNF grammar lists them), in short questions that share the
article prefix so llama.cpp reuses its KV cache. Named steps:

1. ``lede``        the headline and first paragraphs: where deal facts live, and a short prefix
2. ``candidates``  organizations, money, percentages and dates found by parsers
3. ``cues``        deal type, status and consideration from stock phrases, with their quote
4. ``roles``       buyer/target from the sentence around the deal verb; the model chooses where
                   the sentence does not tell (a grammar keeps its answer among the candidates)
5. ``amount``      money mentions minus distractors (market value, revenue, fees, share prices);
                   the model chooses among what is left
6. ``assemble``    a DealSummary whose every value carries its quote
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from summarize.articles import Article
from summarize.money import MoneyMention, find_money
from summarize.schema import (
    Consideration,
    DealStatus,
    DealSummary,
    DealType,
    Evidence,
    KeyFact,
    Party,
    Person,
    Role,
    Source,
)
from summarize.strategies import candidates as cand
from summarize.strategies import cues
from summarize.strategies.base import CallContext
from summarize.strategies.people import find_commentators, find_people

_STATUS_ORDER = [s.value for s in (
    DealStatus.terminated, DealStatus.completed, DealStatus.pending_approval,
    DealStatus.announced, DealStatus.in_talks, DealStatus.rumored,
)]  # fmt: skip
_TYPE_ORDER = [t.value for t in (
    DealType.joint_venture, DealType.merger, DealType.funding_round, DealType.majority_stake,
    DealType.minority_investment, DealType.asset_sale, DealType.other, DealType.acquisition,
)]  # fmt: skip
_CONSIDERATION_ORDER = [
    c.value for c in (Consideration.mixed, Consideration.cash, Consideration.stock)
]

_DEAL_VERB = re.compile(
    r"\b(?P<verb>acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|"
    r"take over|takes over|snap(?:s|ped)? up|merge(?:s|d)? with|"
    r"invest(?:s|ed|ing)? (?:\S+ ){0,6}?in|back(?:s|ed|ing)?|rais(?:e|es|ed|ing)|"
    r"sell(?:s|ing)?|sold|acquisition of|purchase of|takeover of|(?:a )?stake in|"
    r"take (?:a )?\d+(?:\.\d+)?% (?:stake )?(?:in|of)|\d+(?:\.\d+)?% (?:stake )?(?:in|of)|"
    r"(?:takeover |buyout |acquisition )?(?:offer|bid|approach) for)\b",
    re.I,
)
_LED_BY = re.compile(r"\bled by\b|\bco-led by\b", re.I)
_INVESTOR_SENTENCE = re.compile(
    r"\bled by\b|participat\w+|joined (?:the round|in)|investors?\b|backers?\b|put in|"
    r"invested|chipped in",
    re.I,
)
_DISTRACTOR_CONTEXT = re.compile(
    r"market (?:value|cap\w*)|revenue|sales|profit|earnings|ebitda|income|fee\b|a share|per share|"
    r"price\b|for each|(?<!\bit )had raised|so far|to date|in total|"
    r"each \w+ share|share price|last year|previous|earlier round|in 20\d\d|synerg\w+|"
    r"(?<!including )(?<!including net )debt\b|"  # "$4bn including debt" is the deal's size
    r"capital expenditure|capex|budget|loss\b|turnover|salary|bonus|\bloan\b|"
    r"credit (?:line|facility)|savings",
    re.I,
)
_PAST_VALUATION = re.compile(
    r"\blast\b|previous|earlier|prior|once|was valued|had been valued|in (?:19|20)\d\d|"
    r"\b(?:19|20)\d\d\b",
    re.I,
)
_MARKET_VALUE = re.compile(
    r"shares? (?:rose|fell|jumped|climbed|closed|slipped|traded)|share price|stock[- ]market|"
    r"market (?:value|cap)|trading|which (?:is|was) (?:valued|worth)|\bworth\b",
    re.I,
)
_STRONG_VALUATION = re.compile(
    r"valu(?:ing|es)\b[^.]{0,40}$|post-money|pre-money|implie[sd]\b[^.]{0,30}$|"
    r"at a valuation of\s*$",
    re.I,
)
_VALUATION_CONTEXT = re.compile(r"valu(?:ed|es|ing|ation)|worth", re.I)
FACT_CUES = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"approv|clearance|antitrust|subject to|expected to (?:close|complete)|completion",
        r"per share|a share\b|premium|in cash|new shares",
        r"(?:fund|financ)\w* (?:the |its )?(?:deal|acquisition|purchase|transaction)|loan\b|"
        r"cash on hand",
        r"will own|enlarged (?:group|company)|combined (?:company|group)",
        r"termination fee|break-?up fee",
    )
)
"""Deal terms a summary should state when the article does: conditions and timing, price per
share, financing, who owns what afterwards, a termination fee. One sentence each, the first."""
LEDE_AND_VALUATION_FACTS = 5
MOST_FACTS = 7
_COMBINED_SIZE = re.compile(r"\bcreat(?:e|es|ing)\s+(?:an?\s+)?$", re.I)
"""Before a merger's combined size: "talks to create a ¥1.4tn group". Not "form": "form a $2
billion joint venture" states what the partners put in."""
_PART_DEALS = (DealType.funding_round, DealType.minority_investment, DealType.other)
"""Deals in which investors buy a part of a company: a figure the company is valued at is
then its valuation, never the price."""
_WOULD_VALUE = re.compile(r"\b(?:would|to|could|will|that) value\b[^.$€£¥]{0,50}$", re.I)
_DEAL_VALUE_CONTEXT = re.compile(
    r"(?:deal|transaction|offer|acquisition|purchase|takeover|round|investment|merger)\s+(?:\w+\s+){0,3}"
    r"(?:valued|worth)",
    re.I,
)


@dataclass
class _Found:
    """A value found in the article with its quote span."""

    value: Any
    start: int
    end: int


def lede(text: str, limit: int) -> str:
    """The headline and first paragraphs, cut at a sentence end."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind("\n", 0, limit))
    return text[: cut + 1 if cut > limit // 2 else limit]


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(quote=text[start:end])


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1 if left >= 0 else 0, right + 1 if right < len(text) else right


def _occurrences(
    text: str, orgs: list[cand.OrgCandidate]
) -> list[tuple[int, int, cand.OrgCandidate]]:
    found = []
    for org in orgs:
        for spelling in org.spellings:
            for m in re.finditer(rf"(?<![\w]){re.escape(spelling)}(?![\w])", text):
                found.append((m.start(), m.end(), org))
    found.sort(key=lambda o: (o[0], -(o[1] - o[0])))
    # Drop occurrences nested inside a longer one ("Juniper" inside "Juniper Networks").
    kept: list[tuple[int, int, cand.OrgCandidate]] = []
    for occ in found:
        if kept and occ[0] < kept[-1][1]:
            continue
        kept.append(occ)
    return kept


def _choice_grammar(options: list[str]) -> str:
    return "root ::= " + " | ".join(json.dumps(" " + o) for o in options)


async def _choose(ctx: CallContext, block: str, options: list[str], context: str) -> str | None:
    """Ask the model to pick one option; a grammar keeps the answer among them."""
    if not options:
        return None
    if len(options) == 1:
        return options[0]
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
    return answer if answer in options else None


@dataclass
class _Roles:
    buyer: _Found | None = None
    target: _Found | None = None
    lead: _Found | None = None
    investors: list[_Found] | None = None
    partners: list[_Found] | None = None
    seller: _Found | None = None


def _rule_roles(text: str, region_end: int, orgs: list[cand.OrgCandidate]) -> _Roles:
    """Subject and object of the first deal verb whose sentence names two candidates."""
    occurrences = _occurrences(text, orgs)
    roles = _Roles()
    for verb in _DEAL_VERB.finditer(text, 0, region_end):
        s_start, s_end = _sentence_around(text, verb.start(), verb.end())
        before = [o for o in occurrences if s_start <= o[0] and o[1] <= verb.start()]
        after = [o for o in occurrences if verb.end() <= o[0] and o[1] <= s_end]
        word = verb.group("verb").lower()
        if word.startswith("rais"):
            if before:
                subject = before[-1]
                roles.target = _Found(subject[2].name, subject[0], subject[1])
                led = _LED_BY.search(text, verb.end(), s_end)
                if led:
                    leads = [o for o in after if o[0] >= led.end()]
                    if leads:
                        roles.lead = _Found(leads[0][2].name, leads[0][0], leads[0][1])
                return roles
            continue
        if word.startswith("merge"):
            if before and after:
                roles.partners = [_Found(o[2].name, o[0], o[1]) for o in (before[-1], after[0])]
                return roles
            continue
        after = _skip_descriptors(text, after)
        if not (before and after) or before[-1][2] is after[0][2]:
            continue
        subject, obj = before[-1], after[0]
        if text.startswith(("'s", "’s"), obj[1]):
            continue  # "buys 24.9% of Bayerwerke's fibre unit": the target is named later
        if word.startswith(("sell", "sold")):
            roles.seller = _Found(subject[2].name, subject[0], subject[1])
            to = re.search(r"\bto\b", text[verb.end() : s_end])
            buyers = [o for o in after if to and o[0] >= verb.end() + to.end()]
            if buyers:
                roles.buyer = _Found(buyers[0][2].name, buyers[0][0], buyers[0][1])
            return roles
        roles.buyer = _Found(subject[2].name, subject[0], subject[1])
        roles.target = _Found(obj[2].name, obj[0], obj[1])
        seller = _seller(text, region_end, occurrences, obj[2], subject[2])
        if seller is not None:
            roles.seller = _Found(seller[2].name, seller[0], seller[1])
        return roles
    return roles


_EARLIER_DEAL = re.compile(
    r"\blast (?:valued|raised)\b|\bhad (?:previously|earlier|already) (?:raised|been valued)\b|"
    r"\b(?:previous|earlier|prior|most recent|last) (?:funding |financing )?round\b|"
    r"\b(?:was|were) valued at\b[^.]{0,40}\b(?:in|when) (?:(?:19|20)\d\d|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|it raised)\b",
    re.I,
)
"""A sentence that recounts an earlier deal: "Quillon was last valued at $7.5 billion in a
Series C round in 2024" says nothing about what kind of deal this one is. A bare "had raised"
is not enough: reported speech puts the news itself that way ("said it had raised $25
million")."""


_BACK_REFERENCE = re.compile(r"(?:That|This|The same) (?:round|deal|financing|investment)\b")
"""A sentence that goes on about the earlier deal: "That round ... was led by Marlowe"."""


@lru_cache(maxsize=8)
def _earlier_deal_sentences(text: str) -> tuple[cand.Span, ...]:
    """Sentences about an earlier deal, and those right after that refer back to it (cached:
    the type, amount and lead rules all ask about the same lede)."""
    found: list[cand.Span] = []
    previous_was_earlier = False
    for sentence in cand.sentences(text):
        earlier = _EARLIER_DEAL.search(sentence.text) is not None or (
            previous_was_earlier and _BACK_REFERENCE.match(sentence.text) is not None
        )
        if earlier:
            found.append(sentence)
        previous_was_earlier = earlier
    return tuple(found)


def _type_cue(text: str, region_end: int) -> tuple[str, cues.Cue] | None:
    """The deal type most cued in the headline and lede, leaving out phrases inside longer
    ones and sentences about an earlier deal."""
    found = cues.outermost(cues.find_cues(cues.DEAL_TYPE_CUES, text, region_end))
    earlier = _earlier_deal_sentences(text[:region_end])
    found = [c for c in found if not any(s.start <= c.start < s.end for s in earlier)]
    return cues.best_cue(found, _TYPE_ORDER, minimum=2.0)


def _headline_company(text: str, region_end: int, orgs: list[cand.OrgCandidate]) -> _Found | None:
    """The company a secondary sale is about: news of a share sale leads with the company whose
    shares change hands ("Quillon Robotics Said to Plan Share Sale"), in the headline or else
    the first sentence."""
    occurrences = _occurrences(text[:region_end], orgs)
    if not occurrences:
        return None
    start, end, org = occurrences[0]
    return _Found(org.name, start, end) if start < _sentence_around(text, 0, 0)[1] else None


_LED_BY_BEFORE = re.compile(r"\b(?:co-)?led by\s+[\"'“”]?$")
_LEADS_THE_ROUND = re.compile(
    r"\s+(?:(?:is|are|was|has been|will|would)\s+)?"
    r"(?:(?:in (?:talks|discussions)|expected|set|poised|likely|due)\s+to\s+)?"
    r"(?:lead|leads|led|leading)\s+the\s+(?:[\w-]+\s+)?(?:round|investment|financing|raise)\b",
    re.I,
)
"""After a name: "Halcyon Crest is in discussions to lead the round", "Ember led the round"."""


def _lead_investor(
    text: str, region_end: int, orgs: list[cand.OrgCandidate], target: _Found | None
) -> _Found | None:
    """The lede's lead investor: named right after "led by", or before "leads the round"; a
    sentence about an earlier round ("in January, in a round led by Redwood") does not count."""
    earlier = _earlier_deal_sentences(text[:region_end])
    leads = []
    for start, end, org in _occurrences(text[:region_end], orgs):
        if target is not None and org.name == target.value:
            continue
        if any(s.start <= start < s.end for s in earlier):
            continue
        before = text[max(0, start - 12) : start]
        if _LED_BY_BEFORE.search(before) or _LEADS_THE_ROUND.match(text, end):
            leads.append(_Found(org.name, start, end))
    return leads[0] if leads else None


def _seller(
    text: str,
    region_end: int,
    occurrences: list[tuple[int, int, cand.OrgCandidate]],
    target: cand.OrgCandidate,
    buyer: cand.OrgCandidate,
) -> tuple[int, int, cand.OrgCandidate] | None:
    """The company the lede says the target comes from ("Frigo Nord ... from Borealis"), in
    any lede sentence that names the target: a headline often leaves the seller out."""
    for i, (_, end, org) in enumerate(occurrences):
        if org is not target or end > region_end:
            continue
        _, s_end = _sentence_around(text, end, end)
        for found in occurrences[i + 1 :]:
            if found[0] > s_end:
                break
            if found[2] not in (target, buyer) and _FROM_OWNER.match(text, end, found[0]):
                return found
    return None


_FROM_OWNER = re.compile(
    r"(?:,[^,;]{1,100},)?,?\s+from\s+(?:(?:its\s+)?(?:[\w-]+\s+){0,3})?$"
    r"|,\s+(?:the|its|a)\s+(?:[\w-]+\s+){0,3}(?:unit|arm|business|division|subsidiary)\s+of\s+"
    r"(?:[\w-]+\s+){0,3}$"
    r"|(?:'s|’s)\s+(?:current\s+)?(?:owner|parent(?:\s+company)?),?\s+(?:[\w-]+\s+){0,4}$"
)
"""Between the target and its seller: "buy Brightfield from private equity owner Calder Ridge",
"buy Frigo Nord, a cold-storage operator, from Borealis", or the owner in an appositive: "buy
Cobalt, the hospital-data business of Meridian Group", "Koelveem's owner, Dutch investment
firm Harlinger Capital"."""


_DESCRIPTOR = re.compile(
    r"^(?:'s|’s)?\s*(?:(?!(?:from|to|by|with|for|and|or)\s)[\w-]+\s){0,3}?(?:maker|owner|operator|producer|provider|developer|company|firm|"
    r"group|unit|arm|business|division|start-?up|retailer|chain|bank|insurer|lender|manufacturer|"
    r"supplier|brand|platform|rival|parent|recycler|processor|distributor|specialist|miner|"
    r"carrier|airline)\s*,?\s*$"
)


def _skip_descriptors(
    text: str, after: list[tuple[int, int, cand.OrgCandidate]]
) -> list[tuple[int, int, cand.OrgCandidate]]:
    """'buy Pringles maker Kellanova': the object is the name after the descriptor."""
    while len(after) > 1 and _DESCRIPTOR.match(text[after[0][1] : after[1][0]]):
        after = after[1:]
    return after


def _is_place(text: str, name: str) -> bool:
    """The article uses the name as a place: "an Indore-based app", "based in Dewas", "a New
    York startup"."""
    name = re.escape(name)
    return re.search(rf"\b{name}-based\b|\bbased in {name}\b|\bNew {name}\b", text) is not None


_FILED_WITH = re.compile(r"\b(?:filed|filings?|submitted|registered) (?:with|to) (?:the )?$", re.I)


def _registries(text: str, orgs: list[cand.OrgCandidate]) -> set[str]:
    """Names the article files papers with, and the short form in brackets after one:
    "documents filed with the Registrar of Companies (RoC)" names a registry, not an investor."""
    found: set[str] = set()
    for org in orgs:
        for m in re.finditer(rf"(?<![\w]){re.escape(org.name)}(?![\w])", text):
            if _FILED_WITH.search(text[max(0, m.start() - 40) : m.start()]):
                found.add(org.name)
                short = re.match(r"\s*\(([^()]{1,12})\)", text[m.end() :])
                if short:
                    found.add(short.group(1))
    return found


def _investors(text: str, orgs: list[cand.OrgCandidate], exclude: set[str]) -> list[_Found]:
    """Candidates named in sentences about who put money in; places, registries, and the
    analysts quoted on the deal and their firms, excepted."""
    found: list[_Found] = []
    commentators = find_commentators(text)
    seen = (
        set(exclude)
        | {org.name for org in orgs if _is_place(text, org.name)}
        | _registries(text, orgs)
        | {p.name for p in commentators}
        | {p.organization for p in commentators if p.organization}
    )
    earlier = {sentence.start for sentence in _earlier_deal_sentences(text)}
    for sentence in cand.sentences(text):
        if sentence.start in earlier or not _INVESTOR_SENTENCE.search(sentence.text):
            continue
        for start, end, org in _occurrences(sentence.text, orgs):
            if org.name not in seen:
                seen.add(org.name)
                found.append(_Found(org.name, sentence.start + start, sentence.start + end))
    return found


def _first_occurrence(text: str, org: cand.OrgCandidate) -> _Found:
    """Where the article first writes the full name (else its first shorter spelling)."""
    full = re.search(rf"(?<![\w]){re.escape(org.name)}(?![\w])", text)
    if full:
        return _Found(org.name, full.start(), full.end())
    occ = _occurrences(text, [org])
    start, end, _ = occ[0] if occ else (org.first, org.first + len(org.name), org)
    return _Found(org.name, start, end)


def _valuation_strength(window: str, after: str) -> int:
    """How surely a valuation-like mention is the valuation this deal sets (0: it is not).

    A market value ("shares rose, valuing the group at"), a price per share, a relative clause
    about another company ("which is valued at") and history ("last valued at") are not.
    """
    sentence = window[max(window.rfind(". "), window.rfind("\n")) + 1 :]
    after = after.split(". ", 1)[0]
    if _PAST_VALUATION.search(sentence + " " + after) or _MARKET_VALUE.search(sentence):
        return 0
    if re.match(r"\s*(?:each|a share|per share)", after):
        return 0
    if _STRONG_VALUATION.search(sentence) or re.match(
        r"\s*(?:post-money |pre-money )?valuation", after
    ):
        return 2
    return 1


def _money_roles(
    text: str, region_end: int, deal_type: DealType | None = None
) -> tuple[list[MoneyMention], list[MoneyMention]]:
    """Split money mentions into deal-amount candidates and valuation candidates.

    Valuations come back strongest first, then in order of appearance. Where investors buy a
    part of a company, "would value the company at $12 billion" is a valuation; where a buyer
    takes the whole, the same words state the price, so they stay an amount.
    """
    part = deal_type in _PART_DEALS
    earlier = _earlier_deal_sentences(text[:region_end])
    amounts: list[MoneyMention] = []
    valuations: list[tuple[int, MoneyMention]] = []
    for mention in find_money(text):
        window = text[max(0, mention.start - 60) : mention.start]
        after = text[mention.end : mention.end + 40]
        if (
            (_VALUATION_CONTEXT.search(window[-30:]) and not _DEAL_VALUE_CONTEXT.search(window))
            or re.match(r"\s*(?:post-money |pre-money )?valuation", after)
            or (part and (_WOULD_VALUE.search(window) or re.match(r"\s*value\b", after, re.I)))
        ):
            strength = _valuation_strength(
                text[max(0, mention.start - 200) : mention.start],
                text[mention.end : mention.end + 80],
            )
            if strength:
                valuations.append((strength, mention))
            continue
        if mention.value < 1e5 and mention.value != int(mention.value):
            continue  # "$83.50", "CHF 84.10": share prices, not deal sizes
        if _DISTRACTOR_CONTEXT.search(window[-40:] + " " + after[:25]):
            continue
        if re.match(r"\s*(?:a|per|each)\s+(?:\w+\s+)?share", after):
            continue
        if _COMBINED_SIZE.search(window):
            continue  # "talks to create a ¥1.4tn chemicals group": the merged group's size
        if "(" in window[-3:] or mention.start > region_end:
            continue  # a conversion in brackets, or past the lede
        if any(s.start <= mention.start < s.end for s in earlier):
            continue  # "when it raised $400 million in January": an earlier deal's size
        amounts.append(mention)
    ranked = sorted(valuations, key=lambda v: (-v[0], v[1].start))
    return amounts, [mention for _, mention in ranked]


_CREDIT_LINE = re.compile(
    r"^\((?:(?:Additional )?[Rr]eporting|Writing|Editing|Compiled) by [^)\n]*\)[ \t]*$", re.M
)
"""A wire story's credit line, "(Reporting by Freja Lindholm in Copenhagen; Editing by ...)":
its names are reporters and places, never a deal's parties."""


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


async def fielded(ctx: CallContext, article: Article) -> DealSummary:
    """Build a DealSummary from article spans, cue rules and constrained model choices."""
    text = article.text
    settings = {
        "lede_chars": 1400,
        "max_orgs": 10,
        "use_role_rules": True,
        **ctx.prompt.meta.settings,
    }
    head = lede(text, int(settings["lede_chars"]))
    region_end = len(head)

    # cues: type, status, consideration
    type_cue = _type_cue(text, region_end)
    if type_cue is None:
        return DealSummary(headline=_headline(article), deal_type=None, status=None)
    deal_type = DealType(type_cue[0])
    stake = _stake_in_lede(text, region_end)
    if stake and deal_type is DealType.acquisition and stake[0] < 100:
        deal_type = DealType.minority_investment if stake[0] < 50 else DealType.majority_stake
    # The lede states where the deal stands; the body retells history ("talks collapsed in 2019").
    status_cue = _status(text, region_end)
    status = DealStatus(status_cue[0]) if status_cue else DealStatus.announced
    if deal_type is DealType.funding_round and status_cue and status_cue[0] == "rumored":
        status = DealStatus.in_talks

    # candidates and roles
    orgs = cand.find_orgs(_CREDIT_LINE.sub(_blank, text), limit=int(settings["max_orgs"]))
    roles = _rule_roles(text, region_end, orgs) if settings["use_role_rules"] else _Roles()
    names = [o.name for o in orgs]
    by_name = {o.name: o for o in orgs}
    parties: list[Party] = []

    def add(found: _Found | None, role: Role) -> None:
        if found and found.value in by_name:
            found = _first_occurrence(text, by_name[found.value])
        if found and all(p.name != found.value for p in parties):
            parties.append(
                Party(name=found.value, role=role, evidence=_evidence(text, found.start, found.end))
            )

    if deal_type in (DealType.merger, DealType.joint_venture) and not roles.partners:
        first_two = sorted(orgs[:2], key=lambda o: o.first)
        roles.partners = [_first_occurrence(text, o) for o in first_two]
    if roles.partners and deal_type in (DealType.merger, DealType.joint_venture):
        role = Role.merger_partner if deal_type is DealType.merger else Role.investor
        for found in roles.partners:
            add(found, role)
    elif deal_type in (DealType.funding_round, DealType.other):
        # "other" comes only from secondary-sale cues: investors buy a company's existing
        # shares, so its parties are those of a round: the company, a lead, investors.
        if deal_type is DealType.other and roles.target is None:
            roles.target = _headline_company(text, region_end, orgs)
        if roles.target is None:
            choice = await _choose(ctx, "target", names, head)
            roles.target = _first_occurrence(text, by_name[choice]) if choice else None
        add(roles.target, Role.target)
        if roles.lead is None:
            roles.lead = _lead_investor(text, region_end, orgs, roles.target)
        if roles.lead is None and _LED_BY.search(text):
            options = [n for n in names if not roles.target or n != roles.target.value]
            choice = await _choose(ctx, "lead", options, head)
            roles.lead = _first_occurrence(text, by_name[choice]) if choice else None
        add(roles.lead, Role.lead_investor)
        taken = {p.name for p in parties}
        for found in _investors(text, orgs, taken):
            add(found, Role.investor)
    else:
        if roles.buyer is None:
            choice = await _choose(ctx, "buyer", names, head)
            roles.buyer = _first_occurrence(text, by_name[choice]) if choice else None
        if roles.target is None:
            options = [n for n in names if not roles.buyer or n != roles.buyer.value]
            choice = await _choose(ctx, "target", options, head)
            roles.target = _first_occurrence(text, by_name[choice]) if choice else None
        buyer_role = (
            Role.investor
            if deal_type in (DealType.minority_investment, DealType.funding_round)
            else Role.acquirer
        )
        add(roles.buyer, buyer_role)
        add(roles.seller, Role.seller)
        add(roles.target, Role.target)

    # amount and valuation
    amounts, valuations = _money_roles(text, region_end, deal_type)
    amount = None
    if amounts:
        chosen = _headline_amount(text, amounts)
        if chosen is None:
            options = list(dict.fromkeys(m.text for m in amounts))
            choice = await _choose(ctx, "amount", options, head)
            chosen = next((m for m in amounts if m.text == choice), amounts[0])
        amount = chosen.to_money()
        amount.evidence = _evidence(text, chosen.start, chosen.end)
    valuation = None
    if valuations:
        first_valuation = valuations[0]
        valuation = first_valuation.to_money()
        valuation.evidence = _evidence(text, first_valuation.start, first_valuation.end)

    summary = DealSummary(
        headline=_headline(article),
        deal_type=deal_type,
        status=status,
        parties=parties,
        amount=amount,
        valuation=valuation,
        stake_percent=None,
        consideration=None,
        announced_on=None,
        sources=_sources(text, _principals(parties, by_name)),
        key_people=_people(text),
        key_facts=_facts(text, region_end),
    )
    summary.evidence["deal_type"] = _evidence(text, type_cue[1].start, type_cue[1].end)
    if status_cue:
        summary.evidence["status"] = _evidence(text, status_cue[1].start, status_cue[1].end)
    _stake(summary, text, region_end, deal_type)
    _consideration(summary, text, region_end, deal_type)
    _date(summary, text)
    return summary


_SPACE = re.compile(r"\s*")


def _headline_amount(text: str, amounts: list[MoneyMention]) -> MoneyMention | None:
    """The deal's size where the headline and the paragraph after it state the same figure:
    the body's parts of a price (cash now, an earn-out later) are then no rivals."""
    headline_end = text.find("\n")
    if not 0 < headline_end < 250:
        return None  # no headline line
    blank = _SPACE.match(text, headline_end)
    start = blank.end() if blank else headline_end
    first_end = text.find("\n", start)
    first_end = len(text) if first_end == -1 else first_end
    in_headline = {(m.value, m.currency) for m in amounts if m.start < headline_end}
    return next(
        (
            m
            for m in amounts
            if headline_end <= m.start < first_end and (m.value, m.currency) in in_headline
        ),
        None,
    )


_HEDGE = re.compile(
    r"(?:\bif|would|could|yet to|\bnot|being|still|before|once|until|unless|may|might)"
    r"\s+(?:\w+\s+){0,2}$",
    re.I,
)


_AFTER_ENDING = re.compile(r"\b(?:after|since|following)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
"""An ending told as what came before: "two weeks after abandoning a larger acquisition", "a
fortnight after Karrawong called off its agreement" is another deal's end, not this one's."""


def _status(text: str, region_end: int) -> tuple[str, cues.Cue] | None:
    """Where the deal stands, from the lede's cue phrases.

    Hedged cues ("if finalized", "could be announced") say nothing about the present stage.
    Rumour cues ("reportedly", "people familiar") qualify the source, not the stage, so they
    decide only when no stage cue is present. The body is read only when the lede is silent:
    it retells history ("talks collapsed in 2019"). Stages cued equally go to the one the text
    states first: a lede opens with the news and then gives background ("is in talks to ...
    That round, which raised fresh capital, ...").
    """

    def usable(found: list[cues.Cue]) -> list[cues.Cue]:
        return [
            c
            for c in found
            if c.label not in {"completed", "terminated", "announced"}
            or not (
                _HEDGE.search(text[max(0, c.start - 30) : c.start])
                or (
                    c.label == "terminated"
                    and _AFTER_ENDING.search(text[max(0, c.start - 40) : c.start])
                )
            )
        ]

    found = usable(cues.find_cues(cues.STATUS_CUES, text[:region_end], region_end))
    if not found:
        found = usable(cues.find_cues(cues.STATUS_CUES, text, region_end))
    stage = [c for c in found if c.label != "rumored"]
    return cues.best_cue(stage or found, _STATUS_ORDER, first_wins_ties=True)


def _headline(article: Article) -> str:
    """The headline the page reader found; else the first line of six or more words, if short
    enough, or the first sentence."""
    if article.headline:
        return article.headline
    text = article.text
    for line in text.strip().split("\n")[:6]:
        line = line.strip()
        if line.endswith(("...", "…")) or line.lower().startswith("by"):
            continue  # page furniture ("Loading...", a byline), not a headline
        if len(line.split()) >= 6 and len(line) <= 200:
            return line
        if len(line.split()) >= 6:
            break
    first = cand.sentences(text)
    return first[0].text[:300] if first else text[:200]


_STAKE_PHRASE = re.compile(
    r"(?:buy|take|acquire|purchase|sell|subscribe|own|hold)\w* (?:up )?(?:a |an )?"
    r"(?:additional |further )?(?P<a>\d+(?:\.\d+)?)\s?(?:%|per ?cent)|"
    r"(?P<b>\d+(?:\.\d+)?)\s?(?:%|per ?cent) (?:stake|shareholding|interest)|"
    r"stake of (?P<c>\d+(?:\.\d+)?)\s?(?:%|per ?cent)",
    re.I,
)


def _stake_in_lede(text: str, region_end: int) -> tuple[float, cand.Span] | None:
    """The first stake the lede says changes hands ("buy a 24.9% stake", "take 25% of")."""
    for m in _STAKE_PHRASE.finditer(text, 0, region_end):
        if re.search(
            r"famil\w+|founders?|controls?|already", text[max(0, m.start() - 40) : m.start()], re.I
        ):
            continue  # who holds what today is not what the deal buys
        group = next(g for g in ("a", "b", "c") if m[g])
        value = float(m[group])
        pct_end = text.find("%", m.start(group))
        end = pct_end + 1 if 0 <= pct_end < m.end() else m.end()
        if 0 < value <= 100:
            return value, cand.Span(text[m.start(group) : end], m.start(group), end)
    return None


def _stake(summary: DealSummary, text: str, region_end: int, deal_type: DealType) -> None:
    if deal_type in (DealType.merger, DealType.funding_round):
        return
    found = _stake_in_lede(text, region_end)
    if found:
        summary.stake_percent = found[0]
        summary.evidence["stake_percent"] = _evidence(text, found[1].start, found[1].end)


_UNDECIDED_PAYMENT = re.compile(
    r"(?:not (?:yet )?(?:agreed|decided)|undecided|yet to decide)[^.]{0,60}"
    r"\b(?:cash|shares|stock)\b"
    r"|\b(?:cash|shares|stock),? (?:or|and/or) (?:in )?(?:its own )?(?:cash|shares|stock)\b",
    re.I,
)
"""The article says the form of payment is still open: no consideration to report."""


def _consideration(summary: DealSummary, text: str, region_end: int, deal_type: DealType) -> None:
    """How the price is paid, from cue phrases; a phrase inside a longer one ("in cash" in "in
    cash and stock") counts only as the longer one."""
    if deal_type in (DealType.funding_round, DealType.joint_venture):
        return
    if _UNDECIDED_PAYMENT.search(text):
        return
    found_cues = cues.outermost(cues.find_cues(cues.CONSIDERATION_CUES, text, region_end))
    found = cues.best_cue(found_cues, _CONSIDERATION_ORDER, minimum=2.0)
    if found:
        summary.consideration = Consideration(found[0])
        summary.evidence["consideration"] = _evidence(text, found[1].start, found[1].end)


_ANNOUNCED_AT = re.compile(
    r"\b(?:(?:first|originally|initially) announced|"
    r"(?:deal|transaction|acquisition|agreement|merger|offer) was announced|"
    r"(?:deal|transaction|acquisition|takeover|agreement|merger|purchase) (?:it|they|that|which) "
    r"(?:first )?announced|"
    r"(?:had|has|have) announced (?:the|its|their) (?:deal|transaction|acquisition|takeover|"
    r"agreement|merger|purchase)) (?:on )?",
    re.I,
)
"""Words before the announcement date in a later report: "a transaction it first announced on
March 3", "The deal, first announced on January 14, 2025, closed ...", "a takeover it announced
on 6 October last year"."""


def _date(summary: DealSummary, text: str) -> None:
    """announced_on: the date the article says the deal was first announced, else the lede's
    first full date. A report of a closing is dated by the closing; its announcement date is
    the one it names as such (without a year, the year that puts it before the lede's date)."""
    dates = cand.find_dates(text[:600])
    found = _announcement_date(text, dt.date.fromisoformat(dates[0][0]) if dates else None)
    if found is None and dates:
        iso, span = dates[0]
        found = dt.date.fromisoformat(iso), span.start, span.end
    if found is not None:
        summary.announced_on = found[0]
        summary.evidence["announced_on"] = _evidence(text, found[1], found[2])


def _announcement_date(text: str, dated: dt.date | None) -> tuple[dt.date, int, int] | None:
    """The date after "first announced on" (and where it is written), or None."""
    for cue in _ANNOUNCED_AT.finditer(text):
        at = cue.end()
        full = cand.find_dates(text[at : at + 40])
        if full and full[0][1].start == 0:
            return dt.date.fromisoformat(full[0][0]), at, at + full[0][1].end
        short = cand.month_day_at(text, at)
        if short and dated is not None:
            month, day_of_month, span = short
            try:
                day = dt.date(dated.year, month, day_of_month)
            except ValueError:
                continue
            if day > dated:
                day = day.replace(year=dated.year - 1)
            return day, span.start, span.end
    return None


_SAYS = r"(?:(?:said|says|confirmed|disclosed)\b|announced (?:on|that|in a)\b)"
_NOT_SPEAKER = (
    r"(?! (?:the |a |one |two |three |several )?(?:people|person|sources|analysts|officials)\b)"
)
"""Inverted attribution names its speaker after the verb: in "negotiating with its owner,
Calder Ridge, for weeks, said the people" Calder Ridge is not speaking."""
_BOTH_SAY = re.compile(
    rf"\b(?:the (?:two )?companies|both companies|the boards of both companies) {_SAYS}", re.I
)


Principals = Sequence[tuple[str, tuple[str, ...]]]
"""Each principal party's name with the shorter spellings the article uses for it."""


def _company_sources(text: str, principals: Principals) -> list[Source]:
    """The deal's own companies as sources: "Acme said on Monday", "Acme, the Ohio toolmaker,
    said", "the two companies said" (both principals, as one joint source)."""
    found: list[tuple[int, Source]] = []
    for name, forms in principals:
        spellings = "|".join(re.escape(f) for f in sorted({name, *forms}, key=len, reverse=True))
        said = re.search(rf"\b(?:{spellings})(?:, [^,.]{{1,80}},)? {_SAYS}{_NOT_SPEAKER}", text)
        if said:
            evidence = _evidence(text, said.start(), said.end())
            found.append(
                (said.start(), Source(name=name, kind=cues.SourceKind.company, evidence=evidence))
            )
    both = _BOTH_SAY.search(text)
    if both and len(principals) >= 2:
        joint = f"{principals[0][0]} and {principals[1][0]}"
        evidence = _evidence(text, both.start(), both.end())
        found.append(
            (both.start(), Source(name=joint, kind=cues.SourceKind.company, evidence=evidence))
        )
    return [source for _, source in sorted(found, key=lambda f: f[0])]


_COUNTED = re.compile(r"^(?:a|one|two|three|four|several) (?=persons?|people)")
_PERSON = re.compile(r"^persons?\b")


def _sources(text: str, principals: Principals = ()) -> list[Source]:
    sources: list[Source] = []
    seen: set[str] = set()
    for pattern, kind, name in cues.SOURCE_PATTERNS:
        for m in pattern.finditer(text):
            label = name or m.group().strip()
            if kind is cues.SourceKind.outlet:
                label = re.sub(r"^the ", "", label, flags=re.I)
                kind_here = cues.source_kind(label)
            else:
                kind_here = kind
            key = label.lower()
            if kind_here is cues.SourceKind.anonymous:  # "three people familiar with ..." is
                key = _PERSON.sub("people", _COUNTED.sub("", key))  # "people familiar with ..."
            if key in seen:
                continue
            seen.add(key)
            sources.append(
                Source(name=label, kind=kind_here, evidence=_evidence(text, m.start(), m.end()))
            )
    named = [s for s in _company_sources(text, principals) if s.name.lower() not in seen]
    if named:  # the statement is the named company speaking: one source, with its name
        sources = [s for s in sources if s.name != "company statement"]
    return [*sources, *named][:5]


def _principals(parties: list[Party], by_name: dict[str, cand.OrgCandidate]) -> Principals:
    """Each non-advisor party's name with the shorter spellings the article also uses."""
    return [
        (p.name, by_name[p.name].spellings if p.name in by_name else (p.name,))
        for p in parties
        if p.role is not Role.advisor
    ]


def _people(text: str) -> list[Person]:
    return [
        Person(
            name=p.name,
            title=p.title,
            organization=p.organization,
            evidence=_evidence(text, p.start, p.end),
        )
        for p in find_people(text)
    ]


def _facts(text: str, region_end: int) -> list[KeyFact]:
    """The lede's sentences (the writer's own summary), sentences stating a valuation, then the
    first sentence on each deal term the lede may leave to the body (``FACT_CUES``).

    Valuations the deal does not set (a last round, a tender offer) are still facts worth
    keeping: consolidation labels them apart instead of calling them conflicts.
    """
    sentences = [s for s in cand.sentences(text) if 40 <= len(s.text) <= 400]
    facts = [
        sentence
        for sentence in cand.sentences(text[:region_end])[1:4]
        if 40 <= len(sentence.text) <= 400
    ][:3]
    taken = {f.start for f in facts}
    for sentence in sentences:
        if len(facts) >= LEDE_AND_VALUATION_FACTS:
            break
        if (
            sentence.start not in taken
            and _VALUATION_CONTEXT.search(sentence.text)
            and find_money(sentence.text)
        ):
            facts.append(sentence)
            taken.add(sentence.start)
    for cue in FACT_CUES:
        if len(facts) >= MOST_FACTS:
            break
        if any(cue.search(f.text) for f in facts):
            continue  # the lede already states it
        found = next((s for s in sentences if s.start not in taken and cue.search(s.text)), None)
        if found is not None:
            facts.append(found)
            taken.add(found.start)
    facts.sort(key=lambda f: f.start)
    return [KeyFact(text=f.text, evidence=_evidence(text, f.start, f.end)) for f in facts]
