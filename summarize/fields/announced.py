"""announced_on: the date the article names as the announcement, else the lede's first date."""

from __future__ import annotations

import datetime as dt

from summarize.text.dates import date_at, written_dates
from summarize.text.phrases import pattern

ANNOUNCED_AT = pattern("announced", "announced_at")
"""Words before the announcement date in a later report: "a transaction it first announced on
March 3", "The deal, first announced on January 14, 2025, closed ..."."""
DATELINE_CHARS = 600
"""How far into the article the date of the story itself is looked for."""


def announced_on(text: str) -> tuple[dt.date, int, int] | None:
    """The date the article says the deal was first announced, else the lede's first full date,
    with where it is written. A report of a closing is dated by the closing; its announcement
    date is the one it names as such (without a year, the year that puts it before the lede's
    date)."""
    dates = written_dates(text[:DATELINE_CHARS])
    first = dt.date(dates[0].year, dates[0].month, dates[0].day) if dates else None
    found = announcement_date(text, first)
    if found is None and first is not None:
        found = first, dates[0].start, dates[0].end
    return found


def announcement_date(text: str, dated: dt.date | None) -> tuple[dt.date, int, int] | None:
    """The date after "first announced on" (and where it is written), or None."""
    for cue in ANNOUNCED_AT.finditer(text):
        at = cue.end()
        found = date_at(text, at)
        if found is None or found.numeric:
            continue
        if found.year is not None:
            return dt.date(found.year, found.month, found.day), at, at + found.end
        if dated is not None:
            try:
                day = dt.date(dated.year, found.month, found.day)
            except ValueError:
                continue
            if day > dated:
                day = day.replace(year=dated.year - 1)
            return day, at + found.start, at + found.end
    return None
