"""The reader's parties: the model's names, roles corrected where the deal sentence says so."""

from __future__ import annotations

from typing import Any

import pytest

from summarize.schema import DealType, Role
from summarize.strategies.reader_answer import ReaderAnswer
from summarize.strategies.reader_parties import reader_parties

SALE = (
    "Tamsworth Group agreed to buy Pellbridge Logistics from Orvane Capital for $300 million, "
    "the companies said on Monday.\nThe deal is expected to close next year.\n"
)
ROUND = (
    "Brightmoss raised $35 million in a round led by Carrowfield Ventures, it said on Tuesday. "
    "Tamberlin Capital also took part.\n"
)
VENTURE = (
    "Halden Motors and Krisvar Energy will form a battery venture, Halvar Cells, investing "
    "$2 billion over five years.\n"
)


def roles(text: str, kind: DealType, check: bool = True, **answer: Any) -> dict[str, Role]:
    parties, _, _ = reader_parties(ReaderAnswer(**answer), kind, text, len(text), check=check)
    return {p.name: p.role for p in parties}


def test_a_swapped_buyer_and_target_are_put_back_as_the_sentence_says() -> None:
    answer = {"buyer": "Pellbridge Logistics", "target": "Tamsworth Group"}
    assert roles(SALE, DealType.acquisition, **answer) == {
        "Tamsworth Group": Role.acquirer, "Pellbridge Logistics": Role.target,
        "Orvane Capital": Role.seller,
    }  # fmt: skip
    assert roles(SALE, DealType.acquisition, check=False, **answer) == {
        "Pellbridge Logistics": Role.acquirer, "Tamsworth Group": Role.target,
    }  # fmt: skip


def test_the_owner_taken_for_the_target_becomes_the_seller() -> None:
    answer = {"buyer": "Tamsworth Group", "target": "Orvane Capital"}
    assert roles(SALE, DealType.acquisition, **answer)["Orvane Capital"] is Role.seller


def test_a_rounds_company_and_lead_follow_the_sentence() -> None:
    answer = {"buyer": "Brightmoss", "target": "Carrowfield Ventures",
              "investors": ["Tamberlin Capital"]}  # fmt: skip
    assert roles(ROUND, DealType.funding_round, **answer) == {
        "Brightmoss": Role.target, "Carrowfield Ventures": Role.lead_investor,
        "Tamberlin Capital": Role.investor,
    }  # fmt: skip


@pytest.mark.parametrize("kind", [DealType.joint_venture])
def test_joint_venture_partners_are_investors(kind: DealType) -> None:
    answer = {"buyer": "Halden Motors", "target": "Krisvar Energy"}
    assert roles(VENTURE, kind, **answer) == {
        "Halden Motors": Role.investor, "Krisvar Energy": Role.investor,
    }  # fmt: skip


def test_names_the_article_does_not_write_are_no_parties() -> None:
    assert roles(SALE, DealType.acquisition, buyer="Tamsworth Group", target="Zephyr Ltd") == {
        "Tamsworth Group": Role.acquirer, "Orvane Capital": Role.seller,
    }  # fmt: skip


REJECTED = (
    "Sorvik Ports rebuffs $1.3 billion approach\n"
    "The board of Sorvik Ports has rejected an unsolicited takeover proposal from logistics group "
    "Tamberlane Shipping, according to people familiar with the matter.\n"
)


def test_the_company_an_offer_comes_from_is_the_buyer() -> None:
    answer = {"buyer": "Sorvik Ports", "target": "Tamberlane Shipping"}
    assert roles(REJECTED, DealType.acquisition, **answer) == {
        "Tamberlane Shipping": Role.acquirer, "Sorvik Ports": Role.target,
    }  # fmt: skip
