"""The embedded strategy's rule parts: pure functions over article text, no model involved."""

from __future__ import annotations

from typing import Any

import pytest

from summarize.articles import make_article
from summarize.prompts import load_prompt
from summarize.providers import Endpoint
from summarize.retry import RetryPolicy
from summarize.schema import DealStatus, DealSummary, DealType, Role
from summarize.strategies import candidates as cand
from summarize.strategies.base import CallContext
from summarize.strategies.fielded import (
    _consideration,
    _date,
    _earlier_deal_sentences,
    _facts,
    _Found,
    _headline_amount,
    _investors,
    _is_place,
    _lead_investor,
    _money_roles,
    _occurrences,
    _rule_roles,
    _skip_descriptors,
    _sources,
    _stake_in_lede,
    _status,
    _type_cue,
    fielded,
    lede,
)


def roles_of(
    text: str, region_end: int | None = None, deal_type: DealType | None = None
) -> tuple[list[str], list[str]]:
    """(amount texts, valuation texts) as the strategy splits them."""
    end = len(text) if region_end is None else region_end
    amounts, valuations = _money_roles(text, end, deal_type)
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
def test_money_roles(text: str, amounts: list[str], valuations: list[str]) -> None:
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
    ("text", "earlier"),
    [
        ("Orvane was last valued at $2 billion in a Series C round. That round was led by Kestrel "
         "Ventures. Kestrel declined to comment.", 2),
        ("Orvane had earlier raised $80 million. The deal closes in May.", 1),
        # Reported speech tells the news itself in the past perfect.
        ("Orvane said on Tuesday it had raised $25 million in a Series B round.", 0),
        ("Orvane's previous round valued it at $1 billion.", 1),
        # The deal being reported: "was valued at" without an earlier date is not history.
        ("Halvorsen's purchase of Pellucid was valued at $5 billion. That deal closed today.", 0),
        ("The round was valued at $900 million, the company said on Monday.", 0),
    ],
)  # fmt: skip
def test_sentences_about_an_earlier_deal(text: str, earlier: int) -> None:
    assert len(_earlier_deal_sentences(text)) == earlier


def test_an_earlier_deal_does_not_set_the_type() -> None:
    text = (
        "Halvorsen Capital will buy $200 million of Orvane shares from employees. Orvane was "
        "last valued at $2 billion in a Series C funding round in 2024."
    )
    found = _type_cue(text, len(text))
    assert found is not None and found[0] == "other"


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Orvane raised $30 million in a round led by Kestrel Ventures.", "Kestrel Ventures"),
        ("Orvane is raising $30 million. Halden Capital is in discussions to lead the round.",
         "Halden Capital"),
        ("Orvane raised $30 million. Halden Capital led the new round.", "Halden Capital"),
        # The lead of an earlier round, in a sentence about it, is not this round's lead.
        ("Orvane is raising $30 million. It was valued at $90 million in January, when it raised "
         "$8 million in a round led by Kestrel Ventures.", None),
    ],
)  # fmt: skip
def test_the_lead_investor(text: str, lead: str | None) -> None:
    orgs = cand.find_orgs(text, limit=10)
    target = _Found("Orvane", 0, 6)
    found = _lead_investor(text, len(text), orgs, target)
    assert (found.value if found else None) == lead


def test_a_registry_papers_are_filed_with_is_not_an_investor() -> None:
    text = (
        "Kotlin Labs raised $40 million from investors including Ember Ventures. According to "
        "documents filed with the Registrar of Firms (RoF), the board allotted shares to four "
        "investors."
    )
    found = _investors(text, cand.find_orgs(text, limit=10), {"Kotlin Labs"})
    assert [f.value for f in found] == ["Ember Ventures"]


def test_an_earlier_rounds_lead_is_not_an_investor() -> None:
    text = (
        "Halvorsen Capital will buy Orvane shares from employees, investors said. Orvane was "
        "last valued at $2 billion. That round was led by Kestrel Ventures."
    )
    found = _investors(text, cand.find_orgs(text, limit=10), {"Orvane"})
    assert [f.value for f in found] == ["Halvorsen Capital"]


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
    amounts, _ = _money_roles(text, len(text))
    found = _headline_amount(text, amounts)
    assert (found.text if found else None) == chosen


def test_money_past_the_lede_is_not_an_amount() -> None:
    text = "Halvorsen will buy Pellucid for $2 billion. Much later, a $7 billion figure appeared."
    assert roles_of(text, region_end=text.index("Much"))[0] == ["$2 billion"]
    assert roles_of(text)[0] == ["$2 billion", "$7 billion"]


def test_valuations_stay_valuations_anywhere_in_the_text() -> None:
    text = "Orvane raised $30 million. " + "Filler sentence. " * 10 + "It is now valued at $1bn."
    assert roles_of(text, region_end=30) == (["$30 million"], ["$1bn"])


@pytest.mark.parametrize(
    ("text", "stake", "quote"),
    [
        ("Halvorsen agreed to buy a 24.9% stake in Pellucid.", 24.9, "24.9%"),
        ("Halvorsen will take 40 per cent of Pellucid.", 40.0, "40 per cent"),
        ("Halvorsen will acquire an additional 15% of Pellucid.", 15.0, "15%"),
        ("Pellucid sold a stake of 51% to Halvorsen.", 51.0, "51%"),
        ("Halvorsen will purchase a 60% interest in the mine.", 60.0, "60%"),
    ],
)
def test_stake_in_lede(text: str, stake: float, quote: str) -> None:
    found = _stake_in_lede(text, len(text))
    assert found is not None
    value, span = found
    assert (value, span.text) == (stake, quote)
    assert text[span.start : span.end] == quote


@pytest.mark.parametrize(
    "text",
    [
        "Pellucid shares rose 5% after the news.",
        "The founders already own 30% of Pellucid and keep it.",
        "Halvorsen will buy Pellucid outright.",
        "Halvorsen will buy 150% more product.",
    ],
)
def test_no_stake_when_none_changes_hands(text: str) -> None:
    assert _stake_in_lede(text, len(text)) is None


def test_stake_after_the_lede_is_ignored() -> None:
    text = "Halvorsen will buy Pellucid. " + "Filler text here. " * 5 + "It may buy a 20% stake."
    assert _stake_in_lede(text, region_end=30) is None
    assert _stake_in_lede(text, len(text)) is not None


def occurrences_after(text: str, word: str) -> list[tuple[int, int, cand.OrgCandidate]]:
    orgs = cand.find_orgs(text)
    return [o for o in _occurrences(text, orgs) if o[0] > text.index(word)]


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
def test_skip_descriptors(text: str, first: str) -> None:
    after = _skip_descriptors(text, occurrences_after(text, "buy"))
    assert after[0][2].name == first


def test_skip_descriptors_keeps_a_lone_candidate() -> None:
    text = "Halvorsen Foods will buy Pellucid Brands, a snack maker."
    after = occurrences_after(text, "buy")
    assert _skip_descriptors(text, after) == after


def test_occurrences_drop_names_nested_in_longer_ones() -> None:
    text = "Brightline Capital Partners backed Orvane Labs. Brightline is pleased."
    spans = [text[s:e] for s, e, _ in _occurrences(text, cand.find_orgs(text))]
    assert spans == ["Brightline Capital Partners", "Orvane Labs", "Brightline"]


@pytest.mark.parametrize(
    ("text", "buyer", "target"),
    [
        ("Halvorsen Foods agreed to buy Pellucid Brands for $2 billion.",
         "Halvorsen Foods", "Pellucid Brands"),
        ("Halvorsen Foods will buy Crunchettes maker Pellucid Brands.",
         "Halvorsen Foods", "Pellucid Brands"),
        ("Tindra Energy completed its acquisition of Kolvik Power on Monday.",
         "Tindra Energy", "Kolvik Power"),
    ],
)  # fmt: skip
def test_rule_roles_buyer_and_target(text: str, buyer: str, target: str) -> None:
    roles = _rule_roles(text, len(text), cand.find_orgs(text))
    assert roles.buyer is not None and roles.target is not None
    assert (roles.buyer.value, roles.target.value) == (buyer, target)
    assert text[roles.buyer.start : roles.buyer.end] == buyer


def test_rule_roles_seller_and_buyer() -> None:
    text = "Vantor Group agreed to sell Pellucid Brands to Halvorsen Foods."
    roles = _rule_roles(text, len(text), cand.find_orgs(text))
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
def test_rule_roles_buy_from_names_the_seller(text: str) -> None:
    roles = _rule_roles(text, len(text), cand.find_orgs(text))
    assert roles.buyer is not None and roles.buyer.value == "Halvorsen Foods"
    assert roles.target is not None and roles.target.value == "Pellucid Brands"
    assert roles.seller is not None and roles.seller.value == "Vantor Group"


def test_rule_roles_funding_round() -> None:
    text = "Orvane Labs raised $40 million in a round led by Brightline Capital."
    roles = _rule_roles(text, len(text), cand.find_orgs(text))
    assert roles.target is not None and roles.target.value == "Orvane Labs"
    assert roles.lead is not None and roles.lead.value == "Brightline Capital"


def test_lede_cuts_at_a_sentence_end() -> None:
    text = "A" * 50 + ". " + "B" * 50 + ". " + "C" * 50
    assert lede(text, 120) == "A" * 50 + ". " + "B" * 50 + "."
    assert lede(text, 1000) == text


def test_lede_cuts_at_a_line_break() -> None:
    text = "Headline of the story about a deal\n" + "word " * 100
    assert lede(text, 60) == "Headline of the story about a deal\n"


def test_lede_without_a_good_break_cuts_at_the_limit() -> None:
    text = "x" * 500
    assert lede(text, 100) == "x" * 100


class NoModel:
    """A client that fails the test if the strategy asks the model anything."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the model was asked ({name}) where the rules should decide")


@pytest.fixture
def rules_only() -> CallContext:
    """A context whose model fails the test when asked: the rules must decide everything."""
    return CallContext(
        client=NoModel(),  # type: ignore[arg-type]
        endpoint=Endpoint(provider="local", model="m", base_url=None, api_key="x"),
        prompt=load_prompt("deal-embedded"),
        retry=RetryPolicy(),
    )


async def by_rules(ctx: CallContext, text: str) -> DealSummary:
    """The embedded strategy's summary of ``text`` with a model that must not be asked."""
    return await fielded(ctx, make_article(text, id="rules", source="rules"))


async def test_rules_alone_fill_a_clear_article(rules_only: CallContext) -> None:
    text = (
        "Halvorsen Foods to buy Pellucid Brands for $2 billion\n"
        "OSLO, 3 March 2025 - Halvorsen Foods has agreed to buy Pellucid Brands for $2 billion "
        "in cash, the companies said in a statement.\n"
        "The deal is subject to regulatory approval and is expected to close next year.\n"
    )
    summary = await by_rules(rules_only, text)
    assert summary.deal_type is DealType.acquisition
    assert summary.status is DealStatus.pending_approval
    assert summary.names(Role.acquirer) == ["Halvorsen Foods"]
    assert summary.names(Role.target) == ["Pellucid Brands"]
    assert summary.amount is not None and summary.amount.value == 2e9
    assert str(summary.announced_on) == "2025-03-03"
    quotes = [p.evidence.quote for p in summary.parties if p.evidence]
    quotes += [e.quote for e in summary.evidence.values()]
    assert summary.amount.evidence is not None
    quotes.append(summary.amount.evidence.quote)
    assert all(quote in text for quote in quotes)
    assert rules_only.requests == 0


_LEDE = (
    "Halvorsen Foods has agreed to buy Pellucid Brands for $2 billion in cash, the companies "
    "said on Monday.\nThe deal is expected to close next year.\n"
)


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("|\nListen to this article\n|\nBy: Jo Vance\nHalvorsen buys Pellucid\n" + _LEDE,
         "Halvorsen buys Pellucid"),
        ("|\nListen to this article\n|\nBy: Jo Vance\n" + _LEDE, _LEDE.split("\n")[0]),
        ("The harbour town enjoyed mild weather\nFerries ran on time all week.\n",
         "The harbour town enjoyed mild weather"),
    ],
    ids=["short headline under furniture", "no headline under furniture", "no deal"],
)  # fmt: skip
async def test_the_headline_is_the_pages_never_its_furniture(
    rules_only: CallContext, text: str, headline: str
) -> None:
    summary = await by_rules(rules_only, text)
    assert summary.headline == headline


async def test_text_without_deal_cues_is_no_deal(rules_only: CallContext) -> None:
    text = "The harbour town enjoyed mild weather all week, and the ferries ran on time.\n"
    summary = await by_rules(rules_only, text)
    assert not summary.is_deal
    assert summary.headline


async def test_a_secondary_sale_names_the_company_and_the_buyers_lead(
    rules_only: CallContext,
) -> None:
    text = (
        "Orvane Robotics Said to Weigh Share Sale at $9 Billion Value\n"
        "Orvane Robotics is in talks to arrange a tender offer in which investors led by Halden "
        "Capital would buy about $400 million of shares from current and former employees, "
        "people familiar with the matter said.\n"
        "Orvane was last valued at $5 billion in a Series B funding round in 2023. That round was "
        "led by Kestrel Ventures.\n"
    )
    summary = await by_rules(rules_only, text)
    assert summary.deal_type is DealType.other
    assert summary.status is DealStatus.in_talks
    assert [(p.name, p.role) for p in summary.parties] == [
        ("Orvane Robotics", Role.target),
        ("Halden Capital", Role.lead_investor),
    ]
    assert summary.amount is not None and summary.amount.text == "about $400 million"
    assert summary.valuation is not None and summary.valuation.value == 9e9
    assert rules_only.requests == 0


async def test_a_wire_credit_line_names_no_party(rules_only: CallContext) -> None:
    text = (
        "Orvane raises $30 million\n"
        "Orvane raised $30 million in a round led by Halden Capital, it said on Monday.\n"
        "Existing backer Kestrel Ventures, an Aarhus venture firm, also took part.\n"
        "(Reporting by Freja Lindholm in Aarhus; Editing by Mark Oduya)\n"
    )
    summary = await by_rules(rules_only, text)
    assert [p.name for p in summary.parties] == ["Orvane", "Halden Capital", "Kestrel Ventures"]


@pytest.mark.parametrize(
    ("lede_text", "status"),
    [
        (
            "Quillon is in talks to arrange a tender offer for employee shares. It was last valued "
            "in 2024 in a round that raised fresh capital.",
            "in_talks",
        ),
        ("Halvorsen has completed its purchase of Pellucid. The two were in talks for years.",
         "completed"),
    ],
)  # fmt: skip
def test_the_news_comes_first_when_stage_cues_tie(lede_text: str, status: str) -> None:
    found = _status(lede_text, len(lede_text))
    assert found is not None and found[0] == status


@pytest.mark.parametrize(
    "lede_text",
    [
        "Halvorsen agreed to buy Pellucid, two weeks after abandoning a larger acquisition.",
        "Halvorsen agreed to buy Pellucid. It comes a week after Halvorsen called off its bid for "
        "Vantor. The Vantor deal collapsed in May.",
    ],
)
def test_another_deals_ending_told_as_what_came_before_is_not_this_ones(lede_text: str) -> None:
    found = _status(lede_text, len(lede_text))
    assert found is not None and found[0] == "announced"


PRINCIPALS = [("Nordlys Kraft ASA", ("Nordlys Kraft ASA", "Nordlys")), ("Tidewater Marine", ())]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Nordlys said on Monday it would buy Tidewater Marine.", ["Nordlys Kraft ASA"]),
        ("Nordlys Kraft ASA, the utility, said it would pay cash.", ["Nordlys Kraft ASA"]),
        ("The two companies said it needs approval.", ["Nordlys Kraft ASA and Tidewater Marine"]),
        ("Last week Nordlys announced a new wind farm.", []),  # an event, not attribution
        ("Tidewater Marine rose 4%; analysts said the price was fair.", []),
        # Inverted attribution: the speaker comes after the verb.
        ("Nordlys has talked with Tidewater Marine, for several weeks, said the people.", []),
    ],
)  # fmt: skip
def test_the_deal_companies_are_named_as_sources(text: str, named: list[str]) -> None:
    company = [s.name for s in _sources(text, PRINCIPALS) if s.kind.value == "company"]
    assert company == named


def test_one_anonymous_source_however_many_people_it_counts() -> None:
    text = (
        "Orvane is in talks, people familiar with the matter said. Two people familiar with the "
        "terms said the price was set; a person familiar with the matter said it was high."
    )
    assert [s.name for s in _sources(text)] == [
        "people familiar with the matter",
        "Two people familiar with the terms",
    ]


def test_a_named_company_replaces_the_generic_statement() -> None:
    text = "Nordlys said in a statement that it would buy Tidewater Marine. Reuters reported it."
    assert [s.name for s in _sources(text, PRINCIPALS)] == ["Reuters", "Nordlys Kraft ASA"]
    assert [s.name for s in _sources(text)] == ["company statement", "Reuters"]


def test_key_facts_add_the_deal_terms_the_body_states() -> None:
    lede_text = (
        "Nordlys to buy Tidewater\n"
        "Nordlys Kraft has agreed to buy Tidewater Marine for $2 billion in cash, it said today. "
        "Tidewater owners will get $41 a share under the agreement signed this week. "
        "The two companies have worked together on ferry routes since the late nineties."
    )
    body = (
        " The weather in Bergen was mild for the season and the harbour was busy all week."
        " Nordlys will fund the purchase with cash on hand and a new bank facility of its own."
        " The sale needs approval from regulators in Norway and is expected to close in May."
        " Analysts in Oslo mostly welcomed the price, calling it full but not excessive."
    )
    text = lede_text + body
    facts = [f.text for f in _facts(text, len(lede_text))]
    assert any("fund the purchase" in f for f in facts)
    assert any("needs approval" in f for f in facts)
    assert not any("weather" in f or "Analysts" in f for f in facts)
    assert sum("a share" in f for f in facts) == 1  # the lede states the price already
    assert facts == sorted(facts, key=text.index)


@pytest.mark.parametrize(
    ("lede_text", "consideration"),
    [
        ("Nordlys pays $2 billion in cash and stock for Tidewater, $30 in cash.", "mixed"),
        ("Owners get $30 in cash plus 0.2 new Nordlys shares for each share.", "mixed"),
        ("Nordlys pays $900 million in cash and the remainder in newly issued shares.", "mixed"),
        ("Tidewater holders will receive $5.60 cash for each share they own.", "cash"),
        ("The sides have not yet agreed whether Nordlys would pay in cash or in shares.", None),
    ],
)  # fmt: skip
def test_how_the_price_is_paid(lede_text: str, consideration: str | None) -> None:
    summary = DealSummary(headline="h", deal_type=DealType.acquisition, status=None)
    _consideration(summary, lede_text, len(lede_text), DealType.acquisition)
    assert (summary.consideration.value if summary.consideration else None) == consideration


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Kotlin Labs, a Pune-based startup, raised money from Ember Ventures.", "Pune", True),
        ("The firm, based in Dewas, raised money.", "Dewas", True),
        ("A New Jersey startup raised money from Jersey Capital.", "Jersey", True),
        ("Ember Ventures led the round.", "Ember Ventures", False),
    ],
)
def test_a_place_is_not_an_investor(text: str, name: str, place: bool) -> None:
    assert _is_place(text, name) is place


@pytest.mark.parametrize(
    ("text", "announced"),
    [
        ("OSLO, 15 July 2025 - Nordlys closed the purchase of Tidewater it first announced on "
         "March 3.", "2025-03-03"),
        ("OSLO, 2 February 2025 - Nordlys closed the deal, first announced on December 12.",
         "2024-12-12"),
        ("OSLO, 30 May 2025 - The deal, first announced on January 14, 2025, closed today.",
         "2025-01-14"),
        ("OSLO, 3 March 2025 - Nordlys agreed to buy Tidewater.", "2025-03-03"),
        ("OSLO, 29 January 2026 - Nordlys closed a takeover it announced on 6 October last year.",
         "2025-10-06"),
        ("SYDNEY, 13 October 2025 - Nordlys ended the deal. It had announced the purchase on "
         "4 August.", "2025-08-04"),
        ("Nordlys agreed to buy Tidewater, it said.", None),
    ],
)  # fmt: skip
def test_announced_on_is_the_date_named_as_the_announcement(
    text: str, announced: str | None
) -> None:
    summary = DealSummary(headline="h", deal_type=DealType.acquisition, status=None)
    _date(summary, text)
    assert (str(summary.announced_on) if summary.announced_on else None) == announced
    if summary.announced_on:  # the quote is where the chosen date is written
        assert summary.announced_on.strftime("%B") in summary.evidence["announced_on"].quote


@pytest.mark.parametrize(
    ("text", "seller"),
    [
        ("Nordlys to buy Tidewater\nNordlys Kraft agreed to buy Tidewater Marine, a ferry "
         "operator, from private-equity firm Calder Ridge Capital.", "Calder Ridge Capital"),
        ("Nordlys Kraft is in talks to acquire Tidewater Marine, the ferry business of Halden "
         "Group, people said.", "Halden Group"),
        ("Nordlys Kraft agreed to buy Tidewater Marine. Halden Group, a rival, fell 3%.", None),
        ("Nordlys Kraft is in talks to buy Tidewater Marine. It is negotiating with Tidewater's "
         "owner, Norwegian investment firm Halden Group.", "Halden Group"),
    ],
)  # fmt: skip
def test_the_seller_is_read_from_any_lede_sentence_naming_the_target(
    text: str, seller: str | None
) -> None:
    roles = _rule_roles(text, len(text), cand.find_orgs(text, limit=10))
    assert (roles.seller.value if roles.seller else None) == seller


def test_analysts_and_their_firms_are_not_investors() -> None:
    text = (
        "Kotlin Labs raised $40 million from Ember Ventures and Halden Capital, investors said. "
        "Investors are keen, said Lena Hoff, an analyst at Corvid Research, who tracks the round."
    )
    found = _investors(text, cand.find_orgs(text, limit=10), {"Kotlin Labs"})
    assert [f.value for f in found] == ["Ember Ventures", "Halden Capital"]
