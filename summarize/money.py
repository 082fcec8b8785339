"""Read money phrases ("more than $10 billion", "Rs 33,737 crore", "€385m") into base units.

One parser serves the embedded extractor (candidate amounts), grounding (is the value readable
from its quote?) and the scorers (labels written as phrases). Currency symbols and codes come
from babel; scale words and Indian numbering (lakh, crore) are ours because no maintained
library reads them inside running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from summarize.schema import Money, Qualifier

SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}

# Prefix markers (before the number). Longest first so "US$" wins over "$".
PREFIX_CURRENCIES: dict[str, str] = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "hk$": "HKD",
    "s$": "SGD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "rs.": "INR",
    "rs": "INR",
    "inr": "INR",
    "chf": "CHF",
    "sek": "SEK",
    "cny": "CNY",
    "rmb": "CNY",
    "krw": "KRW",
    "₩": "KRW",
    "brl": "BRL",
    "r$": "BRL",
    "₦": "NGN",
    "zł": "PLN",
}
CASED_PREFIXES: dict[str, str] = {"Rp": "IDR", "R": "ZAR", "N": "NGN"}
"""Capital letters that mark a currency only as such, right before a figure with a scale
("R3.2bn" in South African news, "N312 billion" in Nigerian, "Rp1.1 trillion"): never "r" or
"n" ending a word, never a bare "N95"."""

# Suffix words (after the number and scale): "150 billion yen", "2 billion euros".
SUFFIX_CURRENCIES: dict[str, str] = {
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "yen": "JPY",
    "jpy": "JPY",
    "rupees": "INR",
    "rupee": "INR",
    "inr": "INR",
    "yuan": "CNY",
    "won": "KRW",
    "francs": "CHF",
    "swiss francs": "CHF",
    "chf": "CHF",
    "kronor": "SEK",
    "swedish kronor": "SEK",
    "danish kroner": "DKK",
    "norwegian kroner": "NOK",
    "reais": "BRL",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "singapore dollars": "SGD",
    "hong kong dollars": "HKD",
    "new zealand dollars": "NZD",
    "british pounds": "GBP",
    "zlotys": "PLN",
    "zloty": "PLN",
    "złoty": "PLN",
    "złotys": "PLN",
    "pesos": "MXN",
    "mexican pesos": "MXN",
    "philippine pesos": "PHP",
    "chilean pesos": "CLP",
    "colombian pesos": "COP",
    "argentine pesos": "ARS",
    "rand": "ZAR",
    "naira": "NGN",
    "rupiah": "IDR",
    "ringgit": "MYR",
    "baht": "THB",
    "dirhams": "AED",
    "riyals": "SAR",
    "lira": "TRY",
    "forints": "HUF",
}

QUALIFIER_CUES: tuple[tuple[str, Qualifier], ...] = (
    ("more than", Qualifier.more_than),
    ("over", Qualifier.more_than),
    ("in excess of", Qualifier.more_than),
    ("upwards of", Qualifier.more_than),
    ("north of", Qualifier.more_than),
    ("above", Qualifier.more_than),
    ("exceeding", Qualifier.more_than),
    ("surpass", Qualifier.more_than),
    ("at least", Qualifier.at_least),
    ("no less than", Qualifier.at_least),
    ("a minimum of", Qualifier.at_least),
    ("up to", Qualifier.up_to),
    ("as much as", Qualifier.up_to),
    ("as high as", Qualifier.up_to),
    ("a maximum of", Qualifier.up_to),
    ("less than", Qualifier.less_than),
    ("under", Qualifier.less_than),
    ("below", Qualifier.less_than),
    ("nearly", Qualifier.approximately),
    ("almost", Qualifier.approximately),
    ("about", Qualifier.approximately),
    ("around", Qualifier.approximately),
    ("approximately", Qualifier.approximately),
    ("roughly", Qualifier.approximately),
    ("some", Qualifier.approximately),
    ("an estimated", Qualifier.approximately),
    ("estimated", Qualifier.approximately),
    ("close to", Qualifier.approximately),
    ("approx.", Qualifier.approximately),
    ("~", Qualifier.approximately),
)

_NUMBER = r"\d{1,3}(?:[,\u202f]\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
_PREFIX = "|".join(sorted((re.escape(s) for s in PREFIX_CURRENCIES), key=len, reverse=True))
_CASED = "|".join(sorted(CASED_PREFIXES, key=len, reverse=True))
_PREFIX = rf"(?-i:(?<![A-Za-z])(?:{_CASED})(?=\d))|{_PREFIX}"
_SUFFIX = "|".join(sorted((re.escape(s) for s in SUFFIX_CURRENCIES), key=len, reverse=True))
_QUAL = "|".join(re.escape(q) for q, _ in sorted(QUALIFIER_CUES, key=lambda c: -len(c[0])))

# One amount: [prefix] number [-|to number] [scale] [scale] [suffix]
_AMOUNT = rf"""
    (?P<prefix{{n}}>{_PREFIX})?\s?
    (?P<num{{n}}>{_NUMBER})
    (?:(?:\s?|-)(?P<scale{{n}}>{_SCALE})(?![a-z]))?
    (?:\s(?P<scale2{{n}}>lakh|crore|million|billion)(?![a-z]))?
"""

_AMOUNT1 = _AMOUNT.replace("{n}", "1")
_AMOUNT2 = _AMOUNT.replace("{n}", "2")

MONEY_RE = re.compile(
    rf"""
    (?:(?P<qual>{_QUAL})\s+)?
    (?:(?P<between>between)\s+)?
    {_AMOUNT1}
    (?:
        \s?(?P<sep>-|–|—|to|and)\s?
        {_AMOUNT2}
    )?
    (?:\s?(?P<suffix>{_SUFFIX})(?![a-z]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
SINGLE_MONEY_RE = re.compile(
    rf"""
    (?:(?P<qual>{_QUAL})\s+)?
    (?:between\s+)?
    {_AMOUNT1}
    (?:\s?(?P<suffix>{_SUFFIX})(?![a-z]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
"""One amount only: what a failed range ("$500 million to 3 banks") falls back to."""


@dataclass(frozen=True, slots=True)
class MoneyMention:
    """An amount found in text, with where it was found."""

    value: float
    currency: str
    qualifier: Qualifier
    upper: float | None
    text: str
    start: int
    end: int

    def to_money(self) -> Money:
        return Money(
            value=self.value,
            currency=self.currency,
            qualifier=self.qualifier,
            upper=self.upper,
            text=self.text,
        )


def _number(raw: str) -> float:
    return float(raw.replace(",", "").replace("\u202f", ""))


def _scale(*words: str | None) -> float:
    factor = 1.0
    for word in words:
        if word:
            factor *= SCALES[_key(word)]
    return factor


_ASCII_FOLDS = str.maketrans({"ſ": "s", "\u212a": "k", "ı": "i", "İ": "i"})
"""The non-ASCII letters ``re.IGNORECASE`` takes for ASCII ones ("ſome" matches "some")."""


def _key(word: str) -> str:
    """A matched word as the ASCII lower-case key of its table, whatever letters matched it."""
    return word.translate(_ASCII_FOLDS).lower()


@cache
def _qualifier_for(cue: str) -> Qualifier:
    cue = _key(cue)
    return next(q for c, q in QUALIFIER_CUES if c == cue)


def _not_a_range(match: re.Match[str]) -> bool:
    """ "$1.5 billion and 20% stake", "$500 million to 3 banks": two numbers, not one range."""
    if not match["num2"]:
        return False
    if match["sep"].lower() == "and" and not match["between"]:
        return True
    # A bare second number cannot take its scale from a first that names its own.
    bare2 = not (match["prefix2"] or match["scale2"] or match["scale22"])
    return bare2 and bool(match["scale1"] or match["scale21"])


def _mention(match: re.Match[str], text: str) -> MoneyMention | None:
    g = match.groupdict()
    prefix = g["prefix1"] or g.get("prefix2")
    suffix = g["suffix"]
    currency = None
    if prefix in CASED_PREFIXES:
        if not (g["scale1"] or g.get("scale2")):
            return None  # "N95", "R400": a capital letter and a number, not money
        currency = CASED_PREFIXES[prefix]
    elif prefix:
        currency = PREFIX_CURRENCIES[_key(prefix)]
    elif suffix:
        currency = SUFFIX_CURRENCIES[_key(suffix)]
    scale1 = (g["scale1"], g["scale21"])
    scale2 = (g.get("scale2"), g.get("scale22"))
    if currency is None:
        # Bare "33,737 crore" is rupees in Indian English; other bare numbers are not money.
        words = {w.lower() for w in (*scale1, *scale2) if w}
        if words & {"crore", "crores", "cr", "lakh", "lakhs", "lac"}:
            currency = "INR"
        else:
            return None
    # Single letters (m, b, k) only count as scales right after the digits ("$10bn", "€5m").
    for name, word in (("scale1", g["scale1"]), ("scale2", g.get("scale2"))):
        if word and len(word) == 1 and match.start(name) != match.end(name.replace("scale", "num")):
            return None
    value = _number(match["num1"])
    upper = None
    if g.get("num2"):
        upper_scale = _scale(*scale2) if any(scale2) else _scale(*scale1)
        lower_scale = _scale(*scale1) if any(scale1) else upper_scale
        value *= lower_scale
        upper = _number(match["num2"]) * upper_scale
        if upper <= value:
            return None
    else:
        value *= _scale(*scale1)
    if value <= 0:
        return None
    qualifier = Qualifier.range if upper else Qualifier.exact
    if match["qual"] and not upper:
        qualifier = _qualifier_for(match["qual"])
    start, end = match.start(), match.end()
    return MoneyMention(value, currency, qualifier, upper, text[start:end].strip(), start, end)


LEAD_WORDS = frozenset(
    [
        *(word for cue, _ in QUALIFIER_CUES for word in cue.split()),
        "between",
        *PREFIX_CURRENCIES,
        *(p.lower() for p in CASED_PREFIXES),
    ]
)
"""Every word that may stand between an amount's start and its first digit."""
_LEAD_ENDINGS = tuple(LEAD_WORDS)
_DIGIT = re.compile(r"\d")


def _earliest_start(text: str, pos: int) -> int:
    """The first place at or after ``pos`` where an amount can begin.

    ``MONEY_RE`` makes everything before the number optional, so ``re`` tries all its
    alternatives at every position of the text, about a microsecond each. An amount starts
    at its first digit, or before it with qualifier words, "between" and a currency marker
    only, so the search can start at the first of those words before the next digit (any
    non-ASCII word counts as one: case-blind matching folds some of them to ASCII letters).
    """
    digit = _DIGIT.search(text, pos)
    if digit is None:
        return len(text)
    start = digit.start()
    while start > pos and not text[start - 1].isspace():
        start -= 1  # the digit's own run ("US$5")
    while start > pos:
        end = start
        while end > pos and text[end - 1].isspace():
            end -= 1
        begin = end
        while begin > pos and not text[begin - 1].isspace():
            begin -= 1
        word = text[begin:end]
        if word and (not word.isascii() or word.lower() in LEAD_WORDS):
            start = begin
            continue
        # a match may start inside a word that ends like a lead word ("xabout 5"), or at the
        # space right before the digits
        return begin if word.lower().endswith(_LEAD_ENDINGS) else end
    return start


def find_money(text: str) -> list[MoneyMention]:
    """Every money amount in ``text``, in order of appearance."""
    mentions = []
    pos = 0
    while (match := MONEY_RE.search(text, _earliest_start(text, pos))) is not None:
        mention = _mention(match, text)
        if (mention is None and match["num2"]) or _not_a_range(match):
            # Not a range after all: keep the first amount and read on from its end.
            single = SINGLE_MONEY_RE.match(text, match.start())
            mention = _mention(single, text) if single else None
            match = single or match
        if mention is not None:
            mentions.append(mention)
        pos = max(match.end(), pos + 1)
    return mentions


def parse_money(phrase: str) -> MoneyMention | None:
    """The first amount in a phrase such as 'about €385 million', or None."""
    found = find_money(phrase)
    return found[0] if found else None


def values_match(a: float, b: float, *, tolerance: float) -> bool:
    """True when two amounts agree within a relative tolerance."""
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
