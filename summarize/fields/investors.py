"""Who puts money in: the lead investor, the other investors, and the company a share sale is
about. Places, registries, analysts and their firms, and an earlier round's backers are not."""

from __future__ import annotations

import re

from summarize.fields.history import earlier_deal_sentences, in_earlier_deal
from summarize.fields.mentions import Found, occurrences
from summarize.fields.orgs import OrgCandidate
from summarize.fields.people import find_commentators
from summarize.text.phrases import pattern
from summarize.text.places import is_place
from summarize.text.sentences import sentence_around, sentences

INVESTOR_SENTENCE = pattern("investors", "investor_sentence")
"""A sentence about who put money in."""
LED_BY_BEFORE = pattern("investors", "led_by_before")
LEADS_THE_ROUND = pattern("investors", "leads_the_round")
"""After a name: "Vantor Capital is in discussions to lead the round", "Vantor led the round"."""
FILED_WITH = pattern("investors", "filed_with")
"""Before a registry: papers filed with it name no investor."""


def headline_company(text: str, region_end: int, orgs: list[OrgCandidate]) -> Found | None:
    """The company a secondary sale is about: news of a share sale leads with the company whose
    shares change hands ("Orvane Robotics Said to Plan Share Sale"), in the headline or else
    the first sentence."""
    found = occurrences(text[:region_end], orgs)
    if not found:
        return None
    start, end, org = found[0]
    return Found(org.name, start, end) if start < sentence_around(text, 0, 0)[1] else None


def lead_investor(
    text: str, region_end: int, orgs: list[OrgCandidate], target: Found | None
) -> Found | None:
    """The lede's lead investor: named right after "led by", or before "leads the round"; a
    sentence about an earlier round ("in January, in a round led by Vantor") does not count."""
    leads = []
    for start, end, org in occurrences(text[:region_end], orgs):
        if target is not None and org.name == target.value:
            continue
        if in_earlier_deal(text[:region_end], start):
            continue
        before = text[max(0, start - 12) : start]
        if LED_BY_BEFORE.search(before) or LEADS_THE_ROUND.match(text, end):
            leads.append(Found(org.name, start, end))
    return leads[0] if leads else None


def registries(text: str, orgs: list[OrgCandidate]) -> set[str]:
    """Names the article files papers with, and the short form in brackets after one:
    "documents filed with the Registrar of Firms (RoF)" names a registry, not an investor."""
    found: set[str] = set()
    for org in orgs:
        for m in re.finditer(rf"(?<![\w]){re.escape(org.name)}(?![\w])", text):
            if FILED_WITH.search(text[max(0, m.start() - 40) : m.start()]):
                found.add(org.name)
                short = re.match(r"\s*\(([^()]{1,12})\)", text[m.end() :])
                if short:
                    found.add(short.group(1))
    return found


def investors(text: str, orgs: list[OrgCandidate], exclude: set[str]) -> list[Found]:
    """Candidates named in sentences about who put money in; places, registries, and the
    analysts quoted on the deal and their firms, excepted."""
    found: list[Found] = []
    commentators = find_commentators(text)
    seen = (
        set(exclude)
        | {org.name for org in orgs if is_place(org.name, text)}
        | registries(text, orgs)
        | {p.name for p in commentators}
        | {p.organization for p in commentators if p.organization}
    )
    earlier = {sentence.start for sentence in earlier_deal_sentences(text)}
    for sentence in sentences(text):
        if sentence.start in earlier or not INVESTOR_SENTENCE.search(sentence.text):
            continue
        for start, end, org in occurrences(sentence.text, orgs):
            if org.name not in seen:
                seen.add(org.name)
                found.append(Found(org.name, sentence.start + start, sentence.start + end))
    return found
