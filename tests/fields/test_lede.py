"""The lede: the headline and first paragraphs, cut at a sentence end."""

from __future__ import annotations

from summarize.fields.lede import lede


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
