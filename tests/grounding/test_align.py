from __future__ import annotations

import pytest

from summarize.grounding import FUZZY_THRESHOLD, align
from summarize.grounding.align import FUZZY_WINDOW_CHARS, normalize, span_text

TEXT = (
    "OSLO — Nordlys Energy ASA has agreed to acquire Tidewater Grid, a US developer of\n"
    "battery-storage projects, for $2.8 billion in cash, the “Norwegian utility” said on Tuesday."
)


@pytest.mark.parametrize(
    "quote",
    ["Nordlys Energy ASA has agreed", "for $2.8 billion in cash", "the “Norwegian utility” said"],
)
def test_exact_quote_gets_its_own_span(quote: str) -> None:
    found = align(quote, TEXT)
    assert (found.match, found.method, found.score) == ("exact", "exact", 100.0)
    assert span_text(TEXT, found.spans) == quote


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("NORDLYS ENERGY ASA has agreed", "Nordlys Energy ASA has agreed"),
        ("developer of battery-storage", "developer of\nbattery-storage"),
        ("developer   of battery–storage", "developer of\nbattery-storage"),
        ('the "Norwegian utility" said', "the “Norwegian utility” said"),
        ('"Nordlys Energy ASA has agreed"', "Nordlys Energy ASA has agreed"),
    ],
)
def test_normalized_match_points_into_the_original_text(quote: str, expected: str) -> None:
    found = align(quote, TEXT)
    assert (found.match, found.method) == ("fuzzy", "normalized")
    assert span_text(TEXT, found.spans) == expected


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            "Nordlys Energy ASA has agred to acquire Tidewater Grid",
            "Nordlys Energy ASA has agreed to acquire Tidewater Grid",
        ),
        (
            "agreed to acquire Tidewater Grids, a US developer",
            "agreed to acquire Tidewater Grid, a US developer",
        ),
        (
            "for $2.8 billion in cash, the Norwegian utility said on Tuesday",
            "for $2.8 billion in cash, the “Norwegian utility” said on Tuesday",
        ),
    ],
)
def test_fuzzy_match_tolerates_small_edits_and_finds_whole_words(quote: str, expected: str) -> None:
    found = align(quote, TEXT)
    assert (found.match, found.method) == ("fuzzy", "fuzzy")
    assert FUZZY_THRESHOLD <= found.score < 100
    assert span_text(TEXT, found.spans) == expected


@pytest.mark.parametrize(
    "quote",
    [
        "Nordlys is in early talks to buy a gas company in Texas",  # not in the article
        "Nordlys Energy agreed to buy Tidewater for cash",  # a paraphrase, not a quote
        "$3.8 billion in cash",  # digits are never fuzzy
        "in kind",  # too short to match fuzzily
        "Nordlys Energy ASA has agreed to acquire Tidewater Grid and two other developers in Texas",
        "",
        " ... ",
    ],
)
def test_unsupported_quote_is_not_aligned(quote: str) -> None:
    found = align(quote, TEXT)
    assert (found.match, found.spans) == ("none", [])
    assert not found.found


def test_quote_longer_than_the_text_is_compared_whole() -> None:
    text = "Nordlys buys Tidewater."
    assert not align(text + " Regulators must approve the takeover first.", text).found
    assert align("Nordlys buys Tidewater", text).match == "exact"


@pytest.mark.parametrize("ellipsis", [" ... ", "…", " [...] "])
def test_quote_with_ellipsis_gets_one_span_per_piece(ellipsis: str) -> None:
    found = align(f"Nordlys Energy ASA{ellipsis}for $2.8 billion in cash", TEXT)
    assert found.match == "exact"
    assert [TEXT[s:e] for s, e in found.spans] == ["Nordlys Energy ASA", "for $2.8 billion in cash"]


def test_ellipsis_piece_that_is_missing_fails_the_whole_quote() -> None:
    assert not align("Nordlys Energy ASA ... for $9 billion in shares", TEXT).found


def test_fuzzy_match_in_a_long_text_is_found_across_chunks() -> None:
    filler = "Nothing to see in this sentence about the weather. " * (FUZZY_WINDOW_CHARS // 25)
    text = filler + TEXT + " " + filler
    found = align("Nordlys Energy ASA has agred to acquire Tidewater Grid", text)
    assert found.method == "fuzzy"
    assert span_text(text, found.spans) == "Nordlys Energy ASA has agreed to acquire Tidewater Grid"


def test_normalize_keeps_a_map_to_every_original_character() -> None:
    norm = normalize("A  “Big”\u00a0Deal…")
    assert norm.text == 'a "big" deal...'
    assert len(norm.index) == len(norm.text)
    assert norm.span_back(3, 6) == (4, 7)  # "big" → "Big"
    assert norm.span_back(12, 15) == (13, 14)  # "..." → "…"
