"""The stake the lede says changes hands."""

from __future__ import annotations

import pytest

from summarize.fields.stake import stake_in_lede


@pytest.mark.parametrize(
    ("text", "stake", "quote"),
    [
        ("Halvorsen agreed to buy a 24.9% stake in Pellucid.", 24.9, "24.9%"),
        ("Halvorsen will take 40 per cent of Pellucid.", 40.0, "40 per cent"),
        ("Halvorsen will acquire an additional 15% of Pellucid.", 15.0, "15%"),
        ("Pellucid sold a stake of 51% to Halvorsen.", 51.0, "51%"),
        ("Halvorsen will purchase a 60% interest in the mine.", 60.0, "60%"),
    ],
)
def teststake_in_lede(text: str, stake: float, quote: str) -> None:
    found = stake_in_lede(text, len(text))
    assert found is not None
    value, span = found
    assert (value, span.text) == (stake, quote)
    assert text[span.start : span.end] == quote


@pytest.mark.parametrize(
    "text",
    [
        "Pellucid shares rose 5% after the news.",
        "The founders already own 30% of Pellucid and keep it.",
        "Halvorsen will buy Pellucid outright.",
        "Halvorsen will buy 150% more product.",
    ],
)
def test_no_stake_when_none_changes_hands(text: str) -> None:
    assert stake_in_lede(text, len(text)) is None


def test_stake_after_the_lede_is_ignored() -> None:
    text = "Halvorsen will buy Pellucid. " + "Filler text here. " * 5 + "It may buy a 20% stake."
    assert stake_in_lede(text, region_end=30) is None
    assert stake_in_lede(text, len(text)) is not None
