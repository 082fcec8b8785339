"""Decide whether two company names mean the same company, and find a name in an article.

Grounding, consolidation and the eval scorers all ask this question; they must answer it the
same way, so this is the only copy. Names are compared after ``normalize_name`` (case, accents,
quotes, dashes, ``&``/``and``, punctuation, a leading "the" and trailing legal suffixes), then
through an optional alias table ("Meta" = "Meta Platforms"), then by fuzzy similarity with
``NAME_MATCH_THRESHOLD`` so small spelling slips still match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

LEGAL_SUFFIXES: tuple[str, ...] = (
    "inc", "incorporated", "corp", "corporation", "co", "cos", "company", "companies",
    "plc", "ltd", "limited", "llc", "llp", "lp", "pvt", "private", "pte", "pty",
    "se", "ag", "gmbh", "kg", "kgaa", "sa", "sas", "sarl", "spa", "srl", "nv", "bv",
    "ab", "as", "asa", "oyj", "kk", "holding", "holdings", "group",
)  # fmt: skip
"""Words dropped from the end of a normalized name, repeatedly: "Porsche SE & Co. KGaA" → "porsche".

Dots are removed before matching, so "S.A.", "N.V." and "Co." arrive here as "sa", "nv", "co".
"""

NAME_MATCH_THRESHOLD: float = 90.0
"""Smallest rapidfuzz score (0-100) at which two normalized names count as the same company.

At 90 a ten-letter name may differ by one edit ("Tessellate"/"Tesselate", "Nilgiri Capital"/
"Nilgiri Capitals"); short names and different companies sharing a word ("Nordea"/"Norden",
"Alpha Capital"/"Beta Capital") stay apart. Abbreviations ("HPE") need an alias.
"""

_SUFFIX_SET = frozenset(LEGAL_SUFFIXES)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_NON_WORD = re.compile(r"[^\w]+")
_TOKEN = re.compile(r"\w+|&")
_A_S = re.compile(r"\ba/s\b")


def _fold_char(char: str) -> str:
    """One character lower-cased and without accents, or itself when that would change length."""
    if char in "’‘´`":
        return "'"
    if "\u2010" <= char <= "\u2015" or char == "\u2212":
        return "-"
    base = unicodedata.normalize("NFKD", char)[:1].lower()
    return base if len(base) == 1 else char


def fold_text(text: str) -> str:
    """Lower-case, accent-free, plain-quote copy of ``text``; same length, so spans carry over."""
    return "".join(_fold_char(c) for c in text)


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text  # nothing to strip, and most names are plain ASCII
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strip_suffix_tokens(tokens: list[str]) -> list[str]:
    """Drop trailing legal suffixes (and a dangling "and") but never the last word."""
    tokens = list(tokens)
    while len(tokens) > 1 and (tokens[-1] in _SUFFIX_SET or tokens[-1] == "and"):
        tokens.pop()
    return tokens


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """The comparison key of a company name: "The Procter & Gamble Co." → "procter and gamble".

    Cached: the same names come back in every comparison of grouping and scoring.
    """
    text = _strip_accents(name).translate(_QUOTES).casefold()
    text = _DASHES.sub(" ", text).replace("&", " and ")
    text = _A_S.sub("as", text)
    text = text.replace(".", "").replace("'", "")
    tokens = _NON_WORD.sub(" ", text).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(_strip_suffix_tokens(tokens))


@lru_cache(maxsize=1 << 14)
def strip_legal_suffix(name: str) -> str:
    """The name as written, legal suffixes dropped: "Meta Platforms, Inc." → "Meta Platforms"."""
    words = name.split()
    while len(words) > 1:
        last = re.sub(r"[^\w&]", "", words[-1]).lower()
        if last in _SUFFIX_SET or last in {"and", "&", ""}:
            words.pop()
        else:
            break
    return " ".join(words).rstrip(" ,.;")


@dataclass(frozen=True)
class AliasTable:
    """Names that mean the same company, keyed by the normalized canonical name."""

    _canonical: dict[str, str] = field(default_factory=dict)
    """normalized spelling → normalized canonical key"""
    _spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """normalized canonical key → every spelling as written (canonical first)"""

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Iterable[str]] | None) -> AliasTable:
        """Build from ``{canonical: [alias, ...]}`` as written in a labels file."""
        canonical: dict[str, str] = {}
        spellings: dict[str, tuple[str, ...]] = {}
        for name, aliases in (mapping or {}).items():
            key = normalize_name(name)
            group = (name, *aliases)
            spellings[key] = (*spellings.get(key, ()), *group)
            for spelling in group:
                canonical[normalize_name(spelling)] = key
        return cls(canonical, spellings)

    def canonical(self, name: str) -> str:
        """The normalized canonical key for ``name`` (its own normalized form when unknown)."""
        key = normalize_name(name)
        return self._canonical.get(key, key)

    def spellings(self, name: str) -> tuple[str, ...]:
        """Every written form of the company ``name`` belongs to (empty when it has no aliases)."""
        return self._spellings.get(self.canonical(name), ())

    def __bool__(self) -> bool:
        return bool(self._canonical)


def name_similarity(a: str, b: str) -> float:
    """Rapidfuzz score (0-100) of two names after normalization; spacing is ignored too."""
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 100.0
    return max(
        fuzz.token_sort_ratio(na, nb),
        fuzz.ratio(na.replace(" ", ""), nb.replace(" ", "")),
    )


def same_entity(a: str, b: str, aliases: AliasTable | None = None) -> bool:
    """True when ``a`` and ``b`` name the same company (exact, by alias, or fuzzily)."""
    if not normalize_name(a) or not normalize_name(b):
        return False
    if aliases is not None and aliases.canonical(a) == aliases.canonical(b):
        return True
    forms_a = {a, *(aliases.spellings(a) if aliases else ())}
    forms_b = {b, *(aliases.spellings(b) if aliases else ())}
    return any(name_similarity(x, y) >= NAME_MATCH_THRESHOLD for x in forms_a for y in forms_b)


def _name_pattern(name: str) -> re.Pattern[str] | None:
    """A folded regex for ``name`` that tolerates punctuation, spacing and ``&``/``and`` changes."""
    tokens = _TOKEN.findall(fold_text(name))
    if not tokens:
        return None
    parts = [r"(?:&|and)" if t in {"&", "and"} else re.escape(t) for t in tokens]
    return re.compile(r"(?<!\w)" + r"[^\w\n]{0,3}".join(parts) + r"(?!\w)")


def name_forms(name: str, aliases: AliasTable | None = None) -> list[str]:
    """The ways ``name`` may be written, most specific first: itself, suffix-less, its aliases."""
    forms = [name, strip_legal_suffix(name)]
    for spelling in aliases.spellings(name) if aliases else ():
        forms += [spelling, strip_legal_suffix(spelling)]
    if forms[1].lower().startswith("the "):
        forms.append(forms[1][4:])
    unique = list(dict.fromkeys(f.strip() for f in forms if f.strip()))
    return sorted(unique, key=len, reverse=True)


def find_name(name: str, text: str, aliases: AliasTable | None = None) -> tuple[int, int] | None:
    """Span of the first place ``text`` names the company, trying the longest written form first."""
    folded = fold_text(text)
    for form in name_forms(name, aliases):
        pattern = _name_pattern(form)
        match = pattern.search(folded) if pattern else None
        if match:
            return match.start(), match.end()
    return None


__all__ = [
    "LEGAL_SUFFIXES",
    "NAME_MATCH_THRESHOLD",
    "AliasTable",
    "find_name",
    "fold_text",
    "name_forms",
    "name_similarity",
    "normalize_name",
    "same_entity",
    "strip_legal_suffix",
]
