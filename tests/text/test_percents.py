"""Percentages with where they are written."""

from __future__ import annotations

import pytest

from summarize.text.percents import find_percents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It bought 24.9% of the firm.", [(24.9, "24.9%")]),
        ("a 10 per cent stake and 35 percent more", [(10.0, "10 per cent"), (35.0, "35 percent")]),
        ("up 5 % on the day, then 7 pct", [(5.0, "5 %"), (7.0, "7 pct")]),
        ("a third of the shares, half the board", [(100 / 3, "a third"), (50.0, "half")]),
        ("no percentages here, only 45 points", []),
    ],
)
def test_find_percents(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(value, text[start:end]) for value, start, end in find_percents(text)] == expected
