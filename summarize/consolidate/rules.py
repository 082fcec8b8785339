"""Merge rules: which of several reported values a consolidated deal keeps, and when they conflict.

Values that can all be true together (the same figure, or "more than $10 billion" next to
"multibillion-dollar") *agree*: they form one position, its most specific value is kept and
every report in it supports that value. Values that cannot both be true ($2.0 billion and $2.3
billion) are separate positions: that is a conflict, recorded, and one position is chosen by,
in order:

1. basis: a confirmed statement (company, filing, regulator) beats a named outlet, which beats
   anonymous people or no attribution;
2. date: a later report supersedes an earlier one; but for the date of an event that happens
   once (``announced_on``) the earliest date wins, since a later report tends to give the date
   of its own news (a closing) as the announcement;
3. support: more reports beat fewer;
4. specificity: an exact figure beats an approximate one, a range, a bound, a vague phrase;
5. order: the first reported, so the result never depends on chance.

Status is not merged this way: it is a timeline (see ``merge.status_timeline``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from summarize.consolidate.models import BASIS_RANK, Support
from summarize.schema import DealType, Money, Qualifier

T = TypeVar("T")

EXACT_SLACK = 0.01
"""Two exact figures within 1% are the same figure (rounding)."""
APPROX_SLACK = 0.05
"""An "about" figure covers ±5%."""
STAKE_SLACK = 0.5
"""Stakes within half a percentage point agree."""

QUALIFIER_RANK: dict[Qualifier, int] = {
    Qualifier.exact: 4,
    Qualifier.approximately: 3,
    Qualifier.range: 2,
    Qualifier.more_than: 1,
    Qualifier.at_least: 1,
    Qualifier.up_to: 1,
    Qualifier.less_than: 1,
}
SYNONYM_TYPES = frozenset({DealType.minority_investment, DealType.funding_round})
"""Deal types reports use for the same investment: a difference between them is no conflict."""


def is_vague(money: Money) -> bool:
    """True for a phrase without a figure ("multibillion-dollar"): it only says 'some money'."""
    return not any(map(str.isdigit, money.text))


def money_specificity(money: Money) -> tuple[int, float]:
    """Higher is more specific: rank by qualifier, then the tighter bound or narrower range."""
    if is_vague(money):
        return 0, 0.0
    q = money.qualifier
    if q in (Qualifier.more_than, Qualifier.at_least):
        return 1, money.value
    if q in (Qualifier.up_to, Qualifier.less_than):
        return 1, -money.value
    if q is Qualifier.range and money.upper:
        return 2, -(money.upper - money.value) / money.value
    return QUALIFIER_RANK[q], 0.0


def money_interval(money: Money) -> tuple[float, float]:
    """The values the phrase allows, with rounding slack."""
    v, q = money.value, money.qualifier
    if is_vague(money):
        return 0.0, math.inf
    if q in (Qualifier.more_than, Qualifier.at_least):
        return v * (1 - EXACT_SLACK), math.inf
    if q in (Qualifier.up_to, Qualifier.less_than):
        return 0.0, v * (1 + EXACT_SLACK)
    if q is Qualifier.range and money.upper:
        return v * (1 - EXACT_SLACK), money.upper * (1 + EXACT_SLACK)
    slack = APPROX_SLACK if q is Qualifier.approximately else EXACT_SLACK
    return v * (1 - slack), v * (1 + slack)


def money_agrees(a: Money, b: Money) -> bool:
    """True when both phrases can be true of one amount (a vague phrase fits any amount)."""
    if is_vague(a) or is_vague(b):
        return True
    if a.currency != b.currency:
        return False
    lo_a, hi_a = money_interval(a)
    lo_b, hi_b = money_interval(b)
    return lo_a <= hi_b and lo_b <= hi_a


def money_key(money: Money) -> Hashable:
    return (round(money.value, -3), money.currency, money.qualifier, money.upper)


def type_agrees(a: DealType, b: DealType) -> bool:
    return a == b or DealType.other in (a, b) or {a, b} <= SYNONYM_TYPES


def type_specificity(value: DealType) -> tuple[int, float]:
    return (0 if value is DealType.other else 1), 0.0


def stake_agrees(a: float, b: float) -> bool:
    return abs(a - b) <= STAKE_SLACK


@dataclass(slots=True)
class Entry(Generic[T]):
    """One report's value for a field."""

    value: T
    support: Support
    order: int
    """Position of the report in the input: the last tie-break."""


@dataclass
class Position(Generic[T]):
    """Values that agree with each other; its representative is the most specific of them."""

    entries: list[Entry[T]] = field(default_factory=list)
    representative: Entry[T] | None = None

    @property
    def value(self) -> T:
        assert self.representative is not None
        return self.representative.value

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(e.support.article_id for e in self.entries))

    def basis(self) -> int:
        return max(BASIS_RANK[e.support.basis] for e in self.entries)

    def latest(self) -> dt.date:
        return max((e.support.date for e in self.entries if e.support.date), default=dt.date.min)

    def support(self) -> list[Support]:
        """Supports of every entry, the representative's first."""
        first = [self.representative] if self.representative else []
        rest = [e for e in self.entries if e is not self.representative]
        return [e.support for e in (*first, *rest)]


@dataclass(frozen=True)
class Rule(Generic[T]):
    """How one field's values are compared."""

    agrees: Callable[[T, T], bool]
    specificity: Callable[[T], tuple[int, float]]
    key: Callable[[T], Hashable]
    once: bool = False
    """The values are dates of an event that happens once: among equally sourced positions the
    earliest date wins, not the latest report (rule 2)."""


MONEY_RULE: Rule[Money] = Rule(money_agrees, money_specificity, money_key)
TYPE_RULE: Rule[DealType] = Rule(type_agrees, type_specificity, lambda v: v)
STAKE_RULE: Rule[float] = Rule(stake_agrees, lambda v: (1, 0.0), lambda v: round(v, 1))
EQUAL_RULE: Rule[Any] = Rule(lambda a, b: a == b, lambda v: (1, 0.0), lambda v: v)
ONCE_RULE: Rule[dt.date] = Rule(lambda a, b: a == b, lambda v: (1, 0.0), lambda v: v, once=True)


def positions(entries: Sequence[Entry[T]], rule: Rule[T]) -> list[Position[T]]:
    """Entries split into agreeing positions; the most specific entries seed them."""
    if len(entries) == 1:
        return [Position(list(entries), entries[0])]
    if len({rule.key(e.value) for e in entries}) == 1:  # the common case: every report agrees
        return [Position(list(entries), min(entries, key=_standing))]
    ordered = sorted(entries, key=lambda e: (_neg(rule.specificity(e.value)), e.order))
    found: list[Position[T]] = []
    for entry in ordered:
        for home in found:
            if rule.agrees(home.entries[0].value, entry.value):
                home.entries.append(entry)
                break
        else:
            found.append(Position([entry]))
    for position in found:
        position.representative = _representative(position.entries, rule)
    return found


def _standing(entry: Entry[Any]) -> tuple[int, int, int]:
    """Sort key among equal values: best basis, then latest, then first reported."""
    support = entry.support
    return -BASIS_RANK[support.basis], -(support.date or dt.date.min).toordinal(), entry.order


def _neg(spec: tuple[int, float]) -> tuple[int, float]:
    return -spec[0], -spec[1]


def _representative(entries: list[Entry[T]], rule: Rule[T]) -> Entry[T]:
    """Most specific; then the value most reports give; then best basis, latest, first."""
    if len(entries) == 1:
        return entries[0]
    counts: dict[Hashable, int] = {}
    for e in entries:
        key = rule.key(e.value)
        counts[key] = counts.get(key, 0) + 1
    return min(
        entries,
        key=lambda e: (
            _neg(rule.specificity(e.value)),
            -counts[rule.key(e.value)],
            -BASIS_RANK[e.support.basis],
            -(e.support.date or dt.date.min).toordinal(),
            e.order,
        ),
    )


def rank(position: Position[Any], rule: Rule[Any]) -> tuple[Any, ...]:
    """Sort key of a position: lower is better (rules 1-5 of the module docstring)."""
    rep = position.representative
    assert rep is not None
    return (
        -position.basis(),
        rep.value.toordinal() if rule.once else -position.latest().toordinal(),
        -len(position.article_ids),
        _neg(rule.specificity(rep.value)),
        min(e.order for e in position.entries),
    )


def why_chosen(best: Position[Any], runner_up: Position[Any], rule: Rule[Any]) -> str:
    """The first rule that separates the chosen position from the next one, in words."""
    if best.basis() != runner_up.basis():
        mine = max(best.entries, key=lambda e: BASIS_RANK[e.support.basis]).support.basis
        other = max(runner_up.entries, key=lambda e: BASIS_RANK[e.support.basis]).support.basis
        return f"{mine} beats {other}"
    if rule.once and best.value != runner_up.value:
        return f"earliest date ({best.value.isoformat()}): a deal is announced once"
    if best.latest() != runner_up.latest():
        return f"later report ({best.latest().isoformat()}) supersedes earlier"
    if len(best.article_ids) != len(runner_up.article_ids):
        return f"more reports ({len(best.article_ids)} vs {len(runner_up.article_ids)})"
    if rule.specificity(best.value) != rule.specificity(runner_up.value):
        return "more specific"
    return "first reported (tie)"


def why_agreed(position: Position[Any], rule: Rule[Any], show: Callable[[Any], str]) -> str:
    """Why the one position's representative was kept."""
    rep = position.representative
    assert rep is not None
    if len(position.entries) > 1:
        top = rule.specificity(rep.value)
        vaguer = next((e for e in position.entries if rule.specificity(e.value) < top), None)
        if vaguer is not None:
            return f"specific beats vague: {show(rep.value)} over {show(vaguer.value)}"
    n = len(position.article_ids)
    return f"{n} reports agree" if n > 1 else "only one report states it"


def show_value(value: Any) -> str:
    """A value as a reason quotes it."""
    if isinstance(value, Money):
        return repr(value.text)
    if hasattr(value, "value"):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return (
        repr(value)
        if isinstance(value, str)
        else f"{value:g}"
        if isinstance(value, float)
        else str(value)
    )
