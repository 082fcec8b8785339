"""Who the article says the deal's news comes from: outlets, filings, anonymous people, and the
deal's own companies speaking."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarize.fields.mentions import evidence
from summarize.fields.orgs import OrgCandidate
from summarize.schema import Party, Role, Source, SourceKind
from summarize.text.phrases import family, table, words

SOURCE_PATTERNS: list[tuple[re.Pattern[str], SourceKind, str | None]] = [
    (family.pattern, SourceKind(family.extra["kind"]), family.extra.get("name"))
    for family in table("attribution").values()
    if "kind" in family.extra
]
"""Each source phrase with the kind of source it finds and, for a channel of the company's
own, the fixed name it is given."""
_AGENCIES = words("attribution", "agencies")
SAYS = family("attribution", "says").source
"""A verb of attribution ("said", "announced that"), to build into a larger pattern."""
_NOT_SPEAKER = (
    r"(?! (?:the |a |one |two |three |several )?(?:people|person|sources|analysts|officials)\b)"
)
"""Inverted attribution names its speaker after the verb: in "negotiating with its owner,
Vantor, for weeks, said the people" Vantor is not speaking."""
BOTH_SAY = re.compile(rf"{family('attribution', 'both_companies').source} {SAYS}", re.I)
_COUNTED = re.compile(r"^(?:a|one|two|three|four|several) (?=persons?|people)")
_PERSON = re.compile(r"^persons?\b")
MOST_SOURCES = 5

Principals = Sequence[tuple[str, tuple[str, ...]]]
"""Each principal party's name with the shorter spellings the article uses for it."""


def source_kind(name: str) -> SourceKind:
    """A news agency or another outlet, by the outlet's name."""
    return SourceKind.news_agency if name.lower() in _AGENCIES else SourceKind.outlet


def principals(parties: list[Party], by_name: dict[str, OrgCandidate]) -> Principals:
    """Each non-advisor party's name with the shorter spellings the article also uses."""
    return [
        (p.name, by_name[p.name].spellings if p.name in by_name else (p.name,))
        for p in parties
        if p.role is not Role.advisor
    ]


def company_sources(text: str, principals: Principals) -> list[Source]:
    """The deal's own companies as sources: "Nordlys said on Monday", "Nordlys, the Bergen
    utility, said", "the two companies said" (both principals, as one joint source)."""
    found: list[tuple[int, Source]] = []
    for name, forms in principals:
        spellings = "|".join(re.escape(f) for f in sorted({name, *forms}, key=len, reverse=True))
        said = re.search(rf"\b(?:{spellings})(?:, [^,.]{{1,80}},)? {SAYS}{_NOT_SPEAKER}", text)
        if said:
            quote = evidence(text, said.start(), said.end())
            found.append((said.start(), Source(name=name, kind=SourceKind.company, evidence=quote)))
    both = BOTH_SAY.search(text)
    if both and len(principals) >= 2:
        joint = f"{principals[0][0]} and {principals[1][0]}"
        quote = evidence(text, both.start(), both.end())
        found.append((both.start(), Source(name=joint, kind=SourceKind.company, evidence=quote)))
    return [source for _, source in sorted(found, key=lambda f: f[0])]


def sources(text: str, principals: Principals = ()) -> list[Source]:
    """The article's sources, each once, at most ``MOST_SOURCES``: anonymous people count once
    however many the article counts; a named company replaces the generic "company statement"."""
    found: list[Source] = []
    seen: set[str] = set()
    for pattern, kind, name in SOURCE_PATTERNS:
        for m in pattern.finditer(text):
            label = name or m.group().strip()
            if kind is SourceKind.outlet:
                label = re.sub(r"^the ", "", label, flags=re.I)
                kind_here = source_kind(label)
            else:
                kind_here = kind
            key = label.lower()
            if kind_here is SourceKind.anonymous:  # "three people familiar with ..." is
                key = _PERSON.sub("people", _COUNTED.sub("", key))  # "people familiar with ..."
            if key in seen:
                continue
            seen.add(key)
            quote = evidence(text, m.start(), m.end())
            found.append(Source(name=label, kind=kind_here, evidence=quote))
    named = [s for s in company_sources(text, principals) if s.name.lower() not in seen]
    if named:  # the statement is the named company speaking: one source, with its name
        found = [s for s in found if s.name != "company statement"]
    return [*found, *named][:MOST_SOURCES]
