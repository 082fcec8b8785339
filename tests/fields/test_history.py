"""Sentences about an earlier deal."""

from __future__ import annotations

import pytest

from summarize.fields.history import earlier_deal_sentences


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("Orvane was last valued at $2 billion in a Series C round. That round was led by Sorvik "
         "Ventures. Sorvik declined to comment.", 2),
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
    assert len(earlier_deal_sentences(text)) == earlier
