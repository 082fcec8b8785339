"""Whether a name is a place."""

from __future__ import annotations

import pytest

from summarize.text.places import is_place


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Orvane Labs, a Turku-based startup, raised money from Vantor Ventures.", "Turku", True),
        ("The firm, based in Graz, raised money.", "Graz", True),
        ("A New Leeds startup raised money from Leeds Capital.", "Leeds", True),
        ("Vantor Ventures led the round.", "Vantor Ventures", False),
    ],
)
def test_a_name_the_article_uses_as_a_place(text: str, name: str, place: bool) -> None:
    assert is_place(name, text) is place


@pytest.mark.parametrize(
    ("name", "place"),
    [("Germany", True), ("south korea", True), ("Hong Kong", True), ("Vantor Ventures", False),
     ("Turku", False)],
)  # fmt: skip
def test_countries_and_known_cities_are_places_whatever_the_article(name: str, place: bool) -> None:
    assert is_place(name) is place
