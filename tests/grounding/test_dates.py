from __future__ import annotations

import pytest

from summarize.grounding.dates import find_dates


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("OSLO, September 2, 2025 —", [(2025, 9, 2)]),
        ("on Sept. 2, 2025.", [(2025, 9, 2)]),
        ("on Sep 2nd 2025", [(2025, 9, 2)]),
        ("on 2 September 2025", [(2025, 9, 2)]),
        ("on the 2nd of September, 2025", [(2025, 9, 2)]),
        ("dated 2025-09-02", [(2025, 9, 2)]),
        ("dated 2025/9/2", [(2025, 9, 2)]),
        ("filed 02/09/2025", [(2025, 9, 2), (2025, 2, 9)]),
        ("filed 25.09.2025", [(2025, 9, 25)]),
        ("said on September 2 that", [(None, 9, 2)]),
        ("said on 29 February", [(None, 2, 29)]),
    ],
)
def test_find_dates_reads_common_formats(
    text: str, readings: list[tuple[int | None, int, int]]
) -> None:
    found = find_dates(text)
    assert [(m.year, m.month, m.day) for m in found] == readings
    assert all(text[m.start : m.end].strip() == text[m.start : m.end] for m in found)


@pytest.mark.parametrize(
    "text",
    ["in September 2025", "revenue of 2,025 million", "version 2.9.1", "on 31 February 2025"],
)
def test_find_dates_ignores_what_is_not_a_day(text: str) -> None:
    assert find_dates(text) == []
