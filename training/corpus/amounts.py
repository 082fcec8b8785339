"""Money phrases in every currency and qualifier the toolkit reads, checked against its parser.

Each phrase is rendered from a known value, then read back with ``summarize.money.parse_money``;
a phrase the toolkit would misread is a bug in this module, so it raises instead of teaching the
model a label that grounding would reject.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from summarize.money import parse_money, values_match
from summarize.schema import Money, Qualifier

QUALIFIER_WORDS: dict[Qualifier, tuple[str, ...]] = {
    Qualifier.approximately: ("about", "around", "approximately", "roughly", "nearly", "almost",
                              "close to", "some", "an estimated"),
    Qualifier.more_than: ("more than", "over", "in excess of", "upwards of", "north of"),
    Qualifier.at_least: ("at least", "no less than", "a minimum of"),
    Qualifier.up_to: ("up to", "as much as", "as high as", "a maximum of"),
    Qualifier.less_than: ("less than", "under", "below"),
}  # fmt: skip

# How each currency writes a number: (prefix, separator, scale words, suffix). "{n}" is the number.
STYLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    # (prefix, scale style, suffix); scale style: "word" (million), "short" (m/bn), "word" only.
    "USD": (("$", "word", ""), ("$", "short", ""), ("US$", "word", ""), ("USD ", "word", ""),
            ("", "word", " dollars")),
    "EUR": (("€", "word", ""), ("€", "short", ""), ("EUR ", "word", ""), ("", "word", " euros")),
    "GBP": (("£", "word", ""), ("£", "short", ""), ("GBP ", "word", ""), ("", "word", " pounds")),
    "JPY": (("¥", "word", ""), ("", "word", " yen"), ("JPY ", "word", "")),
    "CHF": (("CHF ", "word", ""), ("CHF ", "short", ""), ("", "word", " francs")),
    "CAD": (("C$", "word", ""), ("C$", "short", ""), ("CA$", "word", "")),
    "INR": (("Rs ", "indian", ""), ("Rs. ", "indian", ""), ("₹", "indian", ""),
            ("INR ", "indian", ""), ("", "indian", " rupees"), ("Rs ", "word", "")),
}  # fmt: skip

SHORT_SCALES = {1e6: "m", 1e9: "bn"}
WORD_SCALES = {1e6: "million", 1e9: "billion", 1e12: "trillion"}
INDIAN_SCALES = {1e5: "lakh", 1e7: "crore", 1e12: "lakh crore"}

# Plausible deal sizes per currency, in base units: (low, high).
DEAL_RANGES: dict[str, tuple[float, float]] = {
    "USD": (5e6, 60e9), "EUR": (5e6, 40e9), "GBP": (5e6, 25e9), "JPY": (1e9, 4e12),
    "CHF": (10e6, 20e9), "CAD": (10e6, 20e9), "INR": (5e6, 6e11),
}  # fmt: skip
ROUND_RANGES: dict[str, tuple[float, float]] = {
    "USD": (1e6, 900e6), "EUR": (1e6, 500e6), "GBP": (1e6, 300e6), "JPY": (100e6, 50e9),
    "CHF": (2e6, 200e6), "CAD": (2e6, 300e6), "INR": (25e5, 3e10),
}  # fmt: skip


@dataclass(frozen=True)
class Amount:
    """A money fact: its value and the exact phrase the article uses for it."""

    value: float
    currency: str
    qualifier: Qualifier
    upper: float | None
    phrase: str

    def money(self, quote: str | None) -> Money:
        from summarize.schema import Evidence

        return Money(
            value=self.value,
            currency=self.currency,
            qualifier=self.qualifier,
            upper=self.upper,
            text=self.phrase,
            evidence=Evidence(quote=quote) if quote is not None else None,
        )


def _digits(mantissa: float) -> str:
    text = f"{mantissa:.2f}".rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    if len(whole) > 3:
        whole = f"{int(whole):,}"
    return f"{whole}.{frac}" if frac else whole


def _indian_digits(number: float) -> str:
    """Indian grouping: 4,850 / 12,400 / 1,25,000 (lakhs of crore are rare but real)."""
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    if len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        whole = ",".join([*groups, tail])
    return f"{whole}.{frac}" if frac else whole


def nice_value(rng: random.Random, low: float, high: float) -> float:
    """A value with two or three significant digits, log-uniform between ``low`` and ``high``."""
    import math

    raw = math.exp(rng.uniform(math.log(low), math.log(high)))
    digits = rng.choice((1, 2, 2, 3))
    magnitude = 10 ** (math.floor(math.log10(raw)) - digits + 1)
    return float(max(1, round(raw / magnitude)) * magnitude)


def _round_sig(value: float, digits: int) -> float:
    import math

    magnitude = 10 ** (math.floor(math.log10(value)) - digits + 1)
    return float(round(value / magnitude) * magnitude)


def _scale_for(value: float, scales: dict[float, str]) -> float:
    best = min(scales)
    for scale in sorted(scales):
        if value >= scale:
            best = scale
    return best


def number_phrase(value: float, currency: str, style: tuple[str, str, str]) -> str:
    """``value`` written in one style, without a qualifier: "$2.35 billion", "Rs 4,850 crore"."""
    prefix, scale_style, suffix = style
    if value < (1e5 if scale_style == "indian" else 1e6):
        digits = _indian_digits(value) if scale_style == "indian" else f"{value:,.0f}"
        return f"{prefix}{digits}{suffix}"
    if scale_style == "indian":
        scale = 1e7 if value >= 1e7 else 1e5
        if value >= 1e12 and value % 1e10 == 0:
            scale = 1e12
        number = _indian_digits(value / scale)
        return f"{prefix}{number} {INDIAN_SCALES[scale]}{suffix}"
    scales = SHORT_SCALES if scale_style == "short" else WORD_SCALES
    scale = _scale_for(value, scales)
    number = _digits(value / scale)
    if scale_style == "short":
        return f"{prefix}{number}{scales[scale]}{suffix}"
    return f"{prefix}{number} {scales[scale]}{suffix}"


def _check(amount: Amount) -> Amount:
    read = parse_money(amount.phrase)
    ok = (
        read is not None
        and read.currency == amount.currency
        and read.qualifier == amount.qualifier
        and read.text == amount.phrase
        and values_match(read.value, amount.value, tolerance=1e-9)
        and (amount.upper is None) == (read.upper is None)
        and (amount.upper is None or values_match(read.upper or 0, amount.upper, tolerance=1e-9))
    )
    if not ok:
        raise AssertionError(f"the toolkit reads {amount.phrase!r} as {read}, not {amount}")
    return amount


def _compact_range(
    value: float, upper: float, currency: str, style: tuple[str, str, str]
) -> str | None:
    """ "$1.1-1.3 billion", "Rs 400-450 crore": one scale word for both ends, when they share it."""
    prefix = style[0]
    low_text = number_phrase(value, currency, style)
    high_text = number_phrase(upper, currency, style)
    low_num, _, low_tail = low_text.removeprefix(prefix).partition(" ")
    high_num, _, high_tail = high_text.removeprefix(prefix).partition(" ")
    if not low_tail or low_tail != high_tail:
        return None
    return f"{prefix}{low_num}-{high_num} {high_tail}"


def pick_style(rng: random.Random, currency: str) -> tuple[str, str, str]:
    return rng.choice(STYLES[currency])


def render(
    rng: random.Random,
    value: float,
    currency: str,
    qualifier: Qualifier,
    *,
    upper: float | None = None,
    style: tuple[str, str, str] | None = None,
) -> Amount:
    """The phrase for a known amount, verified by the toolkit's own parser."""
    style = style or pick_style(rng, currency)
    if qualifier is Qualifier.range:
        if upper is None:
            raise ValueError("a range needs an upper bound")
        # A suffix currency is written once, at the end: "between 300 and 450 million francs".
        low_text = number_phrase(value, currency, (style[0], style[1], ""))
        high_text = number_phrase(upper, currency, style)
        form = rng.randrange(4)
        compact = _compact_range(value, upper, currency, style)
        if form == 3 and compact:
            phrase = compact
        elif form == 0:
            phrase = f"between {low_text} and {high_text}"
        elif form == 1:
            phrase = f"{low_text} to {high_text}"
        else:
            phrase = f"{low_text}-{high_text}"
        return _check(Amount(value, currency, qualifier, upper, phrase))
    base = number_phrase(value, currency, style)
    if qualifier is Qualifier.exact:
        return _check(Amount(value, currency, qualifier, None, base))
    cue = rng.choice(QUALIFIER_WORDS[qualifier])
    return _check(Amount(value, currency, qualifier, None, f"{cue} {base}"))


def sample(
    rng: random.Random,
    currency: str,
    qualifier: Qualifier,
    *,
    funding: bool = False,
    style: tuple[str, str, str] | None = None,
) -> Amount:
    """A plausible deal (or round) amount with its phrase."""
    low, high = (ROUND_RANGES if funding else DEAL_RANGES)[currency]
    value = nice_value(rng, low, high)
    upper = None
    if qualifier is Qualifier.range:
        upper = _round_sig(value * rng.choice((1.2, 1.25, 1.3, 1.4, 1.5, 1.6, 2.0)), 3)
    return render(rng, value, currency, qualifier, upper=upper, style=style)


def distractor(rng: random.Random, currency: str, near: float) -> str:
    """A money phrase for an unrelated figure (revenue, market value), never the deal amount."""
    import math

    floor = 2e5 if currency == "INR" else 1e6
    for _ in range(20):
        value = nice_value(rng, max(floor, near / 30), max(floor * 2, near * 30))
        if not math.isclose(value, near, rel_tol=0.05):
            break
    qualifier = rng.choice((Qualifier.exact, Qualifier.exact, Qualifier.approximately))
    return render(rng, value, currency, qualifier).phrase
