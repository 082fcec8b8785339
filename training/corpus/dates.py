"""Dates as news writes them, each read back with the grounding date reader before use."""

from __future__ import annotations

import datetime as dt
import random

from summarize.text.dates import find_dates

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBR = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
QUARTERS = ("first", "second", "third", "fourth")


def sample_date(rng: random.Random) -> dt.date:
    """A business day between 2019 and 2026."""
    day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def date_phrase(rng: random.Random, day: dt.date, *, with_year: bool) -> str:
    """ "March 4, 2025", "4 March 2025", "Sept. 4", "2025-03-04"; checked with ``find_dates``."""
    month = MONTHS[day.month - 1]
    forms = [f"{month} {day.day}", f"{day.day} {month}", f"{MONTH_ABBR[day.month - 1]} {day.day}"]
    if with_year:
        forms = [
            f"{month} {day.day}, {day.year}",
            f"{day.day} {month} {day.year}",
            f"{MONTH_ABBR[day.month - 1]} {day.day}, {day.year}",
            day.isoformat(),
        ]
    phrase = rng.choice(forms)
    found = find_dates(phrase)
    if not any(
        m.supports(day, assumed_year=True) and m.end - m.start == len(phrase) for m in found
    ):
        raise AssertionError(f"the toolkit does not read {phrase!r} as {day}")
    return phrase


def dateline_date(day: dt.date) -> str:
    """The date in a byline: "March 4, 2025"."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def closing_period(rng: random.Random, day: dt.date) -> str:
    """When a deal is expected to close: never a full date, so it is not taken for announced_on."""
    year = day.year + rng.choice((0, 1, 1))
    return rng.choice(
        (
            f"the {rng.choice(QUARTERS)} quarter of {year}",
            f"the first half of {year}",
            f"the second half of {year}",
            f"the end of {year}",
            f"early {year + 1}",
            "the coming months",
            f"{rng.choice(MONTHS)} {year}",
        )
    )


def past_month(rng: random.Random, day: dt.date) -> str:
    """A month before ``day``, for "the deal, announced in March": month only, no day."""
    back = day - dt.timedelta(days=rng.randrange(40, 300))
    return (
        f"{MONTHS[back.month - 1]}"
        if back.year == day.year
        else f"{MONTHS[back.month - 1]} {back.year}"
    )
