"""announced_on: the date the article names as the announcement, else the lede's first date."""

from __future__ import annotations

import datetime as dt
import re

from summarize.text.dates import full_dates, month_day_at

ANNOUNCED_AT = re.compile(
    r"\b(?:(?:first|originally|initially) announced|"
    r"(?:deal|transaction|acquisition|agreement|merger|offer) was announced|"
    r"(?:deal|transaction|acquisition|takeover|agreement|merger|purchase) (?:it|they|that|which) "
    r"(?:first )?announced|"
    r"(?:had|has|have) announced (?:the|its|their) (?:deal|transaction|acquisition|takeover|"
    r"agreement|merger|purchase)) (?:on )?",
    re.I,
)
"""Words before the announcement date in a later report: "a transaction it first announced on
March 3", "The deal, first announced on January 14, 2025, closed ...", "a takeover it announced
on 6 October last year"."""
DATELINE_CHARS = 600
"""How far into the article the date of the story itself is looked for."""


def announced_on(text: str) -> tuple[dt.date, int, int] | None:
    """The date the article says the deal was first announced, else the lede's first full date,
    with where it is written. A report of a closing is dated by the closing; its announcement
    date is the one it names as such (without a year, the year that puts it before the lede's
    date)."""
    dates = full_dates(text[:DATELINE_CHARS])
    found = announcement_date(text, dt.date.fromisoformat(dates[0][0]) if dates else None)
    if found is None and dates:
        iso, span = dates[0]
        found = dt.date.fromisoformat(iso), span.start, span.end
    return found


def announcement_date(text: str, dated: dt.date | None) -> tuple[dt.date, int, int] | None:
    """The date after "first announced on" (and where it is written), or None."""
    for cue in ANNOUNCED_AT.finditer(text):
        at = cue.end()
        full = full_dates(text[at : at + 40])
        if full and full[0][1].start == 0:
            return dt.date.fromisoformat(full[0][0]), at, at + full[0][1].end
        short = month_day_at(text, at)
        if short and dated is not None:
            month, day_of_month, span = short
            try:
                day = dt.date(dated.year, month, day_of_month)
            except ValueError:
                continue
            if day > dated:
                day = day.replace(year=dated.year - 1)
            return day, span.start, span.end
    return None
