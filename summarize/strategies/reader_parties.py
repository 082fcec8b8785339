"""The reader's parties: the model's names, with roles checked against the deal sentence.

A small model reads who takes part well but mixes up who does what: it swaps buyer and target
in a rumour story, puts a round's company where its lead belongs, forgets the seller. The
sentence rules (``fields.roles``) read roles only where a lede sentence says so plainly ("X
agreed to buy Y from Z", "Y raised ... led by X"), and there they are right, so they correct the
model's roles and add a seller it left out; everything else is the model's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.fields.mentions import Found, evidence
from summarize.fields.orgs import OrgCandidate, find_orgs, without_credit_lines
from summarize.fields.party_names import found_names
from summarize.fields.roles import Roles, rule_roles
from summarize.names import same_entity
from summarize.schema import DealType, Party, Role
from summarize.strategies.reader_answer import ReaderAnswer
from summarize.text.phrases import pattern
from summarize.text.places import is_place

BUYER_ROLE = {
    DealType.funding_round: Role.investor,
    DealType.minority_investment: Role.investor,
    DealType.joint_venture: Role.investor,
    DealType.merger: Role.merger_partner,
}
"""The buyer's role by deal type; acquisitions, stakes of control and asset sales: acquirer."""
TARGET_ROLE = {DealType.merger: Role.merger_partner}
BIDDER = pattern("roles", "bidder_before")
LED_BY_BEFORE = re.compile(r"\b(?:co-)?led by\s+(?:[^.;,]{0,40}\s)?$", re.I)
VENTURE_NAMED = re.compile(r"(?:venture|called|named|new (?:company|entity|business))\W+$", re.I)
"""Words right before the new venture's name: "a joint venture, Halvar Cells"."""
ROUNDS = (DealType.funding_round, DealType.other)


@dataclass
class Named:
    """One company the answer names, where the article writes it, and its role."""

    name: str
    span: tuple[int, int]
    role: Role

    def same(self, found: Found | None) -> bool:
        return found is not None and same_entity(self.name, str(found.value))


def _named(answer: ReaderAnswer, kind: DealType, text: str) -> list[Named]:
    roles: list[tuple[str | None, Role]] = [
        (answer.buyer, BUYER_ROLE.get(kind, Role.acquirer)),
        (answer.target, TARGET_ROLE.get(kind, Role.target)),
        (answer.seller, Role.seller),
        (answer.lead, Role.lead_investor),
        *((name, Role.investor) for name in answer.investors),
    ]
    named: list[Named] = []
    for raw, role in roles:
        for written, span in found_names(raw, text):
            if (
                kind is DealType.joint_venture
                and role is Role.target
                and not _is_venture(text, written)
            ):
                role = Role.investor  # the model's "target" is the other partner
            if not any(same_entity(written, n.name) for n in named):
                named.append(Named(written, span, role))
    return named


def _is_venture(text: str, name: str) -> bool:
    """Whether the article introduces ``name`` as the new venture ("a joint venture, X")."""
    at = text.find(name)
    return at > 0 and VENTURE_NAMED.search(text[max(0, at - 40) : at]) is not None


def _after(phrase: re.Pattern[str], text: str, name: str, within: int = 2000) -> bool:
    """Whether the article writes ``name`` right after words ``phrase`` ends on."""
    for m in re.finditer(re.escape(name), text[:within]):
        if phrase.search(text[max(0, m.start() - 150) : m.start()]):
            return True
    return False


def _checked(named: list[Named], rules: Roles, kind: DealType, text: str) -> None:
    """Correct the model's roles where the deal sentence states them."""
    buyer = next((n for n in named if n.role in (Role.acquirer, Role.investor)), None)
    target = next((n for n in named if n.role is Role.target), None)
    if kind in ROUNDS:
        if target is not None and buyer is not None and _after(LED_BY_BEFORE, text, target.name):
            buyer.role, target.role = Role.target, Role.lead_investor  # "a round led by X"
        for entry in named:
            if entry.same(rules.target):
                entry.role = Role.target
            elif entry.same(rules.lead):
                entry.role = Role.lead_investor
        return
    if kind in (DealType.merger, DealType.joint_venture):
        return
    if buyer and target and buyer.same(rules.target) and target.same(rules.buyer):
        buyer.role, target.role = target.role, buyer.role  # the sentence says who buys whom
    elif (
        buyer
        and target
        and _after(BIDDER, text, target.name)
        and not _after(BIDDER, text, buyer.name)
    ):
        buyer.role, target.role = target.role, buyer.role  # "rejected an offer from X"
    if target is not None and target.same(rules.seller) and rules.target is not None:
        target.role = Role.seller  # "buy Y from Z": the model took the owner for the target


def _candidates(named: list[Named], text: str) -> list[OrgCandidate]:
    """The companies the sentence rules may assign roles to: the model's, then the parser's
    (places and names the model already gave left out)."""
    own = [OrgCandidate(n.name, n.span[0], 1) for n in named]
    others = [
        o
        for o in find_orgs(without_credit_lines(text))
        if not is_place(o.name, text) and not any(same_entity(o.name, n.name) for n in named)
    ]
    return own + others


def reader_parties(
    answer: ReaderAnswer, kind: DealType, text: str, region_end: int, *, check: bool = True
) -> tuple[list[Party], tuple[int, int] | None, bool]:
    """The parties, where the first is named, and whether the rules changed or added any
    (``check=False``: the model's names and roles alone)."""
    named = _named(answer, kind, text)
    rules = rule_roles(text, region_end, _candidates(named, text)) if check else Roles()
    before = [n.role for n in named]
    _checked(named, rules, kind, text)
    changed = before != [n.role for n in named]
    has_seller = any(n.role is Role.seller for n in named)
    if rules.seller and not has_seller and not any(n.same(rules.seller) for n in named):
        seller = rules.seller
        named.append(Named(str(seller.value), (seller.start, seller.end), Role.seller))
        changed = True
    parties = [Party(name=n.name, role=n.role, evidence=evidence(text, *n.span)) for n in named]
    return parties, (named[0].span if named else None), changed


__all__ = ["reader_parties"]
