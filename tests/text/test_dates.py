from __future__ import annotations

import pytest

from summarize.text.dates import date_at, find_dates, written_dates


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("TURKU, September 2, 2025 —", [(2025, 9, 2)]),
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


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Signed on 3 March 2024 in Turku.", "2024-03-03"),
        ("Signed on March 4, 2024 in Turku.", "2024-03-04"),
        ("Signed on Sept. 9, 2023 in Turku.", "2023-09-09"),
        ("Signed on 12 Dec 2025 in Turku.", "2025-12-12"),
        ("Filed 2024-03-05 with the regulator.", "2024-03-05"),
    ],
)
def test_written_dates_in_three_formats(text: str, iso: str) -> None:
    (found,) = written_dates(text)
    assert f"{found.year:04d}-{found.month:02d}-{found.day:02d}" == iso
    assert text[found.start : found.end] in text


@pytest.mark.parametrize(
    ("text", "quote"),
    [("It was agreed on 4 August.", "4 August"), ("Signed 2 Sept. 2025 in Turku.", "2 Sept. 2025")],
)
def test_a_sentence_end_after_a_month_is_not_part_of_the_date(text: str, quote: str) -> None:
    (found,) = find_dates(text)
    assert text[found.start : found.end] == quote


@pytest.mark.parametrize(
    "text",
    ["It closed in March 2024.", "It closed on March 6.", "It closed in 2024.",
     "It closed on 2024-13-01.", "It closed on 40 March 2024.", "It closed on 31 February 2025.",
     "Filed 02/09/2025."],
)  # fmt: skip
def test_no_written_date_without_day_month_and_year_in_words(text: str) -> None:
    assert written_dates(text) == []


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [("announced on March 3, 2025 and", 13, (2025, 3, 3)), ("announced on 6 October last", 13,
      (None, 10, 6)), ("announced on Monday, March 3", 13, None)],
)  # fmt: skip
def test_date_at_reads_only_a_date_starting_there(
    text: str, at: int, expected: tuple[int | None, int, int] | None
) -> None:
    found = date_at(text, at)
    assert (None if found is None else (found.year, found.month, found.day)) == expected
