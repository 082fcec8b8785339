"""Amount and valuation candidates among the money mentions, and the headline's figure."""

from __future__ import annotations

import pytest

from summarize.fields.amount import headline_amount, money_roles
from summarize.schema import DealType


def roles_of(
    text: str, region_end: int | None = None, deal_type: DealType | None = None
) -> tuple[list[str], list[str]]:
    """(amount texts, valuation texts) as the strategy splits them."""
    end = len(text) if region_end is None else region_end
    amounts, valuations = money_roles(text, end, deal_type)
    return [m.text for m in amounts], [m.text for m in valuations]


@pytest.mark.parametrize(
    ("text", "amounts", "valuations"),
    [
        ("Halvorsen Foods will buy Pellucid Brands for $2 billion.", ["$2 billion"], []),
        ("Halvorsen Foods, which has a market value of $50 billion, agreed to buy Pellucid "
         "for $2 billion.", ["$2 billion"], []),
        ("Halvorsen has a market capitalisation of €9bn.", [], []),
        ("Pellucid had revenue of $300 million. Halvorsen will pay $2 billion.",
         ["$2 billion"], []),
        ("Pellucid reported annual sales of £80m.", [], []),
        ("Halvorsen will pay $83.50 per share for Pellucid.", [], []),
        ("Halvorsen offered 1,200 pence a share.", [], []),
        ("Halvorsen will pay €1 billion ($1.1 billion) for Pellucid.", ["€1 billion"], []),
        # Reported speech tells the news in the past perfect; a total raised is history.
        ("Orvane said on Tuesday it had raised $25 million.", ["$25 million"], []),
        ("The startup had raised $52 million from investors.", [], []),
        # "which was valued ... last spring" is history about the company, not this deal.
        ("Pellucid Labs, which was valued at $5 billion last spring, raised $300 million.",
         ["$300 million"], []),
        ("Orvane raised $300 million at a $2 billion valuation.", ["$300 million"],
         ["$2 billion"]),
        ("Halvorsen agreed to buy Pellucid in a deal valued at $4 billion.", ["$4 billion"], []),
        ("Halvorsen agreed a takeover worth $4 billion.", ["$4 billion"], []),
        # A company's worth is a market value, not the valuation a deal sets.
        ("Pellucid is worth $4 billion, analysts say.", [], []),
        ("The price values Orvane at about $2 billion.", [], ["about $2 billion"]),
        ("Orvane raised $35 million in 2023, a round that valued it at $210 million.",
         [], []),
        # A price "including debt" is the deal's enterprise value; debt itself is not the deal.
        ("Halvorsen will buy Pellucid for about €1.2 billion including debt.",
         ["about €1.2 billion"], []),
        ("Halvorsen will buy Pellucid for $4 billion including net debt.", ["$4 billion"], []),
        ("Pellucid carries $900 million of debt.", [], []),
        ("Halvorsen drew £450 million of a term loan to pay for it.", [], []),
        ("The deal brings £22 million in annual cost savings.", [], []),
        # A merger's combined size is not a price.
        ("Halvorsen and Pellucid are in talks to create a ¥1.4tn chemicals group.", [], []),
        ("Halvorsen and Pellucid will form a $2 billion joint venture.", ["$2 billion"], []),
    ],
)  # fmt: skip
def testmoney_roles(text: str, amounts: list[str], valuations: list[str]) -> None:
    assert roles_of(text) == (amounts, valuations)


@pytest.mark.parametrize(
    ("text", "deal_type", "amounts", "valuations"),
    [
        # Investors buying a part: what the deal would value the company at is its valuation.
        ("Investors would buy $600 million of Orvane shares in a tender offer that would value "
         "the company at $9 billion.", DealType.other, ["$600 million"], ["$9 billion"]),
        ("Orvane is in talks to raise $300 million in a round that would value it at about "
         "$4 billion.", DealType.funding_round, ["$300 million"], ["about $4 billion"]),
        ("Orvane Said to Plan Share Sale at $9 Billion Value", DealType.other, [], ["$9 Billion"]),
        # A buyer taking the whole: the same words state the price.
        ("Halvorsen is in talks to buy Pellucid in a deal that would value the unit at "
         "$1.4 billion.", DealType.acquisition, ["$1.4 billion"], []),
    ],
)  # fmt: skip
def test_would_value_is_a_valuation_only_where_investors_buy_a_part(
    text: str, deal_type: DealType, amounts: list[str], valuations: list[str]
) -> None:
    assert roles_of(text, deal_type=deal_type) == (amounts, valuations)


@pytest.mark.parametrize(
    "history",
    [
        "Orvane was valued at $1 billion in March, when it raised $80 million.",
        "The startup had earlier raised $5 million in a pre-seed round.",
        "Orvane was last valued at $1 billion after it raised $80 million.",
    ],
)
def test_an_earlier_deals_size_is_not_an_amount(history: str) -> None:
    text = f"Orvane is in talks to raise as much as $300 million. {history}"
    assert roles_of(text, deal_type=DealType.funding_round)[0] == ["as much as $300 million"]


@pytest.mark.parametrize(
    ("text", "chosen"),
    [
        ("Halvorsen to buy Pellucid for up to $410 million\nHalvorsen will buy Pellucid for up to "
         "$410 million, it said. It pays $350 million at completion and up to $60 million later.",
         "up to $410 million"),
        # Written differently, the same figure: "$1.1bn" and "$1.1 billion".
        ("Halvorsen buys Pellucid for $1.1bn\nHalvorsen will pay $1.1 billion for Pellucid.",
         "$1.1 billion"),
        # The first paragraph, however long: "U.S." does not end it.
        ("Halvorsen to buy Pellucid for up to $480 million\nHalvorsen said it would buy Pellucid, "
         "a U.S. developer of tests, for up to $480 million. It pays $400 million at closing.",
         "up to $480 million"),
        # Without the figure in both, the model chooses among the options.
        ("Halvorsen to buy Pellucid\nHalvorsen will pay $350 million now and $60 million later.",
         None),
        ("Halvorsen buys Pellucid for $410 million\nHalvorsen agreed it. It pays $350 million.",
         None),
    ],
)  # fmt: skip
def test_the_figure_headline_and_first_paragraph_share_is_the_amount(
    text: str, chosen: str | None
) -> None:
    amounts, _ = money_roles(text, len(text))
    found = headline_amount(text, amounts)
    assert (found.text if found else None) == chosen


def test_money_past_the_lede_is_not_an_amount() -> None:
    text = "Halvorsen will buy Pellucid for $2 billion. Much later, a $7 billion figure appeared."
    assert roles_of(text, region_end=text.index("Much"))[0] == ["$2 billion"]
    assert roles_of(text)[0] == ["$2 billion", "$7 billion"]


def test_valuations_stay_valuations_anywhere_in_the_text() -> None:
    text = "Orvane raised $30 million. " + "Filler sentence. " * 10 + "It is now valued at $1bn."
    assert roles_of(text, region_end=30) == (["$30 million"], ["$1bn"])
