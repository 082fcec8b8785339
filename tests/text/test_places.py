"""Whether a name is a place."""

from __future__ import annotations

import pytest

from summarize.text.places import is_place


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Kotlin Labs, a Pune-based startup, raised money from Ember Ventures.", "Pune", True),
        ("The firm, based in Dewas, raised money.", "Dewas", True),
        ("A New Jersey startup raised money from Jersey Capital.", "Jersey", True),
        ("Ember Ventures led the round.", "Ember Ventures", False),
    ],
)
def test_a_place_is_not_an_investor(text: str, name: str, place: bool) -> None:
    assert is_place(name, text) is place
