"""The deal's parties with their roles: the rules' roles first, a chooser for the rest.

Which roles a deal has depends on its type: merger partners, or a round's company, lead and
investors, or a buyer, a target and perhaps a seller. Where the sentence rules leave a role
open, the chooser picks among the organization candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarize.fields.choice import Chooser
from summarize.fields.investors import headline_company, investors, lead_investor
from summarize.fields.mentions import Found, evidence, first_occurrence
from summarize.fields.orgs import OrgCandidate
from summarize.fields.roles import LED_BY, Roles
from summarize.schema import DealType, Party, Role

PARTNER_DEALS = (DealType.merger, DealType.joint_venture)
ROUND_DEALS = (DealType.funding_round, DealType.other)
"""Deals with a round's parties: the company, a lead, investors. "other" comes only from
secondary-sale cues: investors buy a company's existing shares."""
INVESTOR_BUYS = (DealType.minority_investment, DealType.funding_round)
"""Deals whose buyer is an investor, not an acquirer."""


@dataclass
class PartyList:
    """Parties in the order found, each once, quoted where the article first writes them."""

    text: str
    by_name: dict[str, OrgCandidate]
    parties: list[Party] = field(default_factory=list)
    by_model: bool = False
    """Whether a model's choice named one of the parties."""

    def add(self, found: Found | None, role: Role, *, chosen: bool = False) -> None:
        if found and found.value in self.by_name:
            found = first_occurrence(self.text, self.by_name[found.value])
        if found and all(p.name != found.value for p in self.parties):
            quote = evidence(self.text, found.start, found.end)
            self.parties.append(Party(name=found.value, role=role, evidence=quote))
            self.by_model |= chosen

    def names(self) -> set[str]:
        return {p.name for p in self.parties}


async def read_parties(
    text: str,
    region_end: int,
    kind: DealType,
    orgs: list[OrgCandidate],
    roles: Roles,
    choose: Chooser,
) -> PartyList:
    """The parties of a deal of type ``kind``; ``roles`` holds what the sentence rules found."""
    names = [o.name for o in orgs]
    found = PartyList(text, {o.name: o for o in orgs})

    async def pick(block: str, options: list[str]) -> tuple[Found | None, bool]:
        choice = await choose(block, options)
        if not choice.answer:
            return None, False
        return first_occurrence(text, found.by_name[choice.answer]), choice.by_model

    if kind in PARTNER_DEALS and not roles.partners:
        first_two = sorted(orgs[:2], key=lambda o: o.first)
        roles.partners = [first_occurrence(text, o) for o in first_two]
    if roles.partners and kind in PARTNER_DEALS:
        role = Role.merger_partner if kind is DealType.merger else Role.investor
        for partner in roles.partners:
            found.add(partner, role)
    elif kind in ROUND_DEALS:
        target_chosen = lead_chosen = False
        if kind is DealType.other and roles.target is None:
            roles.target = headline_company(text, region_end, orgs)
        if roles.target is None:
            roles.target, target_chosen = await pick("target", names)
        found.add(roles.target, Role.target, chosen=target_chosen)
        if roles.lead is None:
            roles.lead = lead_investor(text, region_end, orgs, roles.target)
        if roles.lead is None and LED_BY.search(text):
            target = roles.target
            options = [n for n in names if not target or n != target.value]
            roles.lead, lead_chosen = await pick("lead", options)
        found.add(roles.lead, Role.lead_investor, chosen=lead_chosen)
        for investor in investors(text, orgs, found.names()):
            found.add(investor, Role.investor)
    else:
        buyer_chosen = target_chosen = False
        if roles.buyer is None:
            roles.buyer, buyer_chosen = await pick("buyer", names)
        if roles.target is None:
            buyer = roles.buyer
            options = [n for n in names if not buyer or n != buyer.value]
            roles.target, target_chosen = await pick("target", options)
        buyer_role = Role.investor if kind in INVESTOR_BUYS else Role.acquirer
        found.add(roles.buyer, buyer_role, chosen=buyer_chosen)
        found.add(roles.seller, Role.seller)
        found.add(roles.target, Role.target, chosen=target_chosen)
    return found
