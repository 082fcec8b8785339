"""People a deal article names with their job: "Nordlys chief executive Åsa Nyqvarn said",
"said Tomás Ferreira-Lopes, chief financial officer of Pellucid Brands".

News style puts a title right next to every person worth quoting, in one of two orders: the
title (with the employer before it) in front of the name, or the name, a comma and the title
(with "of"/"at" and the employer after it). Titles are found case-blind; names are checked word
by word, so accented and hyphenated names ("Nyqvarn", "Ferreira-Lopes", "Min-seo"), initials
("R. Subramanyam") and particles ("de Wolff", "van der Aa") are kept and a lower-case
word ends the name. Analysts and economists are left out: they comment on a deal, they are
not in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from summarize.names import LEGAL_SUFFIXES
from summarize.schema import Evidence, Person
from summarize.text.phrases import family, words

_TITLE = family("people", "titles").alternatives
_COMMENTATOR = family("people", "commentators").alternatives
"""Titles of people who comment on a deal and are not in it."""


@dataclass(frozen=True)
class Patterns:
    """The two orders of name and title, for one set of titles."""

    title_first: re.Pattern[str]
    """A title followed by what may be a name: "chief executive Åsa Lindgren"."""
    name_first: re.Pattern[str]
    """A comma, then a title: the name is the words just before the comma, the employer the
    capitalized words after "of"/"at"."""

    @classmethod
    def of(cls, title: str) -> Patterns:
        titles = rf"(?:{title})(?: and (?:{title}))?"
        return cls(
            re.compile(rf"\b(?P<title>{titles})\b[ \u00a0]+(?=[^\W\d_])", re.I),
            re.compile(
                r",[ \u00a0]+(?:the |a |an |its )?"
                r"(?:(?!whose |which |who |that |and )[\w-]+ ){0,3}?"
                rf"(?P<title>{titles})\b(?P<of>[ \u00a0]+(?:of|at)[ \u00a0]+)?",
                re.I,
            ),
        )


PEOPLE = Patterns.of(_TITLE)
COMMENTATORS = Patterns.of(_COMMENTATOR)
PARTICLES = words("people", "particles")
NOT_NAMES = words("people", "not_names", lower=False)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
MOST = 4
"""People kept per article: the first named are the ones the story is about."""


@dataclass(frozen=True)
class NamedPerson:
    """A person with the title the article gives them, and where the mention sits."""

    name: str
    title: str
    organization: str | None
    start: int
    end: int


def _is_name_word(word: str) -> bool:
    """Capitalized letters (hyphens and apostrophes allowed), or an initial ("R.")."""
    if word in NOT_NAMES or word.lower() in LEGAL_SUFFIXES:
        return False
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True
    return word[:1].isupper() and re.sub(r"[-'’]", "", word).isalpha()


def _name_run(text: str, words: Iterable[re.Match[str]]) -> list[re.Match[str]]:
    """The words, read outward from a title, that form a name: each joined to the last by one
    space, name words with particles between them, two to four in all (else none)."""
    run: list[re.Match[str]] = []
    for m in words:
        if run:
            left, right = sorted((run[-1], m), key=lambda w: w.start())
            if text[left.end() : right.start()] not in (" ", "\u00a0"):
                break
        word = m.group().rstrip(".") if _ends_sentence(m.group()) else m.group()
        if len(run) == 4 or not ((run and word.lower() in PARTICLES) or _is_name_word(word)):
            break
        run.append(m)
    while run and run[-1].group().lower() in PARTICLES:
        run.pop()
    return run if len(run) >= 2 else []


def _name_after(text: str, start: int) -> tuple[str, int] | None:
    """The name that begins at ``start``, and where it ends (before a closing full stop)."""
    run = _name_run(text, _WORD.finditer(text, start, start + 80))
    if not run or run[0].start() != start:
        return None
    end = run[-1].end() - _ends_sentence(run[-1].group())
    return text[start:end], end


def _name_before(text: str, end: int) -> tuple[str, int] | None:
    """The name that ends at ``end``, and where it starts."""
    run = _name_run(text, reversed(list(_WORD.finditer(text, max(0, end - 80), end))))
    if not run or run[0].end() != end:
        return None
    return text[run[-1].start() : end], run[-1].start()


def _employer_after(text: str, start: int) -> str | None:
    """The capitalized words from ``start`` ("... chief financial officer of Pellucid Brands"),
    up to the end of the sentence."""
    words: list[re.Match[str]] = []
    for m in _WORD.finditer(text, start, start + 80):
        gap = text[words[-1].end() : m.start()] if words else text[start : m.start()]
        if gap.strip(" \u00a0") or not m.group()[:1].isupper() or len(words) == 4:
            break
        words.append(m)
        if _ends_sentence(m.group()):
            break
    if not words:
        return None
    return text[words[0].start() : words[-1].end()].rstrip(".")


def _ends_sentence(word: str) -> bool:
    """A word with its sentence's full stop ("Holdings."), not an initial ("R.")."""
    return word.endswith(".") and len(word) > 2


def _employer_before(text: str, start: int) -> str | None:
    """The capitalized words right before a title ("Quarro Systems chief executive")."""
    words: list[str] = []
    pos = start
    for m in reversed(list(_WORD.finditer(text, max(0, start - 60), start))):
        if (
            text[m.end() : pos].strip(" \u00a0")
            or not m.group()[:1].isupper()
            or _ends_sentence(m.group())
            or len(words) == 3
        ):
            break
        if m.group() in NOT_NAMES:
            break
        words.append(m.group())
        pos = m.start()
    if not words:
        return None
    org = " ".join(reversed(words))
    return re.sub(r"['’]s$", "", org)


def find_people(text: str) -> list[NamedPerson]:
    """Everyone the text names next to a job title, first mention first, at most ``MOST``."""
    return _named(text, PEOPLE)[:MOST]


def find_commentators(text: str) -> list[NamedPerson]:
    """Analysts and economists the text quotes, with their firms: neither is a party."""
    return _named(text, COMMENTATORS)


def _named(text: str, patterns: Patterns) -> list[NamedPerson]:
    found: dict[str, NamedPerson] = {}
    for m in patterns.title_first.finditer(text):
        named = _name_after(text, m.end())
        if named is None:
            continue
        name, end = named
        person = NamedPerson(name, m["title"], _employer_before(text, m.start()), m.start(), end)
        found.setdefault(name, person)
    for m in patterns.name_first.finditer(text):
        named = _name_before(text, m.start())
        if named is None:
            continue
        name, start = named
        org = _employer_after(text, m.end()) if m["of"] else None
        end = m.end() + len(org) if org else m.end("title")
        found.setdefault(name, NamedPerson(name, m["title"], org, start, end))
    return sorted(found.values(), key=lambda p: p.start)


def key_people(text: str) -> list[Person]:
    """The people named with a title (at most ``MOST``), each quoted where first named."""
    return [
        Person(
            name=p.name,
            title=p.title,
            organization=p.organization,
            evidence=Evidence(quote=text[p.start : p.end]),
        )
        for p in find_people(text)
    ]
