"""announced_on: the date named as the announcement, else the lede's first date."""

from __future__ import annotations

import pytest

from summarize.fields.announced import announced_on


@pytest.mark.parametrize(
    ("text", "announced"),
    [
        ("TURKU, 15 July 2025 - Nordlys closed the purchase of Wrenfield it first announced on "
         "March 3.", "2025-03-03"),
        ("TURKU, 2 February 2025 - Nordlys closed the deal, first announced on December 12.",
         "2024-12-12"),
        ("TURKU, 30 May 2025 - The deal, first announced on January 14, 2025, closed today.",
         "2025-01-14"),
        ("TURKU, 3 March 2025 - Nordlys agreed to buy Wrenfield.", "2025-03-03"),
        ("TURKU, 29 January 2026 - Nordlys closed a takeover it announced on 6 October last year.",
         "2025-10-06"),
        ("TALLINN, 13 October 2025 - Nordlys ended the deal. It had announced the purchase on "
         "4 August.", "2025-08-04"),
        ("Nordlys agreed to buy Wrenfield, it said.", None),
    ],
)  # fmt: skip
def test_announced_on_is_the_date_named_as_the_announcement(
    text: str, announced: str | None
) -> None:
    found = announced_on(text)
    assert (str(found[0]) if found else None) == announced
    if found:  # the quote is where the chosen date is written
        assert found[0].strftime("%B") in text[found[1] : found[2]]
