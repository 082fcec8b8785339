"""Organization candidates: capitalized names in the article, most frequent and earliest first.

A small model cannot be trusted to write a name, but it can choose among strings that are
really in the article. ``find_orgs`` proposes those strings, so every party a rules strategy
outputs is a quote by construction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from summarize.text.phrases import pattern, words
from summarize.text.places import is_place
from summarize.text.sentences import sentence_starts

_NOT_ORG = words("orgs", "not_org")
"""Words that start capitalized but are not organizations (titles, time, filler)."""
_NEWS_ORGS = words("orgs", "news_orgs")

_CAP = r"(?:[A-Z](?:[\w&'’\-]|\.(?=\w))*|\d+[A-Z]\w*)"
_LINK = r"(?: (?:&|of|de|der|la|du|von|van|y) | |-)"
ORG_RE = re.compile(rf"{_CAP}(?:{_LINK}{_CAP})*(?: plc\b)?")


@dataclass(frozen=True, slots=True)
class OrgCandidate:
    """An organization-like name with how often and how early it appears."""

    name: str
    first: int
    count: int
    forms: tuple[str, ...] = ()
    """Shorter spellings merged into this name ("Quarro" for "Quarro Systems")."""

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.forms)


_TRAILING_JUNK = words("orgs", "trailing_junk")
_TITLE_WORDS = words("orgs", "title_words")


def _clean_org(raw: str) -> str:
    name = re.sub(r"['’]s$", "", raw.strip(" .,-'’"))
    words = name.split()
    # "Quarro Chief Executive Ines Marlow" -> "Quarro": a title ends the company name.
    for i, word in enumerate(words):
        if word.lower() in _TITLE_WORDS:
            words = words[:i]
            break
    words = [w for w in words if not re.search(r"-(?:based|listed|backed|owned)$", w, re.I)]
    # "Norway's Tindra Energy" -> "Tindra Energy": a possessive place is not the name;
    # "Orvane Labs's Expanding Footprint" -> "Orvane Labs": any other possessive ends the name.
    for i, word in enumerate(words[:-1]):
        if word.endswith(("'s", "’s")):
            owner = " ".join(words[: i + 1])[:-2]
            words = words[i + 1 :] if is_place(owner) else owner.split()
            break
    while words and words[0].lower() in _NOT_ORG:
        words = words[1:]
    while words and words[-1].lower() in _TRAILING_JUNK:
        words = words[:-1]
    return " ".join(words)


_ARTICLE_BEFORE = pattern("orgs", "article_before")
_COMPANY_NOUN_AFTER = pattern("orgs", "company_noun_after")
"""Around a word that only describes a company: "the Aarhus company that makes ...", "a
Gdansk startup". Written only that way, the word is a place or a sector, not a name."""


def find_orgs(text: str, *, limit: int = 14) -> list[OrgCandidate]:
    """Organization-like capitalized names, most frequent and earliest first.

    A single capitalized word at the start of a sentence only counts if it also appears
    capitalized elsewhere ("Shares rose" is not a company; "Quarro" is).
    """
    starts = sentence_starts(text)
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    mid_sentence: set[str] = set()
    named: set[str] = set()  # written at least once as a name, not only as a descriptor
    for match in ORG_RE.finditer(text):
        name = _clean_org(match.group())
        if not name or name.lower() in _NOT_ORG or len(name) < 2:
            continue
        if name.isupper() and len(name) > 4 and " " in name and match.start() in starts:
            continue  # an all-caps dateline such as "NORTH VALE"
        if not (
            _ARTICLE_BEFORE.search(text, max(0, match.start() - 4), match.start())
            and _COMPANY_NOUN_AFTER.match(text, match.end())
        ):
            named.add(name)
        counts[name] += 1
        first.setdefault(name, match.start())
        if match.start() not in starts:
            mid_sentence.add(name)
    # Merge partial mentions into the full name they abbreviate ("Brantwick" in
    # "Brantwick Capital Partners") so counts reflect the company, not the spelling.
    # The full name a partial mention abbreviates is the one written first ("Zelmora Inc" in
    # the lede, not "Zelmora Snacks" later).
    merged: set[str] = set()
    forms: dict[str, list[str]] = {}
    for short in sorted(counts, key=len):
        fuller = [f for f in counts if f != short and f.startswith(short + " ") and f not in merged]
        if fuller:
            full = min(fuller, key=lambda f: first[f])
            counts[full] += counts[short]
            first[full] = min(first[full], first[short])
            merged.add(short)
            forms.setdefault(full, []).extend([short, *forms.pop(short, [])])
    candidates = [
        OrgCandidate(name, first[name], counts[name], tuple(forms.get(name, ())))
        for name in counts
        if name not in merged
        and name in named
        and (" " in name or name in mid_sentence or counts[name] > 1)
        and name.lower() not in _NEWS_ORGS
        and not is_place(name)
        and name.upper() not in _currency_codes()
    ]
    candidates.sort(key=lambda c: (-min(c.count, 4), c.first))
    return candidates[:limit]


@cache
def _currency_codes() -> frozenset[str]:
    from summarize.schema import iso_currencies

    return iso_currencies()


_CREDIT_LINE = pattern("orgs", "credit_line")
"""A wire story's credit line, "(Reporting by Ana Porto in Lyon; Editing by ...)": its names
are reporters and places, never a deal's parties."""


def without_credit_lines(text: str) -> str:
    """The text with its credit lines blanked out (same length, so positions still hold)."""
    return _CREDIT_LINE.sub(lambda m: " " * len(m.group()), text)
