"""Where the deal stands, from the lede's cues."""

from __future__ import annotations

import pytest

from summarize.fields.status import status_cue


@pytest.mark.parametrize(
    ("lede_text", "status"),
    [
        (
            "Lumora is in talks to arrange a tender offer for employee shares. It was last valued "
            "in 2024 in a round that raised fresh capital.",
            "in_talks",
        ),
        ("Halvorsen has completed its purchase of Pellucid. The two were in talks for years.",
         "completed"),
    ],
)  # fmt: skip
def test_the_news_comes_first_when_stage_cues_tie(lede_text: str, status: str) -> None:
    found = status_cue(lede_text, len(lede_text))
    assert found is not None and found[0] == status


@pytest.mark.parametrize(
    "lede_text",
    [
        "Halvorsen agreed to buy Pellucid, two weeks after abandoning a larger acquisition.",
        "Halvorsen agreed to buy Pellucid. It comes a week after Halvorsen called off its bid for "
        "Vantor. The Vantor deal collapsed in May.",
    ],
)
def test_another_deals_ending_told_as_what_came_before_is_not_this_ones(lede_text: str) -> None:
    found = status_cue(lede_text, len(lede_text))
    assert found is not None and found[0] == "announced"
