"""The valuation labeller: which valuation a figure is, from the words around it."""

from __future__ import annotations

import pytest

from summarize.money import find_money
from summarize.text.valuations import labeled_in, money_near_digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The startup was last valued at $14 billion.", [("last_round", 14e9)]),
        ("It was most recently valued at nearly $14 billion.", [("last_round", 14e9)]),
        (
            "Once valued at $14 billion, it is also in talks on a tender offer that would lift "
            "its valuation to $25 billion.",
            [("last_round", 14e9), ("tender_offer", 25e9)],
        ),
        ("The round gives it a $5 billion post-money valuation.", [("post_money", 5e9)]),
        ("The deal values the company at $3 billion.", [("implied", 3e9)]),
        ("Its pre-money valuation is $900 million.", [("pre_money", 9e8)]),
        ("It was valued at $2 billion in 2021 and more since.", [("last_round", 2e9)]),
        ("The firm, valued at $2 billion in 2021, grew.", [("last_round", 2e9)]),
        ("Revenue reached $870 million last year.", []),
        ("Gristow will invest more than $10 billion.", []),
        (
            "It plans a tender offer in which investors would buy about $600 million of shares.",
            [],
        ),
        (
            "The tender offer would value it at $12 billion; investors would buy $600 million.",
            [("tender_offer", 12e9)],
        ),
        ("A sale of employee shares would value it at $12 billion.", [("tender_offer", 12e9)]),
        ("In its last funding round it raised $50 million.", []),
        ("The round would value it at about €600 million before the new money is added.",
         [("pre_money", 6e8)]),
        ("The round values it at $2 billion including the new investment.", [("post_money", 2e9)]),
        # An earlier deal's year before the valuation word dates the figure.
        ("Its owner bought it in 2019 in a deal that valued it at £310 million.",
         [("last_round", 3.1e8)]),
        ("Tidevik was valued at €140 million when it raised €28 million in a Series A round.",
         [("last_round", 1.4e8)]),
        # A market value is shares times price, not a valuation.
        ("The merger would create a group with a combined market value of about ¥1.4tn.", []),
    ],
)  # fmt: skip
def test_labels_follow_the_words_before_each_figure(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(label, m.value) for label, _, m in labeled_in(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "no figure at all",
        "It paid no less than US$1.5 billion, about a third of its 2023 revenue of $4.4bn.",
        "A" * 300 + " valued above Rs 33,737 crore " + "B" * 300 + " and then 12 more",
    ],
)
def test_searching_near_digits_finds_what_the_full_search_finds(text: str) -> None:
    assert [(m.value, m.text, m.start) for m in money_near_digits(text)] == [
        (m.value, m.text, m.start) for m in find_money(text)
    ]
