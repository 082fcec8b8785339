"""Page furniture lines: each shape is recognized as a whole line, and article lines are not."""

from __future__ import annotations

import pytest

from summarize.furniture import furniture_kind, is_list_item, is_quote_line, opens_list


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("|", "punctuation"),
        ("  * * *  ", "punctuation"),
        ("—", "punctuation"),
        ("Getting your audio player ready...", "audio"),
        ("Listen to this article", "audio"),
        ("4 min listen", "audio"),
        ("Share this article", "share"),
        ("Share | Tweet | Email", "share"),
        ("Share on Mastodon", "share"),
        ("Sign up for our free morning deals newsletter", "subscribe"),
        ("Subscribe", "subscribe"),
        ("Get breaking deal news delivered to your inbox", "subscribe"),
        ("Advertisement", "chrome"),
        ("Loading...", "chrome"),
        ("By: Maren Ostby", "byline"),
        ("By Maren Ostby", "byline"),
        ("BY MAREN OSTBY AND TOMAS REIN | Markets desk", "byline"),
        ("By Maren Ostby, Senior Correspondent", "byline"),
        ("Written by Tomas Rein", "byline"),
        ("(Reporting by Maren Ostby in Kestover; Editing by Tomas Rein)", "credits"),
        ("Updated March 4, 2025 10:42 AM ET", "timestamp"),
        ("Published 2025-03-04 · 3 min read", "timestamp"),
        ("5 hours ago", "timestamp"),
        ("Tue, Mar 4, 2025, 9:05 a.m. GMT", "timestamp"),
        ("Related: Corvane's failed bid for a sensor maker", "related"),
        ("See also: Who owns Tellamar", "related"),
        ("Read more: Lab robots draw investors", "related"),
        ("More from Deals", "related"),
        ("Related stories", "related"),
        ("Photo: Tellamar's test floor in Kestover (File photo)", "caption"),
        ("Image credit: Maren Ostby", "caption"),
        ("A technician checks a robot arm. WIREPIX/Tomas Rein/File Photo", "caption"),
        ("Tellamar's founders at a launch event (Photo by Tomas Rein)", "caption"),
        ("Price Action: CRVN shares rose 2.1% to $45.10 on Tuesday.", "price action"),
        ("CRVN $45.10 ▲ 2.1%", "quote"),
        ("NYSE: TLLB +24.3%", "quote"),
        ("Editor's note: This story was updated to add the premium.", "editor's note"),
    ],
)
def test_furniture_shapes_are_recognized(line: str, kind: str) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Corvane to buy Tellamar Labs for $1.2 billion",
        "Corvane Systems (NASDAQ: CRVN) agreed on Tuesday to buy Tellamar Labs for $1.2 billion.",
        "What happened",
        "So what",
        "Now what",
        "Why Tellamar?",
        "Corvane's bet: from sensors to lab robots",
        "By 2027 the combined company expects to save $90 million a year.",
        "By Monday, the two sides had agreed on a price",
        "Share price reaction",
        "Shares of Tellamar rose 24% to $14.10 in early trading.",
        "Related party transactions were reviewed by the board.",
        "More from the same statement followed later in the day.",
        "The company's newsletter business has two million readers.",
        "Revenue rose 12% to $450 million.",
        "March was Corvane's busiest month for deals since 2021, it said.",
        "KESTOVER, March 4 (Wirenews) - Corvane Systems agreed to buy Tellamar Labs.",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert furniture_kind(line) is None


@pytest.mark.parametrize(
    ("line", "quote"),
    [
        ("CRVN 45.10 +1.25 (2.85%)", True),
        ("NASDAQ: CRVN $45.10 ▼ 0.4% · Market cap $4.5B", True),
        ("CRVN shares rose 2.1% on Tuesday.", False),
        ("Corvane $45.10 ▲ 2.1%", False),
        ("CRVN", False),
    ],
)
def test_quote_lines(line: str, quote: bool) -> None:
    assert is_quote_line(line) is quote


@pytest.mark.parametrize(
    ("header", "kind", "item", "belongs"),
    [
        ("Related stories", "related", "Corvane names a new chief executive", True),
        ("Read more", "related", "The deal is expected to close in the third quarter.", False),
        ("Related: Corvane's earlier bid", "related", "Corvane names a new chief", None),
        ("Price Action:", "price action", "CRVN $45.10 +2.1%", True),
        ("Price Action:", "price action", "The deal values Tellamar at $1.2 billion", False),
    ],
)
def test_a_list_header_takes_the_lines_under_it(
    header: str, kind: str, item: str, belongs: bool | None
) -> None:
    assert furniture_kind(header) == kind
    if belongs is None:
        assert not opens_list(header, kind)
    else:
        assert opens_list(header, kind)
        assert is_list_item(item, kind) is belongs
