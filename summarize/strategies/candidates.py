"""Candidate spans taken from the article itself: organizations, percentages, dates, people.

A 270M base model cannot be trusted to write a name or a number, but it can choose among
strings that are really in the article. These finders propose those strings, each with its
position, so every value the embedded strategy outputs is a quote by construction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_NUMBER = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip

# Words that start capitalized but are not organizations (titles, time, filler).
_NOT_ORG = {
    "the", "a", "an", "in", "on", "at", "for", "and", "but", "or", "if", "as", "by", "of", "to",
    "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "i", "our", "their",
    "his", "her", "under", "after", "before", "while", "when", "with", "from", "last", "next",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "chief", "executive", "officer", "ceo", "cfo", "coo", "cto", "president", "chairman",
    "chairwoman", "chair", "founder", "co-founder", "director", "managing", "partner", "head",
    "analyst", "analysts", "shares", "series", "round", "deal", "company", "group",
    "according", "reuters", "bloomberg", "people", "sources", "however", "meanwhile", "also",
    "neither", "both", "some", "many", "most", "other", "one", "two", "three", "new", "read",
    "update", "updated", "news", "q1", "q2", "q3", "q4", "fy", "inc", "ltd", "plc",
    "what", "why", "how", "who", "where", "there", "here", "still", "yet", "since", "instead",
    "customers", "investors", "private-equity", "us", "uk", "eu", "ai", "ev", "ipo", "ebitda",
    "u.s", "u.k", "rs", "nclt", "cci", "sebi", "fdi", "gdp", "ftse", "nasdaq", "nyse", "ltd.",
    "american", "british", "dutch", "german", "french", "swiss", "swedish", "japanese", "indian",
    "chinese", "korean", "canadian", "european", "asian", "italian", "spanish", "thai",
    "vietnamese", "brazilian", "mexican", "australian", "irish", "belgian", "danish", "norwegian",
    "finnish", "austrian", "polish", "russian", "turkish", "saudi", "emirati", "israeli",
    "singaporean", "indonesian", "malaysian", "filipino", "taiwanese", "african", "nigerian",
    "egyptian", "argentine", "chilean", "colombian", "portuguese", "greek", "czech", "hungarian",
    "scandinavian", "nordic", "gulf", "latin", "quebec", "ontario", "bavaria", "bavarian",
    *(m.lower() for m in _MONTHS.split("|")),
}  # fmt: skip
_NEWS_ORGS = {
    "reuters", "bloomberg", "bloomberg news", "financial times", "the wall street journal",
    "wall street journal", "cnbc", "associated press", "ap", "dow jones", "the information",
    "nikkei", "economic times", "moneycontrol", "techcrunch", "sky news",
}  # fmt: skip

_CAP = r"(?:[A-Z](?:[\w&'’\-]|\.(?=\w))*|\d+[A-Z]\w*)"
_LINK = r"(?: (?:&|of|de|der|la|du|von|van|y) | |-)"
ORG_RE = re.compile(rf"{_CAP}(?:{_LINK}{_CAP})*(?: plc\b)?")
PERCENT_RE = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent)", re.IGNORECASE)
DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s(?P<m1>{_MONTHS})\.?,?\s(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTHS})\.?\s(?P<d2>\d{{1,2}}),?\s(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<mo3>\d{{2}})-(?P<d3>\d{{2}}))\b"
)
_SENTENCE_END = re.compile(
    r"(?<!\bInc)(?<!\bCorp)(?<!\bLtd)(?<!\bCo)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)"
    r"(?<!\bU\.S)(?<!\bU\.K)(?<!\bvs)(?<!\bN\.V)(?<!\bS\.A)[.!?]\s+|\n+"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A string found in the article and where."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class OrgCandidate:
    """An organization-like name with how often and how early it appears."""

    name: str
    first: int
    count: int
    forms: tuple[str, ...] = ()
    """Shorter spellings merged into this name ("Juniper" for "Juniper Networks")."""

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.forms)


_OPENING_QUOTES = "\"“‘'"


def _sentence_starts(text: str) -> set[int]:
    """Where sentences begin, and where a quotation opening a sentence begins: the first word
    of '"Coding is the clearest money-maker," said ...' is capitalized by grammar, not name."""
    starts = {0}
    for match in _SENTENCE_END.finditer(text):
        starts.add(match.end())
    starts |= {s + 1 for s in starts if text[s : s + 1] in _OPENING_QUOTES and s < len(text)}
    return starts


_TRAILING_JUNK = {
    "the", "a", "an", "in", "on", "at", "for", "and", "but", "or", "of", "to", "said", "says",
    "chief", "executive", "president", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}  # fmt: skip
_TITLE_WORDS = {
    "chief", "executive", "president", "ceo", "cfo", "chairman", "chairwoman", "founder",
    "co-founder", "director", "officer", "minister", "analyst", "spokesperson", "spokesman",
    "spokeswoman", "head", "partner", "vice", "senior",
}  # fmt: skip


def _clean_org(raw: str) -> str:
    name = re.sub(r"['’]s$", "", raw.strip(" .,-'’"))
    words = name.split()
    # "Juniper Chief Executive Rami Rahim" -> "Juniper": a title ends the company name.
    for i, word in enumerate(words):
        if word.lower() in _TITLE_WORDS:
            words = words[:i]
            break
    words = [w for w in words if not re.search(r"-(?:based|listed|backed|owned)$", w, re.I)]
    # "South Korea's Daesan Energy" -> "Daesan Energy": a possessive place is not the name;
    # "Scale AI's Expanding Footprint" -> "Scale AI": any other possessive ends the name.
    for i, word in enumerate(words[:-1]):
        if word.endswith(("'s", "’s")):
            owner = " ".join(words[: i + 1])[:-2]
            words = words[i + 1 :] if _is_place(owner) else owner.split()
            break
    while words and words[0].lower() in _NOT_ORG:
        words = words[1:]
    while words and words[-1].lower() in _TRAILING_JUNK:
        words = words[:-1]
    return " ".join(words)


_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an) $", re.I)
_COMPANY_NOUN_AFTER = re.compile(
    r" (?:[\w-]+ ){0,2}(?:company|start-?up|firm|group|maker|developer|operator|lender|bank|"
    r"insurer|retailer|business|supplier|producer|provider)\b"
)
"""Around a word that only describes a company: "the Copenhagen company that makes ...", "a
Pittsburgh startup". Written only that way, the word is a place or a sector, not a name."""


def find_orgs(text: str, *, limit: int = 14) -> list[OrgCandidate]:
    """Organization-like capitalized names, most frequent and earliest first.

    A single capitalized word at the start of a sentence only counts if it also appears
    capitalized elsewhere ("Shares rose" is not a company; "Splunk" is).
    """
    starts = _sentence_starts(text)
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    mid_sentence: set[str] = set()
    named: set[str] = set()  # written at least once as a name, not only as a descriptor
    for match in ORG_RE.finditer(text):
        name = _clean_org(match.group())
        if not name or name.lower() in _NOT_ORG or len(name) < 2:
            continue
        if name.isupper() and len(name) > 4 and " " in name and match.start() in starts:
            continue  # an all-caps dateline such as "NEW YORK"
        if not (
            _ARTICLE_BEFORE.search(text, max(0, match.start() - 4), match.start())
            and _COMPANY_NOUN_AFTER.match(text, match.end())
        ):
            named.add(name)
        counts[name] += 1
        first.setdefault(name, match.start())
        if match.start() not in starts:
            mid_sentence.add(name)
    # Merge partial mentions into the full name they abbreviate ("Brightline" in
    # "Brightline Capital Partners") so counts reflect the company, not the spelling.
    # The full name a partial mention abbreviates is the one written first ("Mars Inc" in the
    # lede, not "Mars Snacking" later).
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
        and not _is_place(name)
        and name.upper() not in _currency_codes()
    ]
    candidates.sort(key=lambda c: (-min(c.count, 4), c.first))
    return candidates[:limit]


@cache
def _places() -> frozenset[str]:
    from babel import Locale

    english = Locale("en")
    names = {n.lower() for n in english.territories.values()}
    names |= {
        "us",
        "usa",
        "uk",
        "britain",
        "england",
        "america",
        "europe",
        "asia",
        "africa",
        "silicon valley",
        "wall street",
        "new york",
        "london",
        "tokyo",
        "mumbai",
        "bengaluru",
        "delhi",
        "new delhi",
        "paris",
        "berlin",
        "frankfurt",
        "zurich",
        "stockholm",
        "amsterdam",
        "singapore",
        "hong kong",
        "beijing",
        "shanghai",
        "san francisco",
        "boston",
        "chicago",
        "houston",
        "seoul",
        "sydney",
        "toronto",
    }
    return frozenset(names)


@cache
def _currency_codes() -> frozenset[str]:
    from summarize.schema import iso_currencies

    return iso_currencies()


def _is_place(name: str) -> bool:
    return name.lower() in _places()


def find_percents(text: str) -> list[tuple[float, Span]]:
    """Percentages with their spans: stake candidates."""
    return [
        (float(m.group(1)), Span(m.group(), m.start(), m.end()))
        for m in PERCENT_RE.finditer(text)
        if 0 < float(m.group(1)) <= 100
    ]


def find_dates(text: str) -> list[tuple[str, Span]]:
    """Full dates (day, month and year stated) as ISO strings with their spans."""
    found = []
    for m in DATE_RE.finditer(text):
        if m["y3"]:
            year, month, day = int(m["y3"]), int(m["mo3"]), int(m["d3"])
        else:
            year = int(m["y1"] or m["y2"])
            month = _MONTH_NUMBER[(m["m1"] or m["m2"]).lower().rstrip(".")]
            day = int(m["d1"] or m["d2"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((f"{year:04d}-{month:02d}-{day:02d}", Span(m.group(), m.start(), m.end())))
    return found


_MONTH_DAY = re.compile(
    rf"(?P<month>{_MONTHS})\.? (?P<day>\d{{1,2}})\b|(?P<day2>\d{{1,2}}) (?P<month2>{_MONTHS})\b"
)


def month_day_at(text: str, at: int) -> tuple[int, int, Span] | None:
    """A date written without its year ("March 3", "6 October") starting at ``at``: (month,
    day, span)."""
    m = _MONTH_DAY.match(text, at)
    if m is None:
        return None
    month = _MONTH_NUMBER[(m["month"] or m["month2"]).lower().rstrip(".")]
    return month, int(m["day"] or m["day2"]), Span(m.group(), m.start(), m.end())


def sentences(text: str) -> list[Span]:
    """Sentence-like spans (split on end punctuation and line breaks)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start() + 1].strip()
        if piece:
            offset = text.index(piece, start)
            spans.append(Span(piece, offset, offset + len(piece)))
        start = match.end()
    tail = text[start:].strip()
    if tail:
        offset = text.index(tail, start)
        spans.append(Span(tail, offset, offset + len(tail)))
    return spans
