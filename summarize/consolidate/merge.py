"""Merge the summaries of one deal into a ConsolidatedDeal, field by field (rules in ``rules``).

Every value keeps the supports of the reports consistent with it, every disagreement becomes a
``Conflict``, status becomes a timeline, valuations are merged per label, and sources are
followed through their attribution chains.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rapidfuzz import fuzz

from summarize.consolidate.grouping import EntityMatcher
from summarize.consolidate.models import (
    BASIS_RANK,
    Basis,
    Chosen,
    Claim,
    Conflict,
    ConflictField,
    ConsolidatedDeal,
    MergedParty,
    StatusEvent,
    Support,
    ValuationFact,
)
from summarize.consolidate.reports import ROLE_CLASSES, party_key
from summarize.consolidate.rules import (
    EQUAL_RULE,
    MONEY_RULE,
    ONCE_RULE,
    STAKE_RULE,
    TYPE_RULE,
    Entry,
    Position,
    Rule,
    positions,
    rank,
    show_value,
    why_agreed,
    why_chosen,
)
from summarize.consolidate.sources import attribution, quote_basis, report_basis
from summarize.consolidate.valuations import find_valuations
from summarize.names import AliasTable, strip_legal_suffix
from summarize.schema import STATUS_ORDER, DealStatus, DealSummary, Evidence, Money, Role

T = TypeVar("T")

KEY_FACT_MATCH = 90.0
"""rapidfuzz token-set score at which two key facts are the same statement."""
VALUATION_ORDER = ("implied", "post_money", "pre_money", "tender_offer", "last_round", "other")
STAGE = {s: i for i, s in enumerate(STATUS_ORDER)}
"""Lifecycle stage of each status: the order of undated (or same-day) reports."""
ROLE_ORDER = {r: i for i, r in enumerate(Role)}
"""Ties between roles go to the one declared first."""
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Member:
    """One report of the deal as merging needs it."""

    article_id: str
    summary: DealSummary
    text: str | None
    date: dt.date | None
    order: int
    basis: Basis = "unattributed"
    """How well sourced the whole report is (``sources.report_basis``)."""
    _supports: dict[tuple[Any, ...], Support] = field(default_factory=dict, repr=False)
    """Supports already made: fields backed by the same words share one."""

    @classmethod
    def of(
        cls,
        article_id: str,
        summary: DealSummary,
        text: str | None,
        date: dt.date | None,
        order: int,
    ) -> Member:
        return cls(article_id, summary, text, date, order, report_basis(summary))

    def support(self, evidence: Evidence | None, text: str | None = None) -> Support:
        """This report's support for a value, its basis read from the quote when it says more."""
        if evidence is None:
            return self.quoted(None, (), text)
        return self.quoted(evidence.quote, evidence.spans, text)

    def quoted(
        self, quote: str | None, spans: Sequence[tuple[int, int]], text: str | None = None
    ) -> Support:
        """Like ``support``, from a quote and its spans."""
        key = (quote, tuple(spans), text)
        made = self._supports.get(key)
        if made is None:
            made = self._supports[key] = Support(
                article_id=self.article_id,
                quote=quote,
                spans=list(spans),
                text=text,
                basis=quote_basis(quote, self.basis) if quote else self.basis,
                date=self.date,
            )
        return made


CHOSEN_TYPES: dict[str, type[Chosen[Any]]] = {
    name: info.annotation
    for name, info in ConsolidatedDeal.model_fields.items()
    if isinstance(info.annotation, type) and issubclass(info.annotation, Chosen)
}
"""The ``Chosen[...]`` class each field of the deal holds. A value built as exactly that class
is taken as it is; any other would be validated and copied again when the deal is built."""


def chosen_type(field: str) -> type[Chosen[Any]]:
    """The ``Chosen[...]`` class the deal's ``field`` holds (plain ``Chosen`` for others)."""
    return CHOSEN_TYPES.get(field, Chosen)


def choose(
    field: ConflictField | None,
    entries: Sequence[Entry[T]],
    rule: Rule[T],
    label: str | None = None,
    *,
    shown: Callable[[T], Any] = lambda value: value,
) -> tuple[Chosen[Any], Position[T] | None, Conflict | None]:
    """The chosen value with its rule and supports, its position, and the conflict if any.

    ``shown`` turns a position's value into the one the deal records (the amount without
    one report's evidence); it is applied only to the values that are recorded.
    """
    model = chosen_type(field) if field else Chosen
    found = positions(entries, rule)
    if not found:
        return model(), None, None
    if len(found) == 1:
        best = found[0]
        why = why_agreed(best, rule, show_value)
        return model(value=shown(best.value), rule=why, support=best.support()), best, None
    ordered = sorted(found, key=lambda p: rank(p, rule))
    best = ordered[0]
    reason = why_chosen(best, ordered[1], rule)
    values = [shown(p.value) for p in ordered]
    chosen = model(value=values[0], rule=f"conflict; {reason}", support=best.support())
    conflict = None
    if field is not None:
        claims = [Claim(value=v, support=p.support()) for p, v in zip(ordered, values, strict=True)]
        conflict = Conflict(field=field, label=label, claims=claims, chosen=values[0], rule=reason)
    return chosen, best, conflict


def _plain(money: Money) -> Money:
    """The amount without one report's evidence (the supports carry every report's quote)."""
    return money if money.evidence is None else money.model_copy(update={"evidence": None})


def _headline(members: Sequence[Member]) -> Chosen[str]:
    best = min(
        members,
        key=lambda m: (-BASIS_RANK[m.basis], -(m.date or dt.date.min).toordinal(), m.order),
    )
    support = [best.support(best.summary.evidence.get("headline"))]
    return chosen_type("headline")(
        value=best.summary.headline, rule="from the best-sourced, latest report", support=support
    )


def status_timeline(members: Sequence[Member]) -> tuple[Chosen[DealStatus], list[StatusEvent]]:
    """Statuses oldest first; the latest supersedes. Without dates, lifecycle order decides."""
    rows = [(m, m.summary.status) for m in members if m.summary.status is not None]
    if not rows:
        return chosen_type("status")(), []
    dated = all(m.date for m, _ in rows)
    if dated:
        rows.sort(key=lambda r: (r[0].date, STAGE[r[1]], r[0].order))
    else:
        rows.sort(key=lambda r: (STAGE[r[1]], r[0].date or dt.date.min, r[0].order))
    events: list[StatusEvent] = []
    for member, status in rows:
        support = member.support(member.summary.evidence.get("status"))
        if events and events[-1].status is status:
            events[-1].support.append(support)
        else:
            events.append(StatusEvent(status=status, date=member.date, support=[support]))
    last = events[-1]
    if len(events) == 1:
        n = len({s.article_id for s in last.support})
        why = f"{n} reports agree" if n > 1 else "only one report states it"
    else:
        steps = " → ".join(e.status.value for e in events)
        why = (
            "latest report supersedes" if dated else "furthest stage reported (undated)"
        ) + f": {steps}"
    return chosen_type("status")(value=last.status, rule=why, support=last.support), events


def merge_parties(members: Sequence[Member], matcher: EntityMatcher) -> list[MergedParty]:
    """One entry per company and role class, named as most reports name it."""
    clusters: list[tuple[str, str, list[tuple[Member, str, Role, Evidence | None]]]] = []
    for member in members:
        for party in member.summary.parties:
            role_class = ROLE_CLASSES.get(party.role) or party.role.value
            key = party_key(party.name, matcher.aliases)
            row = (member, party.name, party.role, party.evidence)
            for home_key, home_class, rows in clusters:
                if home_class == role_class and matcher.same(home_key, key):
                    rows.append(row)
                    break
            else:
                clusters.append((key, role_class, [row]))
    merged = []
    for _, _, rows in clusters:
        spellings = _counts(strip_legal_suffix(name) for _, name, _, _ in rows)
        # most reports, then the fuller name; min() keeps the first seen among equals
        name = min(spellings, key=lambda s: (-spellings[s], -len(s)))
        role_counts = _counts(role for _, _, role, _ in rows)
        role = min(role_counts, key=lambda r: (-role_counts[r], ROLE_ORDER[r]))
        merged.append(
            MergedParty(
                name=name,
                role=role,
                names=list(dict.fromkeys(n for _, n, _, _ in rows)),
                support=[m.support(ev, text=n) for m, n, _, ev in rows],
            )
        )
    return merged


def _counts(items: Iterable[T]) -> dict[T, int]:
    """How often each item occurs, in order of first occurrence (a Counter, without its cost)."""
    counts: dict[T, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def merge_valuations(members: Sequence[Member]) -> tuple[list[ValuationFact], list[Conflict]]:
    """Valuations merged per label: different labels are different facts, never a conflict."""
    by_label: dict[str, list[Entry[Money]]] = {}
    cues: dict[tuple[str, str], str | None] = {}
    for member in members:
        for found in find_valuations(member.summary, member.text):
            support = member.quoted(found.quote, found.spans, text=found.money.text)
            by_label.setdefault(found.label, []).append(Entry(found.money, support, member.order))
            cues.setdefault((member.article_id, found.money.text), found.cue)
    facts, conflicts = [], []
    for label in VALUATION_ORDER:
        if label not in by_label:
            continue
        chosen, best, conflict = choose("valuation", by_label[label], MONEY_RULE, label=label)
        if best is None or best.representative is None:
            continue
        rep = best.representative
        facts.append(
            ValuationFact(
                label=label,  # type: ignore[arg-type]
                money=rep.value,
                cue=cues.get((rep.support.article_id, rep.value.text)),
                support=chosen.support,
            )
        )
        if conflict:
            conflicts.append(conflict)
    return facts, conflicts


def merge_key_facts(members: Sequence[Member]) -> list[Claim]:
    """Key facts, a statement several reports make listed once with all of them."""
    claims: list[Claim] = []
    folded: list[str] = []
    for member in members:
        for fact in member.summary.key_facts:
            text = _SPACES.sub(" ", fact.text.casefold()).strip()
            support = member.support(fact.evidence, text=fact.text)
            hit = next(
                (
                    i
                    for i, f in enumerate(folded)
                    if fuzz.token_set_ratio(f, text, score_cutoff=KEY_FACT_MATCH)
                ),
                None,
            )
            if hit is None:
                claims.append(Claim(value=fact.text, support=[support]))
                folded.append(text)
            elif all(s.article_id != member.article_id for s in claims[hit].support):
                claims[hit].support.append(support)
    return claims


def _entries(
    members: Sequence[Member], get: Callable[[DealSummary], tuple[Any, Evidence | None, str | None]]
) -> list[Entry[Any]]:
    entries = []
    for member in members:
        value, evidence, text = get(member.summary)
        if value is not None:
            entries.append(Entry(value, member.support(evidence, text), member.order))
    return entries


def deal_id(parties: Sequence[MergedParty], article_ids: Sequence[str]) -> str:
    """Stable id: the principal parties' names and a hash of the article ids."""
    principal = [p.name for p in parties if p.role is not Role.advisor][:2]
    slug = _NOT_SLUG.sub("-", "+".join(principal).lower()).strip("-")[:48] or "deal"
    digest = hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:8]
    return f"{slug}-{digest}"


def merge(
    members: Sequence[Member], reasons: Sequence[str], *, matcher: EntityMatcher | None = None
) -> ConsolidatedDeal:
    """One ConsolidatedDeal from the reports of one deal."""
    matcher = matcher or EntityMatcher(AliasTable())
    conflicts: list[Conflict] = []

    def pick(
        name: ConflictField,
        rule: Rule[Any],
        get: Callable[[DealSummary], Any],
        shown: Callable[[Any], Any] = lambda value: value,
    ) -> Chosen[Any]:
        chosen, _, conflict = choose(name, _entries(members, get), rule, shown=shown)
        if conflict:
            conflicts.append(conflict)
        return chosen

    deal_type = pick(
        "deal_type", TYPE_RULE, lambda s: (s.deal_type, s.evidence.get("deal_type"), None)
    )
    amount = pick(
        "amount",
        MONEY_RULE,
        lambda s: (s.amount, s.amount.evidence, s.amount.text) if s.amount else (None, None, None),
        shown=_plain,
    )
    stake = pick(
        "stake_percent",
        STAKE_RULE,
        lambda s: (s.stake_percent, s.evidence.get("stake_percent"), None),
    )
    consideration = pick(
        "consideration",
        EQUAL_RULE,
        lambda s: (s.consideration, s.evidence.get("consideration"), None),
    )
    announced = pick(
        "announced_on", ONCE_RULE, lambda s: (s.announced_on, s.evidence.get("announced_on"), None)
    )
    status, timeline = status_timeline(members)
    valuations, valuation_conflicts = merge_valuations(members)
    sources, originals = attribution(
        [(m.article_id, m.summary, m.text) for m in members], same=matcher.same
    )
    parties = merge_parties(members, matcher)
    article_ids = [m.article_id for m in members]
    return ConsolidatedDeal(
        id=deal_id(parties, article_ids),
        article_ids=article_ids,
        grouping=list(reasons),
        headline=_headline(members),
        deal_type=deal_type,
        status=status,
        status_timeline=timeline,
        parties=parties,
        amount=amount,
        valuations=valuations,
        stake_percent=stake,
        consideration=consideration,
        announced_on=announced,
        sources=sources,
        independent_sources=len(originals),
        original_sources=originals,
        key_facts=merge_key_facts(members),
        conflicts=[*conflicts, *valuation_conflicts],
    )
