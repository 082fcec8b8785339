"""Percentages as news writes them: "24.9%", "40 per cent", "51 pct", "a third", "half"."""

from __future__ import annotations

import re

_PERCENT_RE = re.compile(
    r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*(?:%|-?\s?per[\s-]?cent\b|-?pct\b)", re.IGNORECASE
)
_PERCENT_WORDS: dict[str, float] = {
    "half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3,
    "two thirds": 200 / 3, "two-thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0,
    "one-quarter": 25.0, "three quarters": 75.0, "three-quarters": 75.0, "a fifth": 20.0,
    "one fifth": 20.0, "one-fifth": 20.0, "a tenth": 10.0,
}  # fmt: skip
_PERCENT_WORD_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(w) for w in sorted(_PERCENT_WORDS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def find_percents(text: str) -> list[tuple[float, int, int]]:
    """Every percentage in ``text`` with where it is written, in text order."""
    found = [(float(m["num"]), m.start(), m.end()) for m in _PERCENT_RE.finditer(text)]
    found += [
        (_PERCENT_WORDS[m.group().lower()], m.start(), m.end())
        for m in _PERCENT_WORD_RE.finditer(text)
    ]
    return sorted(found, key=lambda f: f[1])
