from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from summarize.articles import make_article
from summarize.exceptions import ConfigError
from summarize.grounding import chunk_text, ground, shift_summary
from summarize.schema import DealSummary, Evidence, Party

from .conftest import ARTICLE_TEXT

LONG_TEXT = "\n\n".join(
    f"Paragraph {n}. "
    + " ".join(f"Sentence {n}.{k} says something about deal {n}." for k in range(8))
    for n in range(30)
)


@pytest.mark.parametrize(
    ("max_chars", "overlap"), [(400, 0), (400, 120), (1000, 300), (97, 40), (5000, 0)]
)
def test_chunks_are_slices_that_cover_the_text(max_chars: int, overlap: int) -> None:
    chunks = chunk_text(LONG_TEXT, max_chars=max_chars, overlap=overlap)
    assert chunks[0].start == 0 and chunks[-1].end == len(LONG_TEXT)
    for chunk in chunks:
        assert LONG_TEXT[chunk.start : chunk.end] == chunk.text
        assert 0 < len(chunk.text) <= max_chars
    for before, after in pairwise(chunks):
        assert before.start < after.start <= before.end
        assert before.end - after.start >= overlap


def test_chunks_end_at_paragraphs_when_one_is_near() -> None:
    chunks = chunk_text(LONG_TEXT, max_chars=1200, overlap=0)
    assert len(chunks) > 2
    assert all(chunk.text.endswith("\n\n") for chunk in chunks[:-1])


def test_chunks_fall_back_to_sentences_then_words() -> None:
    one_paragraph = " ".join(f"Sentence number {k} is here." for k in range(60))
    assert all(c.text.endswith(". ") for c in chunk_text(one_paragraph, max_chars=200)[:-1])
    no_sentences = " ".join(["word"] * 200)
    assert all(c.text.endswith(" ") for c in chunk_text(no_sentences, max_chars=50)[:-1])


def test_short_text_is_one_chunk() -> None:
    assert [(c.text, c.start) for c in chunk_text("tiny", max_chars=100)] == [("tiny", 0)]
    assert chunk_text("", max_chars=100) == []


@pytest.mark.parametrize(("max_chars", "overlap"), [(0, 0), (100, 50), (100, -1)])
def test_bad_chunk_settings_are_refused(max_chars: int, overlap: int) -> None:
    with pytest.raises(ConfigError):
        chunk_text(LONG_TEXT, max_chars=max_chars, overlap=overlap)


def test_spans_found_in_a_chunk_are_right_in_the_article(
    make_summary: Callable[..., DealSummary],
) -> None:
    text = LONG_TEXT + "\n\n" + ARTICLE_TEXT + "\n\n" + LONG_TEXT
    article = make_article(text, id="long", source="long.txt")
    chunks = chunk_text(article.text, max_chars=2000, overlap=400)
    summary = make_summary(
        parties=[
            Party(
                name="Tidewater Grid",
                role="target",
                evidence=Evidence(quote="stake in Tidewater Grid"),
            ),
            Party(name="Fjellstad Securities", role="advisor"),
        ],
        amount={
            "value": 2.8e9,
            "currency": "USD",
            "text": "$2.8 billion",
            "evidence": {"quote": "for $2.8 billon in cash"},
        },
        evidence={"status": Evidence(quote="subject to approval by US regulators")},
    )
    chunk = next(
        c for c in chunks if "Fjellstad Securities" in c.text and "stake in Tidewater" in c.text
    )
    assert chunk.start > 0
    local = ground(summary, make_article(chunk.text, id="chunk", source="chunk"), policy="flag")
    shifted = shift_summary(local, chunk.start)
    evidences = [p.evidence for p in shifted.parties] + [
        shifted.amount.evidence,
        shifted.evidence["status"],
    ]  # type: ignore[union-attr]
    expected = [
        "stake in Tidewater Grid",
        "Fjellstad Securities",
        "for $2.8 billion in cash",
        "subject to approval by US regulators",
    ]
    assert [text[s:e] for ev in evidences for s, e in ev.spans] == expected  # type: ignore[union-attr]
    assert local.parties[0].evidence.spans != shifted.parties[0].evidence.spans  # type: ignore[union-attr]
    # Grounding against the whole article puts a quote found once in the same place.
    whole = ground(summary, article, policy="flag")
    assert whole.evidence["status"].spans == shifted.evidence["status"].spans
