"""Offset maps: a text built from slices of a source, and chains of such derivations."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summarize.offsets import OffsetMap, TextBuilder


def test_builder_keeps_slices_and_maps_them_back() -> None:
    source = "| menu\nHeadline here\nBy someone\nBody text.\n"
    builder = TextBuilder(source)
    builder.copy(source.index("Headline"), source.index("By"))
    builder.copy(source.index("Body"), len(source))
    text, offsets = builder.build()
    assert text == "Headline here\nBody text."
    start = text.index("Body")
    assert offsets.to_raw(start) == source.index("Body")
    assert offsets.to_raw(0) == source.index("Headline")


def test_adjacent_slices_are_one_piece() -> None:
    builder = TextBuilder("abcdef")
    builder.copy(0, 2)
    builder.copy(2, 6)
    assert builder.build() == ("abcdef", OffsetMap((0,), (0,)))


def test_inserted_text_maps_to_where_it_stands_in() -> None:
    source = "Acme buys Beta LONDON (Wire) - Acme said."
    gap = source.index(" LONDON")
    builder = TextBuilder(source)
    builder.copy(0, gap)
    builder.insert("\n", gap)
    builder.copy(gap + 1, len(source))
    text, offsets = builder.build()
    assert text == source.replace(" LONDON", "\nLONDON")
    assert [offsets.to_raw(i) for i in range(len(text))] == list(range(len(source)))


def test_strip_moves_the_first_piece() -> None:
    text, offsets = TextBuilder.whole("\n\n  Body text.\n\n")
    assert text == "Body text."
    assert offsets.to_raw(0) == 4


def test_then_chains_two_maps() -> None:
    # inner: "xy" came from raw 10, "z" (one char) from raw 20 (an entity, say)
    inner = OffsetMap((0, 2), (10, 20))
    outer = OffsetMap((0,), (1,))  # the outer text is the inner text from offset 1 on
    chained = outer.then(inner)
    assert [chained.to_raw(i) for i in range(2)] == [11, 20]
    assert outer.then(None) is outer


@st.composite
def cuts(draw: st.DrawFn, source: str) -> list[tuple[int, int]]:
    """Increasing, non-overlapping slices of ``source``."""
    points = sorted(draw(st.lists(st.integers(0, len(source)), max_size=8)))
    return [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if a < b]


@given(st.data(), st.text(alphabet="ab \n", min_size=1, max_size=40))
def test_two_derivations_map_every_character_home(data: st.DataObject, source: str) -> None:
    middle_builder = TextBuilder(source)
    for start, end in data.draw(cuts(source)):
        middle_builder.copy(start, end)
    middle, to_source = middle_builder.build()
    final_builder = TextBuilder(middle)
    for start, end in data.draw(cuts(middle)):
        final_builder.copy(start, end)
    final, to_middle = final_builder.build()
    chained = to_middle.then(to_source)
    for i, char in enumerate(final):
        assert middle[to_middle.to_raw(i)] == char
        assert source[chained.to_raw(i)] == char
