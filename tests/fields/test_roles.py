"""Buyer, target and seller from the sentence around the deal verb."""

from __future__ import annotations

import pytest

from summarize.fields.mentions import Occurrence, occurrences
from summarize.fields.orgs import find_orgs
from summarize.fields.roles import rule_roles, skip_descriptors


def occurrences_after(text: str, word: str) -> list[Occurrence]:
    orgs = find_orgs(text)
    return [o for o in occurrences(text, orgs) if o[0] > text.index(word)]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Halvorsen Foods will buy Crunchettes maker Pellucid Brands for cash.", "Pellucid Brands"),
        ("Halvorsen Foods will buy Vantor's snack unit Pellucid Brands now.", "Pellucid Brands"),
        ("Halvorsen Foods will buy Crunchettes and Pellucid Brands for cash.", "Crunchettes"),
        ("Halvorsen Foods will buy Pellucid Brands from private equity owner Vantor Group.",
         "Pellucid Brands"),
        ("Halvorsen Foods will buy Gippsland organics recycler Pellucid Brands.",
         "Pellucid Brands"),
    ],
)  # fmt: skip
def testskip_descriptors(text: str, first: str) -> None:
    after = skip_descriptors(text, occurrences_after(text, "buy"))
    assert after[0][2].name == first


def testskip_descriptors_keeps_a_lone_candidate() -> None:
    text = "Halvorsen Foods will buy Pellucid Brands, a snack maker."
    after = occurrences_after(text, "buy")
    assert skip_descriptors(text, after) == after


@pytest.mark.parametrize(
    ("text", "buyer", "target"),
    [
        ("Halvorsen Foods agreed to buy Pellucid Brands for $2 billion.",
         "Halvorsen Foods", "Pellucid Brands"),
        ("Halvorsen Foods will buy Crunchettes maker Pellucid Brands.",
         "Halvorsen Foods", "Pellucid Brands"),
        ("Tindra Energy completed its acquisition of Kolvik Power on Monday.",
         "Tindra Energy", "Kolvik Power"),
        ("Kolvik Power has agreed to be bought by Tindra Energy for $3 billion.",
         "Tindra Energy", "Kolvik Power"),
        ("Kolvik Power is being acquired by Tindra Energy.", "Tindra Energy", "Kolvik Power"),
    ],
)  # fmt: skip
def testrule_roles_buyer_and_target(text: str, buyer: str, target: str) -> None:
    roles = rule_roles(text, len(text), find_orgs(text))
    assert roles.buyer is not None and roles.target is not None
    assert (roles.buyer.value, roles.target.value) == (buyer, target)
    assert text[roles.buyer.start : roles.buyer.end] == buyer


def testrule_roles_seller_and_buyer() -> None:
    text = "Vantor Group agreed to sell Pellucid Brands to Halvorsen Foods."
    roles = rule_roles(text, len(text), find_orgs(text))
    assert roles.seller is not None and roles.seller.value == "Vantor Group"
    assert roles.buyer is not None and roles.buyer.value == "Halvorsen Foods"


@pytest.mark.parametrize(
    "text",
    [
        "Halvorsen Foods is nearing a deal to buy Pellucid Brands from Vantor Group.",
        "Halvorsen Foods will buy Pellucid Brands from buyout firm Vantor Group for $2 billion.",
        "Halvorsen Foods will buy Pellucid Brands, from its owner Vantor Group.",
    ],
)
def testrule_roles_buy_from_names_the_seller(text: str) -> None:
    roles = rule_roles(text, len(text), find_orgs(text))
    assert roles.buyer is not None and roles.buyer.value == "Halvorsen Foods"
    assert roles.target is not None and roles.target.value == "Pellucid Brands"
    assert roles.seller is not None and roles.seller.value == "Vantor Group"


def testrule_roles_funding_round() -> None:
    text = "Orvane Labs raised $40 million in a round led by Brantwick Capital."
    roles = rule_roles(text, len(text), find_orgs(text))
    assert roles.target is not None and roles.target.value == "Orvane Labs"
    assert roles.lead is not None and roles.lead.value == "Brantwick Capital"


@pytest.mark.parametrize(
    ("text", "seller"),
    [
        ("Nordlys to buy Wrenfield\nNordlys Kraft agreed to buy Wrenfield Marine, a ferry "
         "operator, from private-equity firm Kintore Fells Capital.", "Kintore Fells Capital"),
        ("Nordlys Kraft is in talks to acquire Wrenfield Marine, the ferry business of Veltrix "
         "Group, people said.", "Veltrix Group"),
        ("Nordlys Kraft agreed to buy Wrenfield Marine. Veltrix Group, a rival, fell 3%.", None),
        ("Nordlys Kraft is in talks to buy Wrenfield Marine. It is negotiating with Wrenfield's "
         "owner, Norwegian investment firm Veltrix Group.", "Veltrix Group"),
    ],
)  # fmt: skip
def test_the_seller_is_read_from_any_lede_sentence_naming_the_target(
    text: str, seller: str | None
) -> None:
    roles = rule_roles(text, len(text), find_orgs(text, limit=10))
    assert (roles.seller.value if roles.seller else None) == seller
