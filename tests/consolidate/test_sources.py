"""Sources: how well a report is sourced, and independent sources through attribution chains."""

from __future__ import annotations

import pytest

from summarize.consolidate.sources import (
    attribution,
    declined,
    media_key,
    quote_basis,
    relays,
    report_basis,
    source_kind,
)
from summarize.schema import DealSummary, SourceKind

from .conftest import deal, source


@pytest.mark.parametrize(
    ("relay", "origin", "text", "expected"),
    [
        ("Reuters", "Bloomberg News", "said a Bloomberg News report cited by Reuters.", True),
        ("Reuters", "Bloomberg", "Reuters, citing Bloomberg, said the talks were advanced.", True),
        ("CNBC", "The Information", "CNBC reported, according to The Information, that", True),
        ("Bloomberg", "Reuters", "a Bloomberg report cited by Reuters on Sunday.", False),
        ("Reuters", "Bloomberg", "Reuters reported it. Bloomberg cited people on Monday.", False),
        ("Reuters", "Bloomberg", "Reuters and Bloomberg both reported the talks.", False),
    ],
)
def test_relays(relay: str, origin: str, text: str, expected: bool) -> None:
    assert relays(relay, origin, text) is expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            deal(sources=[source("Acme", "company"), source("people familiar", "anonymous")]),
            "confirmed",
        ),
        (deal(sources=[source("Reuters", "news_agency")]), "reported"),
        (
            deal(sources=[source("Bloomberg", "outlet"), source("people familiar", "anonymous")]),
            "anonymous",
        ),
        (deal(sources=[source("people familiar with the matter")]), "anonymous"),
        (
            deal(sources=[source("Acme", "company", quote="Acme declined to comment")]),
            "unattributed",
        ),
        (deal(), "unattributed"),
    ],
)
def test_report_basis(summary: DealSummary, expected: str) -> None:
    assert report_basis(summary) == expected


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Acme said in a statement it would pay $2.3 billion", "confirmed"),
        ("according to a regulatory filing on Monday", "confirmed"),
        ("people familiar with the matter put the price near $2 billion", "anonymous"),
        ("Acme is reportedly in talks", "anonymous"),
        ("the price is $2 billion", "reported"),
        (None, "reported"),
    ],
)
def test_a_quote_can_say_more_than_its_report(quote: str | None, expected: str) -> None:
    assert quote_basis(quote, "reported") == expected


def test_declined_and_guessed_kinds() -> None:
    assert declined(
        source("Meta", "company", quote="Representatives from Meta declined to comment")
    )
    assert not declined(source("Meta", "company", quote="Meta said in a statement"))
    assert source_kind(source("sources close to the deal")) is SourceKind.anonymous
    assert source_kind(source("a stock exchange filing")) is SourceKind.filing
    assert source_kind(source("Reuters")) is SourceKind.outlet


@pytest.mark.parametrize(
    ("a", "b"), [("Bloomberg News", "Bloomberg"), ("Reuters", "reuters"), ("CNBC TV", "CNBC")]
)
def test_media_key_drops_outlet_words(a: str, b: str) -> None:
    assert media_key(a) == media_key(b)


def test_an_outlet_relaying_bloomberg_adds_no_independent_source() -> None:
    relayed = deal(
        sources=[
            source("Bloomberg News", "news_agency"),
            source(
                "Reuters",
                "news_agency",
                quote="according to a Bloomberg News report cited by Reuters",
            ),
        ]
    )
    direct = deal(
        sources=[source("Bloomberg", "news_agency"), source("people familiar", "anonymous")]
    )
    links, originals = attribution([("a", relayed, None), ("b", direct, None)])
    assert originals == ["Bloomberg News"]
    by_name = {link.name: link for link in links}
    assert by_name["Reuters"].cites == ["Bloomberg News"] and not by_name["Reuters"].original
    assert by_name["Bloomberg News"].article_ids == ["a", "b"]


def test_article_text_reveals_relays_the_quotes_do_not() -> None:
    summary = deal(sources=[source("Reuters", "news_agency"), source("Bloomberg", "news_agency")])
    text = "Acme is in talks to buy Bolt, Reuters reported, citing Bloomberg."
    assert attribution([("a", summary, None)])[1] == ["Reuters", "Bloomberg"]
    assert attribution([("a", summary, text)])[1] == ["Bloomberg"]


def test_confirmations_and_own_reporting_each_count_once() -> None:
    rumor = deal(sources=[source("people familiar with the matter", "anonymous")])
    signed = deal(sources=[source("Acme Corp", "company"), source("Bolt", "company")])
    closed = deal(
        sources=[
            source("Acme Corporation", "company"),
            source("an analyst at Jefferies", "analyst"),
        ]
    )
    links, originals = attribution(
        [("rumor", rumor, None), ("signed", signed, None), ("closed", closed, None)]
    )
    assert originals == ["Acme Corp", "Bolt", "rumor (own reporting)"]
    assert [link.name for link in links if not link.original] == ["an analyst at Jefferies"]


def test_a_company_that_declined_to_comment_is_no_source() -> None:
    summary = deal(
        sources=[
            source("Bloomberg", "outlet"),
            source("Meta", "company", quote="Meta declined to comment"),
        ]
    )
    links, originals = attribution([("a", summary, None)])
    assert [link.name for link in links] == ["Bloomberg"]
    assert originals == ["Bloomberg"]


@pytest.mark.parametrize(
    ("names", "originals"),
    [
        ([("Shirakawa Denki", "company"), ("a news conference", "company")], ["Shirakawa Denki"]),
        ([("company statement", "company"), ("Acme", "company")], ["Acme"]),
        ([("a news conference", "company")], ["a news conference"]),
        ([("company statement", "company"), ("Reuters", "news_agency")],
         ["company statement", "Reuters"]),
    ],
)  # fmt: skip
def test_a_companys_own_channel_is_not_another_origin(
    names: list[tuple[str, str]], originals: list[str]
) -> None:
    summary = deal(sources=[source(name, kind) for name, kind in names])
    assert attribution([("a", summary, None)])[1] == originals
