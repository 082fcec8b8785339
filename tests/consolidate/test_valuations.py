"""A summary's valuations, each labeled once, so distinct facts stay distinct."""

from __future__ import annotations

from summarize.consolidate.valuations import find_valuations
from summarize.schema import Evidence

from .conftest import deal, fact, money


def test_valuation_field_is_implied_unless_its_quote_says_otherwise() -> None:
    plain = deal(valuation=money(3e9, "$3 billion", quote="valuing the firm at $3 billion"))
    tender = deal(
        valuation=money(25e9, "$25 billion", quote="a tender offer at a $25 billion valuation")
    )
    no_quote = deal(valuation=money(3e9, "$3 billion"))
    assert [(v.label, v.cue) for v in find_valuations(plain)] == [("implied", "valuing")]
    assert [v.label for v in find_valuations(tender)] == ["tender_offer"]
    assert [(v.label, v.cue) for v in find_valuations(no_quote)] == [("implied", None)]


def test_article_text_around_the_quote_decides_the_label() -> None:
    text = "Bolt was last valued at $14 billion. Other news followed."
    start = text.index("$14 billion")
    valuation = money(14e9, "$14 billion")
    valuation.evidence = Evidence(quote="$14 billion", spans=[(start, start + 11)])
    summary = deal(valuation=valuation)
    assert [v.label for v in find_valuations(summary)] == ["implied"]
    assert [v.label for v in find_valuations(summary, text)] == ["last_round"]


def test_each_figure_is_found_once_verbatim_quotes_first() -> None:
    summary = deal(
        key_facts=[
            fact(
                "Bolt is worth $14 billion after its last valuation.",
                quote="Bolt was last valued at $14 billion",
            ),
            fact("A tender offer would value it at $25 billion."),
        ],
        valuation=money(14e9, "$14 billion"),
    )
    found = [(v.label, v.money.value, v.quote) for v in find_valuations(summary)]
    assert found == [
        ("last_round", 14e9, "Bolt was last valued at $14 billion"),
        ("tender_offer", 25e9, "A tender offer would value it at $25 billion."),
    ]
