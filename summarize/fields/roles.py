"""Buyer, target, seller, lead and partners from the sentence around the first deal verb.

News names a deal's subject before its verb and the object after it: "Halvorsen Foods agreed to
buy Pellucid Brands from Vantor Group". Where no lede sentence names two candidates around a
deal verb, the roles stay open for the strategy to settle (a model choosing among candidates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.fields.mentions import Found, Occurrence, found_at, occurrences
from summarize.fields.orgs import OrgCandidate
from summarize.text.phrases import pattern
from summarize.text.sentences import sentence_around

DEAL_VERB = pattern("roles", "deal_verb")
"""A verb whose subject and object are the deal's buyer and target (group ``verb``)."""
LED_BY = pattern("roles", "led_by")
FROM_OWNER = pattern("roles", "from_owner")
"""Between the target and its seller: "buy Pellucid from private equity owner Vantor"."""
DESCRIPTOR = pattern("roles", "descriptor")
PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|was|are|were)\s+$", re.I)
PASSIVE_AFTER = re.compile(r"\s+by\b", re.I)
"""A passive deal verb names the target first: "Vellamy has agreed to be bought by Corsant"."""
"""Between a descriptor's name and the company it describes: "buy Crunchettes maker Pellucid"."""


@dataclass
class Roles:
    """Who does what in the deal, as far as the rules can tell (None: not settled)."""

    buyer: Found | None = None
    target: Found | None = None
    lead: Found | None = None
    investors: list[Found] | None = None
    partners: list[Found] | None = None
    seller: Found | None = None


def rule_roles(text: str, region_end: int, orgs: list[OrgCandidate]) -> Roles:
    """Subject and object of the first deal verb whose sentence names two candidates."""
    found = occurrences(text, orgs)
    roles = Roles()
    for verb in DEAL_VERB.finditer(text, 0, region_end):
        # As recorded: "Halvorsen Foods N.V. has agreed to buy ..." is cut at "N.V.", so the
        # model is asked; abbreviations=True lets the rules decide (re-record cassettes first).
        s_start, s_end = sentence_around(text, verb.start(), verb.end(), abbreviations=False)
        before = [o for o in found if s_start <= o[0] and o[1] <= verb.start()]
        after = [o for o in found if verb.end() <= o[0] and o[1] <= s_end]
        word = verb.group("verb").lower()
        if word.startswith("rais"):
            if before:
                roles.target = found_at(before[-1])
                led = LED_BY.search(text, verb.end(), s_end)
                if led:
                    leads = [o for o in after if o[0] >= led.end()]
                    if leads:
                        roles.lead = found_at(leads[0])
                return roles
            continue
        if word.startswith("merge"):
            if before and after:
                roles.partners = [found_at(o) for o in (before[-1], after[0])]
                return roles
            continue
        after = skip_descriptors(text, after)
        if not (before and after) or before[-1][2] is after[0][2]:
            continue
        subject, obj = before[-1], after[0]
        if text.startswith(("'s", "’s"), obj[1]):
            continue  # "buys 24.9% of Vantor's fibre unit": the target is named later
        if word.startswith(("sell", "sold")):
            roles.seller = found_at(subject)
            to = re.search(r"\bto\b", text[verb.end() : s_end])
            buyers = [o for o in after if to and o[0] >= verb.end() + to.end()]
            if buyers:
                roles.buyer = found_at(buyers[0])
            return roles
        if PASSIVE_BEFORE.search(text, s_start, verb.start()) and PASSIVE_AFTER.match(
            text, verb.end()
        ):
            subject, obj = obj, subject
        roles.buyer = found_at(subject)
        roles.target = found_at(obj)
        owner = seller(text, region_end, found, obj[2], subject[2])
        if owner is not None:
            roles.seller = found_at(owner)
        return roles
    return roles


def seller(
    text: str,
    region_end: int,
    found: list[Occurrence],
    target: OrgCandidate,
    buyer: OrgCandidate,
) -> Occurrence | None:
    """The company the lede says the target comes from ("Pellucid ... from Vantor"), in any
    lede sentence that names the target: a headline often leaves the seller out."""
    for i, (_, end, org) in enumerate(found):
        if org is not target or end > region_end:
            continue
        _, s_end = sentence_around(text, end, end)
        for other in found[i + 1 :]:
            if other[0] > s_end:
                break
            if other[2] not in (target, buyer) and FROM_OWNER.match(text, end, other[0]):
                return other
    return None


def skip_descriptors(text: str, after: list[Occurrence]) -> list[Occurrence]:
    """'buy Crunchettes maker Pellucid': the object is the name after the descriptor."""
    while len(after) > 1 and DESCRIPTOR.match(text[after[0][1] : after[1][0]]):
        after = after[1:]
    return after
