"""The deal type from its cues."""

from __future__ import annotations

from summarize.fields.deal_type import type_cue


def test_an_earlier_deal_does_not_set_the_type() -> None:
    text = (
        "Halvorsen Capital will buy $200 million of Orvane shares from employees. Orvane was "
        "last valued at $2 billion in a Series C funding round in 2024."
    )
    found = type_cue(text, len(text))
    assert found is not None and found[0] == "other"
