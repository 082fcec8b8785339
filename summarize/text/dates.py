"""Read the dates an article writes out, so a stated ``announced_on`` can be checked.

News writes dates many ways: "September 2, 2025", "Sept. 2", "2nd September 2025",
"2025-09-02", "02/09/2025". Numeric day/month orders are ambiguous, so both readings are kept;
a date written without a year carries ``year=None`` and the checker decides what that supports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

DATE_RE = re.compile(
    rf"""
    (?<![\w/.-])(?:
        (?P<iso_y>{_YEAR})[-/.](?P<iso_m>1[0-2]|0?[1-9])[-/.](?P<iso_d>3[01]|[12]\d|0?[1-9])
      | (?P<num_a>\d{{1,2}})[/.-](?P<num_b>\d{{1,2}})[/.-](?P<num_y>{_YEAR})
      | (?P<md_m>{_MONTH})\.?\s+(?P<md_d>{_DAY})(?![\d:])(?:,?\s+(?P<md_y>{_YEAR}))?
      | (?P<dm_d>{_DAY})(?:\s+of)?\s+(?P<dm_m>{_MONTH})(?:\.?,?\s+(?P<dm_y>{_YEAR}))?
    )(?![\w/-])
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written: ``year`` is None when the text leaves it out."""

    year: int | None
    month: int
    day: int
    start: int
    end: int
    numeric: bool = False
    """Written as day and month numbers ("02/09/2025"): which is which may be unknown."""

    def supports(self, date: dt.date, *, assumed_year: bool) -> bool:
        """True when this mention states ``date``; a year-less one only when the year is assumed."""
        if (self.month, self.day) != (date.month, date.day):
            return False
        return self.year == date.year if self.year is not None else assumed_year


def _day(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February stays valid
    except ValueError:
        return False
    return True


def find_dates(text: str) -> list[DateMention]:
    """Every date written in ``text``; an ambiguous numeric date yields both readings."""
    found: list[DateMention] = []
    for m in DATE_RE.finditer(text):
        start, end = m.start(), m.end()
        readings: list[tuple[int | None, int, int]]
        numeric = bool(m["num_y"])
        if m["iso_y"]:
            readings = [(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))]
        elif m["num_y"]:
            a, b, year = int(m["num_a"]), int(m["num_b"]), int(m["num_y"])
            readings = [(year, b, a), (year, a, b)]  # day-first, then month-first
        elif m["md_m"]:
            year = int(m["md_y"]) if m["md_y"] else None
            readings = [(year, _MONTHS[m["md_m"].lower()], _day(m["md_d"]))]
        else:
            year = int(m["dm_y"]) if m["dm_y"] else None
            readings = [(year, _MONTHS[m["dm_m"].lower()], _day(m["dm_d"]))]
        for year, month, day in dict.fromkeys(readings):
            if _valid(year, month, day):
                found.append(DateMention(year, month, day, start, end, numeric))
    return found


def written_dates(text: str) -> list[DateMention]:
    """The dates ``text`` writes out whole (day, month and year; no day/month number order to
    guess): "3 March 2025", "March 3, 2025", "2025-03-03"."""
    return [m for m in find_dates(text) if m.year is not None and not m.numeric]


def date_at(text: str, at: int, *, within: int = 40) -> DateMention | None:
    """The date written starting exactly at ``at``, with or without its year ("March 3")."""
    return next((m for m in find_dates(text[at : at + within]) if m.start == 0), None)
