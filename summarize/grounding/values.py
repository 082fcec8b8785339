"""Typed checks: is the value itself readable from the article's words at its evidence span?

A quote can be found in the article and still not support the value: "$1 billion" for a value
of 10 billion, "Meta said" for the party "Scale AI", "on Sunday" for 2025-06-08. Each check
reads the words at the span (not the model's copy of them) and returns a reason when the value
is not there, or None when it is.
"""

from __future__ import annotations

import datetime as dt
import re

from summarize.money import MoneyMention, find_money, values_match
from summarize.names import AliasTable, find_name, strip_legal_suffix
from summarize.schema import Money
from summarize.text.dates import find_dates
from summarize.text.percents import find_percents

MONEY_TOLERANCE: float = 0.01
"""Relative difference allowed between an amount and the amount its quote states (rounding)."""

PERCENT_TOLERANCE: float = 0.05
"""Percentage points allowed between a stake and its quote: 33.3 for "a third", not 33 for 33.5."""

CURRENCY_CONTEXT_CHARS: int = 24
"""How far around a quote to look for the currency of an amount the quote cut off ("10bn")."""

SHORT_FORM_STOPWORDS: frozenset[str] = frozenset(
    {"the", "new", "first", "general", "national", "united", "american", "global", "international",
     "bank", "capital", "china", "india", "japan", "us", "group", "royal", "standard", "south",
     "north", "east", "west"}
)  # fmt: skip
"""First words that never stand alone for a company ("Bank" of "Bank of America")."""


def describe_money(money: Money) -> str:
    return money.text or f"{money.currency} {money.value:,.0f}"


def _same_amount(money: Money, mention: MoneyMention) -> bool:
    if not values_match(mention.value, money.value, tolerance=MONEY_TOLERANCE):
        return False
    if money.upper is None:
        return True
    return mention.upper is not None and values_match(
        mention.upper, money.upper, tolerance=MONEY_TOLERANCE
    )


def money_problem(money: Money, text: str, spans: list[tuple[int, int]]) -> str | None:
    """Why the words at ``spans`` do not state ``money`` (digits, scale and currency), or None."""
    quote = " … ".join(text[s:e] for s, e in spans)
    mentions = find_money(quote)
    same = [m for m in mentions if _same_amount(money, m)]
    if any(m.currency == money.currency for m in same):
        return None
    if same:
        return f"the quote's {same[0].text!r} is in {same[0].currency}, not {money.currency}"
    # A quote may cut off the currency ("10bn" of "$10bn"): read the amount around it.
    if any(c.isdigit() for c in quote):
        low, high = spans[0][0], spans[-1][1]
        offset = max(0, low - CURRENCY_CONTEXT_CHARS)
        for m in find_money(text[offset : high + CURRENCY_CONTEXT_CHARS]):
            overlaps = m.start + offset < high and m.end + offset > low
            if overlaps and _same_amount(money, m) and m.currency == money.currency:
                return None
    if mentions:
        stated = ", ".join(repr(m.text) for m in mentions)
        return f"the quote states {stated}, not {describe_money(money)!r}"
    return f"no amount in the quote ({describe_money(money)!r} expected)"


def find_amount(money: Money, text: str) -> tuple[int, int] | None:
    """The first place ``text`` states ``money`` (same value and currency)."""
    for m in find_money(text):
        if m.currency == money.currency and _same_amount(money, m):
            phrase = text[m.start : m.end]
            start = m.start + len(phrase) - len(phrase.lstrip())
            return start, m.end - (len(phrase) - len(phrase.rstrip()))
    return None


def percent_problem(value: float, quote: str) -> str | None:
    """Why ``quote`` does not state a stake of ``value`` percent, or None."""
    found = find_percents(quote)
    if any(abs(v - value) <= PERCENT_TOLERANCE for v, _, _ in found):
        return None
    if found:
        stated = ", ".join(repr(quote[s:e]) for _, s, e in found)
        return f"the quote states {stated}, not {value:g}%"
    return f"no percentage in the quote ({value:g}% expected)"


def find_percent(value: float, text: str) -> tuple[int, int] | None:
    return next(
        ((s, e) for v, s, e in find_percents(text) if abs(v - value) <= PERCENT_TOLERANCE), None
    )


def date_problem(date: dt.date, quote: str, text: str) -> str | None:
    """Why ``quote`` does not state ``date``, or None.

    A date written without a year ("on September 2") supports the value only when the article
    states that year somewhere (its dateline, usually).
    """
    assumed_year = str(date.year) in text
    mentions = find_dates(quote)
    if any(m.supports(date, assumed_year=assumed_year) for m in mentions):
        return None
    if any(m.year is None and (m.month, m.day) == (date.month, date.day) for m in mentions):
        return f"the quote gives no year and the article never states {date.year}"
    if mentions:
        stated = ", ".join(dict.fromkeys(repr(quote[m.start : m.end]) for m in mentions))
        return f"the quote states {stated}, not {date.isoformat()}"
    return f"no date in the quote ({date.isoformat()} expected)"


def find_date(date: dt.date, text: str) -> tuple[int, int] | None:
    assumed_year = str(date.year) in text
    return next(
        ((m.start, m.end) for m in find_dates(text) if m.supports(date, assumed_year=assumed_year)),
        None,
    )


def _short_form(name: str, *, person: bool) -> str | None:
    """The one word a later mention may use: a person's surname, a company's first word."""
    words = strip_legal_suffix(name).split()
    if len(words) < 2:
        return None
    word = (words[-1] if person else words[0]).strip(",.;:'’\"")
    if len(word) < 3 or not word[0].isupper() or word.lower() in SHORT_FORM_STOPWORDS:
        return None
    return word


def name_problem(
    name: str, quote: str, text: str, *, aliases: AliasTable | None = None, person: bool = False
) -> str | None:
    """Why ``quote`` does not name ``name``, or None.

    Besides the name, its suffix-less form and its aliases, a quote may use the short form news
    writes after the first mention ("Meta" for "Meta Platforms", "Solheim" for "Ingrid Solheim"),
    but only when the article also states the full name.
    """
    if find_name(name, quote, aliases) is not None:
        return None
    short = _short_form(name, person=person)
    if (
        short
        and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", quote)
        and find_name(name, text, aliases) is not None
    ):
        return None
    return f"{name!r} does not occur in the quote"
