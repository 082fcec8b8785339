"""Who stands behind a report, and how many independent sources stand behind a deal.

A report's *basis* ranks its values in merging: a company statement, filing or regulator
(confirmed) above a named outlet (reported) above anonymous people or no attribution at all.

Independent sources follow attribution chains: "a Bloomberg report cited by Reuters" makes
Reuters a relay of Bloomberg, so only Bloomberg counts. Relays are read from the article text
when it is given, else from the summary's own quotes. A company that "declined to comment" is
not a source. Anonymous people belong to the outlet that quotes them; a report whose only
sources are anonymous counts as its own origin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from summarize.consolidate.models import Basis, SourceLink
from summarize.names import normalize_name, same_entity
from summarize.schema import DealSummary, Source, SourceKind
from summarize.text.caseless import Caseless
from summarize.text.phrases import family, pattern, words
from summarize.text.sentences import sentences

Same = Callable[[str, str], bool]
"""Whether two normalized source names are the same organisation."""
CONFIRMED_KINDS = frozenset({SourceKind.company, SourceKind.filing, SourceKind.regulator})
MEDIA_KINDS = frozenset({SourceKind.news_agency, SourceKind.outlet})
MEDIA_WORDS = words("report_sources", "media_words")
"""Trailing words dropped from outlet names: "Bloomberg News" is "Bloomberg"."""


def _caseless(name: str) -> Caseless:
    found = family("report_sources", name)
    return Caseless(found.source, needs=found.extra.get("needs", ()))


DECLINED = _caseless("declined")
"""Words saying a company would not speak: it is not a source of the deal."""
ANONYMOUS_CUES = _caseless("anonymous")
CONFIRMED_CUES = _caseless("confirmed")
RELAYED_BY = pattern("report_sources", "relayed_by")
"""Between an origin and its relay: "a Bloomberg report cited by Reuters"."""
RELAYING = pattern("report_sources", "relaying")
"""Between a relay and its origin: "Reuters, citing Bloomberg"."""
CHANNEL = pattern("report_sources", "channel")
"""A company source named only by its channel ("company statement", "a news conference"): in a
report that also names the company, it is that company speaking, not another origin."""
_PEOPLE = pattern("report_sources", "people")
_FILING = pattern("report_sources", "filing_words")


def declined(source: Source) -> bool:
    """True when the 'source' is a company that would not comment."""
    quote = source.evidence.quote if source.evidence else ""
    return _says_declined(quote) or _says_declined(source.name)


@lru_cache(maxsize=4096)
def _says_declined(text: str) -> bool:
    """Cached: the same source names come back in report after report."""
    return DECLINED.found(text)


def source_kind(source: Source) -> SourceKind:
    """The source's kind, guessed from its name when the model left it out."""
    if source.kind is not None:
        return source.kind
    return _kind_by_name(source.name)


@lru_cache(maxsize=4096)
def _kind_by_name(name: str) -> SourceKind:
    if ANONYMOUS_CUES.found(name) or _PEOPLE.search(name):
        return SourceKind.anonymous
    if _FILING.search(name):
        return SourceKind.filing
    return SourceKind.outlet


def report_basis(summary: DealSummary) -> Basis:
    """How well sourced a whole report is (its best source decides)."""
    kinds = {source_kind(s) for s in summary.sources if not declined(s)}
    if kinds & CONFIRMED_KINDS:
        return "confirmed"
    if kinds - {SourceKind.anonymous}:
        return "anonymous" if SourceKind.anonymous in kinds else "reported"
    return "anonymous" if kinds else "unattributed"


@lru_cache(maxsize=4096)
def quote_basis(quote: str | None, default: Basis) -> Basis:
    """A value's basis: its own quote's wording ("people familiar", "said in a statement") first."""
    if quote and CONFIRMED_CUES.found(quote):
        return "confirmed"
    if quote and ANONYMOUS_CUES.found(quote):
        return "anonymous"
    return default


@lru_cache(maxsize=4096)
def media_key(name: str) -> str:
    """Comparison key of a source name: normalized, outlet words like 'News' dropped."""
    words = normalize_name(name).split()
    while len(words) > 1 and words[-1] in MEDIA_WORDS:
        words.pop()
    return " ".join(words)


def _pattern(name: str) -> re.Pattern[str]:
    forms = sorted({name, media_key(name)}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms if f)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def relays(relay: str, origin: str, text: str) -> bool:
    """True when ``text`` says ``relay`` passes on ``origin``'s report."""
    relay_re, origin_re = _pattern(relay), _pattern(origin)
    for sentence in (s.text for s in sentences(text)):
        relay_at = [m.span() for m in relay_re.finditer(sentence)]
        origin_at = [m.span() for m in origin_re.finditer(sentence)]
        for rs, re_ in relay_at:
            for os_, oe in origin_at:
                if oe <= rs and RELAYED_BY.search(sentence, oe, rs):
                    return True
                if re_ <= os_ and RELAYING.search(sentence, re_, os_):
                    return True
    return False


def summary_quotes(summary: DealSummary) -> str:
    """Every quote a summary carries, one per line: where relays are read without the article."""
    quotes = [s.evidence.quote for s in summary.sources if s.evidence]
    quotes += [f.evidence.quote for f in summary.key_facts if f.evidence]
    quotes += [e.quote for e in summary.evidence.values()]
    quotes += [m.evidence.quote for m in (summary.amount, summary.valuation) if m and m.evidence]
    return "\n".join(quotes)


@dataclass
class _Entity:
    name: str
    key: str
    kind: SourceKind
    article_ids: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    origin_somewhere: bool = False


def _find(entities: list[_Entity], key: str, same: Same) -> _Entity | None:
    for entity in entities:
        if entity.key == key or same(entity.key, key):
            return entity
    return None


def _channel(source: Source) -> bool:
    return source_kind(source) is SourceKind.company and bool(CHANNEL.match(source.name))


def attribution(
    reports: Sequence[tuple[str, DealSummary, str | None]], *, same: Same = same_entity
) -> tuple[list[SourceLink], list[str]]:
    """Every named source with its chain, and the names of the independent origins.

    ``reports`` holds (article id, summary, article text or None).
    """
    entities: list[_Entity] = []
    own: list[str] = []
    for article_id, summary, text in reports:
        kept = [s for s in summary.sources if not declined(s)]
        named = [s for s in kept if source_kind(s) is not SourceKind.anonymous]
        if any(source_kind(s) is SourceKind.company and not _channel(s) for s in named):
            named = [s for s in named if not _channel(s)]
        if not named:
            own.append(f"{article_id} (own reporting)")
        haystack = text  # without the article, the quotes: joined only if a relay is checked
        media = [s for s in named if source_kind(s) in MEDIA_KINDS]
        for source in named:
            key = media_key(source.name)
            entity = _find(entities, key, same)
            if entity is None:
                entity = _Entity(source.name, key, source_kind(source))
                entities.append(entity)
            if article_id not in entity.article_ids:
                entity.article_ids.append(article_id)
            cited = []
            for origin in media if source_kind(source) in MEDIA_KINDS else ():
                if media_key(origin.name) == key:
                    continue
                if haystack is None:
                    haystack = summary_quotes(summary)
                if relays(source.name, origin.name, haystack):
                    cited.append(origin.name)
            for name in cited:
                if name not in entity.cites:
                    entity.cites.append(name)
            if not cited and entity.kind is not SourceKind.analyst:
                entity.origin_somewhere = True
    links = [
        SourceLink(
            name=e.name,
            kind=e.kind,
            article_ids=e.article_ids,
            cites=e.cites,
            original=e.origin_somewhere,
        )
        for e in entities
    ]
    links.sort(key=lambda link: not link.original)
    return links, [link.name for link in links if link.original] + own
