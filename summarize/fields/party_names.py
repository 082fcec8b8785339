"""A party name as a model writes it, made into the name the article writes.

A model copying a name often takes its neighbours along: a ticker tag ("Kestrel Systems (NYSE:
KST)"), a home town ("Acme Corp, Chicago"), a description ("Boston-based Acme", "US lender
Acme"), or two companies at once ("Acme and Beta"). Each is cut back to the company, which must
then be found in the article, or it is no party at all.
"""

from __future__ import annotations

import re

from summarize.names import LEGAL_SUFFIXES, find_name
from summarize.text.places import is_place

_TAG = re.compile(r"\s*\([^)]*\)?\s*$")
"""A parenthesised tail, closed or cut off: "(NASDAQ: ABC)", "(ASX: KBC"."""
_BASED = re.compile(r"^(?:\S+\s+)?\S+-(?:based|headquartered|listed)\s+", re.I)
"""A description before the name: "Boston-based", "Hong Kong-listed"."""
_CONNECTORS = frozenset(
    {"and", "&", "of", "de", "del", "della", "der", "van", "von", "la", "le", "du", "des", "do",
     "da", "y", "e", "for", "the", "und", "et"}
)  # fmt: skip
"""Lower-case words that belong inside company names ("Bank of Ireland", "Grupo de Inversiones")."""


def _without_description(name: str) -> str:
    """Drop lower-case words before the name proper: "US lender Garden State" → "Garden State"."""
    words = name.split()
    last_lower = max(
        (i for i, w in enumerate(words) if w[:1].islower() and w.lower() not in _CONNECTORS),
        default=-1,
    )
    return " ".join(words[last_lower + 1 :]) if 0 <= last_lower < len(words) - 1 else name


def _without_place(name: str) -> str:
    """Drop a ", Place" tail that is no legal suffix: "Acme Corp, Chicago" → "Acme Corp"."""
    head, comma, tail = name.rpartition(",")
    if not comma:
        return name
    tail = tail.strip()
    suffix = tail.lower().rstrip(".")
    if suffix in LEGAL_SUFFIXES or suffix.replace(".", "") in LEGAL_SUFFIXES:
        return name
    return head.strip() if is_place(tail) or len(tail.split()) <= 3 else name


def clean_name(raw: str) -> str:
    """The company in ``raw``, without tags, places and descriptions around it."""
    name = _TAG.sub("", raw.strip()).strip(" ,;:.\"'")
    name = _BASED.sub("", name)
    name = _without_place(name)
    return _without_description(name).strip()


def _found(name: str, text: str) -> tuple[str, tuple[int, int]] | None:
    span = find_name(name, text) if name else None
    if span is None:
        return None
    written = text[span[0] : span[1]]
    return (written, span) if written[:1].isupper() or written[:1].isdigit() else None


def found_names(raw: str | None, text: str) -> list[tuple[str, tuple[int, int]]]:
    """The names in ``raw`` as the article writes them, with where: none when the article does
    not name it, two when the model joined two companies the article names each ("Acme and
    Beta": a joint venture's partners, written as one buyer)."""
    if not raw or not raw.strip():
        return []
    name = clean_name(raw)
    parts = re.split(r"\s+and\s+", name)
    if len(parts) == 2:
        each = [_found(part, text) for part in parts]
        if all(each) and all(len(part.split()) >= 2 for part in parts):
            return [f for f in each if f]  # not "Procter and Gamble": one company
        if sum(map(bool, each)) == 1 and any(p[:1].islower() for p in parts):
            return [f for f in each if f]  # "Acme and two early backers": the company alone
    whole = _found(name, text)
    return [whole] if whole else []


__all__ = ["clean_name", "found_names"]
