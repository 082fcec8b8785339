"""Where the article writes a candidate, and the value a reader found with its quote."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarize.fields.orgs import OrgCandidate
from summarize.schema import Evidence

Occurrence = tuple[int, int, OrgCandidate]
"""(start, end, candidate): one place the article writes one of a candidate's spellings."""


@dataclass
class Found:
    """A value found in the article with its quote span."""

    value: Any
    start: int
    end: int


def evidence(text: str, start: int, end: int) -> Evidence:
    """The quote ``text[start:end]`` as evidence (grounding adds its span)."""
    return Evidence(quote=text[start:end])


def occurrences(text: str, orgs: list[OrgCandidate]) -> list[Occurrence]:
    """Every place a candidate's spelling stands as a whole word, in text order."""
    found = []
    for org in orgs:
        for spelling in org.spellings:
            for m in re.finditer(rf"(?<![\w]){re.escape(spelling)}(?![\w])", text):
                found.append((m.start(), m.end(), org))
    found.sort(key=lambda o: (o[0], -(o[1] - o[0])))
    # Drop occurrences nested inside a longer one ("Quarro" inside "Quarro Systems").
    kept: list[Occurrence] = []
    for occ in found:
        if kept and occ[0] < kept[-1][1]:
            continue
        kept.append(occ)
    return kept


def first_occurrence(text: str, org: OrgCandidate) -> Found:
    """Where the article first writes the full name (else its first shorter spelling)."""
    full = re.search(rf"(?<![\w]){re.escape(org.name)}(?![\w])", text)
    if full:
        return Found(org.name, full.start(), full.end())
    occ = occurrences(text, [org])
    start, end, _ = occ[0] if occ else (org.first, org.first + len(org.name), org)
    return Found(org.name, start, end)


def found_at(occurrence: Occurrence) -> Found:
    """The candidate's name, quoted where this occurrence stands."""
    start, end, org = occurrence
    return Found(org.name, start, end)
