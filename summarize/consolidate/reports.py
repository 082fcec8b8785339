"""The few facts grouping needs from each summary, kept small so 100,000 of them fit easily.

Grouping never holds the summaries themselves: a ``Report`` keeps the article id, a date, the
deal type and status, and each principal party as a normalized name plus a role class.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from summarize.names import AliasTable, normalize_name
from summarize.schema import DealStatus, DealSummary, DealType, Role

ROLE_CLASSES: dict[Role, str] = {
    Role.acquirer: "buyer",
    Role.investor: "buyer",
    Role.lead_investor: "buyer",
    Role.target: "target",
    Role.seller: "seller",
    Role.merger_partner: "merger",
}
"""Roles that may describe the same part in a deal; advisors are left out of grouping."""


class PartyKey(NamedTuple):
    """A principal party as grouping compares it (tuples: 100,000 reports build quickly)."""

    key: str
    """Normalized (alias-canonical) name: the blocking and comparison key."""
    role_class: str
    name: str


class Report(NamedTuple):
    """One summary as grouping sees it."""

    index: int
    id: str
    date: dt.date | None
    day: int | None
    """``date`` as an ordinal: the date window is plain integer arithmetic."""
    deal_type: DealType | None
    status: DealStatus | None
    parties: tuple[PartyKey, ...]
    classes: frozenset[str]
    """The role classes its parties hold."""


def party_key(name: str, aliases: AliasTable | None) -> str:
    """The comparison key of a party name (alias-canonical when an alias table knows it)."""
    return aliases.canonical(name) if aliases else normalize_name(name)


def report_of(
    index: int,
    article_id: str,
    summary: DealSummary,
    *,
    published: Mapping[str, dt.date] | None = None,
    aliases: AliasTable | None = None,
) -> Report:
    """The grouping facts of one summary; its date is the published date, else announced_on."""
    date = (published or {}).get(article_id) or summary.announced_on
    day = date.toordinal() if date else None
    parties: dict[tuple[str, str], PartyKey] = {}
    for party in summary.parties:
        role_class = ROLE_CLASSES.get(party.role)
        key = party_key(party.name, aliases)
        if role_class and key:
            parties.setdefault((key, role_class), _party(key, role_class, party.name))
    keys = tuple(parties.values())
    classes = _classes(tuple(p.role_class for p in keys))
    return Report(
        index, article_id, _day_date(day), day, summary.deal_type, summary.status, keys, classes
    )


# Reports are held for the whole input: the values many of them repeat (a company in several
# deals, a day, a set of roles) are shared rather than copied, which halves their memory.


@lru_cache(maxsize=1 << 16)
def _party(key: str, role_class: str, name: str) -> PartyKey:
    return PartyKey(key, role_class, name)


@lru_cache(maxsize=256)
def _classes(role_classes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(role_classes)


PlainReport = tuple[int | None, str | None, str | None, tuple[tuple[str, str, str], ...]]
"""A report's facts as plain tuples, strings and ints: (day, deal type, status, parties)."""


def to_plain(report: Report) -> PlainReport:
    """The report without its index, id and objects: processes pass plain tuples to each other
    several times faster than named tuples and enums, which unpickle through Python code."""
    deal_type = report.deal_type.value if report.deal_type else None
    status = report.status.value if report.status else None
    return report.day, deal_type, status, tuple(tuple(p) for p in report.parties)  # type: ignore[misc]


def from_plain(index: int, article_id: str, plain: PlainReport) -> Report:
    """``to_plain`` undone, sharing repeated values as ``report_of`` does."""
    day, deal_type, status, parties = plain
    keys = tuple(_party(*p) for p in parties)
    return Report(
        index,
        article_id,
        _day_date(day),
        day,
        _DEAL_TYPES[deal_type],
        _STATUSES[status],
        keys,
        _classes(tuple(p.role_class for p in keys)),
    )


_DEAL_TYPES: dict[str | None, DealType | None] = {None: None, **{t.value: t for t in DealType}}
_STATUSES: dict[str | None, DealStatus | None] = {None: None, **{s.value: s for s in DealStatus}}


@lru_cache(maxsize=1 << 12)
def _day_date(day: int | None) -> dt.date | None:
    return None if day is None else dt.date.fromordinal(day)


def article_id_of(summary: DealSummary, fallback: str) -> str:
    """The id a run stamped on the summary, or ``fallback`` when it has none."""
    if summary.metadata is not None and summary.metadata.article_id:
        return summary.metadata.article_id
    return fallback
