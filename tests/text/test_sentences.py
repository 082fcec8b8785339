"""Where sentences begin and end."""

from __future__ import annotations

from summarize.text.sentences import sentences
from summarize.text.span import Span


def test_sentences_have_exact_spans() -> None:
    text = "Headline here\nFirst sentence. Second one!  Third?\n\nLast line"
    found = sentences(text)
    assert [s.text for s in found] == [
        "Headline here", "First sentence.", "Second one!", "Third?", "Last line",
    ]  # fmt: skip
    for span in found:
        assert isinstance(span, Span)
        assert text[span.start : span.end] == span.text
