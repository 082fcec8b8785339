"""Corpus building blocks: templates keep exact spans, quotes are verbatim, phrases parse back."""

from __future__ import annotations

import random

import pytest

from summarize.money import parse_money
from summarize.schema import Qualifier
from training.corpus import amounts, dates
from training.corpus.document import Document, Mark, quote_around
from training.corpus.text import fill, join_names, marked

CURRENCIES = sorted(amounts.STYLES)


def test_fill_records_slot_and_cue_spans() -> None:
    piece = fill("{a} [[status,deal_type|agreed to buy]] {t}", {"a": "Acme", "t": "Beta Ltd"})
    assert piece.text == "Acme agreed to buy Beta Ltd"
    for key, words in (("a", "Acme"), ("t", "Beta Ltd"), ("status", "agreed to buy")):
        (start, end), *_ = piece.marks[key]
        assert piece.text[start:end] == words
    assert piece.marks["status"] == piece.marks["deal_type"]


@pytest.mark.parametrize(
    ("slots", "text"),
    [
        ({"a": "Acme", "p": "$2 billion"}, "Acme pays $2 billion."),
        ({"a": "Acme", "p": None}, "Acme pays."),
    ],
)
def test_optional_parts_need_all_their_slots(slots: dict, text: str) -> None:
    piece = fill("{a} pays<< {p}>>.", slots)
    assert piece.text == text
    assert piece.text[slice(*piece.marks["a"][0])] == "Acme"


def test_required_slot_without_value_is_a_bug() -> None:
    with pytest.raises(KeyError, match="'t'"):
        fill("{a} buys {t}", {"a": "Acme", "t": None})


def test_nested_pieces_keep_their_marks() -> None:
    names = join_names(
        [marked("inv0", "Oak Capital"), marked("inv1", "Fern Ventures"), "Pine Fund"]
    )
    assert names.text == "Oak Capital, Fern Ventures and Pine Fund"
    piece = fill("Backed by {names}.", {"names": names})
    assert piece.text[slice(*piece.marks["inv1"][0])] == "Fern Ventures"


def test_document_quotes_are_verbatim_and_short() -> None:
    doc = Document()
    doc.block("Headline")
    long = fill(
        "In a move that surprised analysts across the sector this week, {a} "
        "[[status|has agreed to buy]] its smaller rival for cash after months of talks.",
        {"a": "Acme"},
    )
    doc.paragraph([long], prefix="LONDON \u2014 ")
    quote = doc.quote("status", max_words=6)
    assert quote in doc.text
    assert "has agreed to buy" in quote
    assert len(quote.split()) <= 6


def test_quote_never_crosses_its_sentence() -> None:
    text = "First sentence here. Acme buys Beta. Third one follows."
    start = text.index("Acme")
    mark = Mark(start, start + 4, (start, text.index(" Third")))
    assert quote_around(text, mark, max_words=10) == "Acme buys Beta"


@pytest.mark.parametrize("currency", CURRENCIES)
@pytest.mark.parametrize("qualifier", list(Qualifier))
def test_every_amount_phrase_reads_back(currency: str, qualifier: Qualifier) -> None:
    rng = random.Random(f"{currency}{qualifier}")
    for _ in range(30):
        amount = amounts.sample(rng, currency, qualifier, funding=rng.random() < 0.5)
        read = parse_money(amount.phrase)
        assert read is not None
        assert (read.currency, read.qualifier) == (currency, qualifier)


@pytest.mark.parametrize(
    ("value", "style", "phrase"),
    [
        (4.85e10, ("Rs ", "indian", ""), "Rs 4,850 crore"),
        (7.5e6, ("₹", "indian", ""), "₹75 lakh"),
        (1.25e12, ("Rs ", "indian", ""), "Rs 1.25 lakh crore"),
        (2.35e9, ("$", "short", ""), "$2.35bn"),
        (1.5e11, ("", "word", " yen"), "150 billion yen"),
        (470000, ("$", "word", ""), "$470,000"),
    ],
)
def test_number_phrases(value: float, style: tuple[str, str, str], phrase: str) -> None:
    currency = (
        "INR" if style[2] == "" and style[1] == "indian" else "JPY" if "yen" in phrase else "USD"
    )
    assert amounts.number_phrase(value, currency, style) == phrase


def test_distractors_never_restate_the_deal_amount() -> None:
    rng = random.Random(1)
    for _ in range(200):
        read = parse_money(amounts.distractor(rng, "EUR", 5e8))
        assert read is not None
        assert abs(read.value - 5e8) > 0.05 * 5e8


def test_date_phrases_carry_their_date() -> None:
    rng = random.Random(2)
    for _ in range(100):
        day = dates.sample_date(rng)
        assert day.weekday() < 5
        dates.date_phrase(rng, day, with_year=rng.random() < 0.5)  # raises if unreadable
