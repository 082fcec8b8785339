"""Find the reports that describe the same deal, and say why.

Reports are first put in blocks by the words of their party names (``summarize.names``
normalization and aliases), so only reports that share a name word are ever compared: no
comparison over the whole input. Within a block, dated reports are compared only with those
inside the date window (a sliding window over the block sorted by date).

Two reports are linked when they share a principal party (advisors do not count) in a
compatible role and nothing contradicts: deal types of one family, dates inside the window,
no company that buys in one and sells in the other, and the same target (and, for takeovers
and minority stakes, the same buyer) when both name one. Links are applied strongest first
(most shared parties, then closest dates); two clusters join only when no pair across them
contradicts, so "A buys B" and "A sells C" never meet through a third report.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from summarize.consolidate.reports import PartyKey, Report
from summarize.names import AliasTable, same_entity
from summarize.schema import DealStatus, DealType

WINDOW_DAYS = 120
"""Most days between two reports of one deal while it is rumored, in talks or announced."""
LONG_WINDOW_DAYS = 400
"""Most days when the later report has the deal pending approval, completed or terminated:
closings come months after signings."""
LATE_STATUSES = frozenset(
    {DealStatus.pending_approval, DealStatus.completed, DealStatus.terminated}
)

DEAL_FAMILIES: tuple[frozenset[DealType], ...] = (
    frozenset(
        {DealType.acquisition, DealType.merger, DealType.majority_stake, DealType.asset_sale}
    ),
    frozenset({DealType.minority_investment, DealType.funding_round, DealType.majority_stake}),
    frozenset({DealType.joint_venture}),
)
"""Deal types that reports of one deal may mix; ``other`` and a missing type fit any family."""

COMPATIBLE_ROLES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"buyer"}),
        frozenset({"target"}),
        frozenset({"seller"}),
        frozenset({"merger"}),
        frozenset({"merger", "buyer"}),
        frozenset({"merger", "target"}),
    }
)
"""Role classes one company may hold across reports of one deal (merger partners are often
called acquirer and target by other reports)."""

GENERIC_WORDS = frozenset({
    "ai", "bank", "capital", "energy", "financial", "fund", "funds", "global", "group", "health",
    "industries", "international", "investment", "investments", "labs", "management", "media",
    "networks", "partners", "platforms", "resources", "services", "software", "solutions",
    "systems", "technologies", "technology", "therapeutics", "ventures",
})  # fmt: skip
"""Words too common in company names to block on, or to count as a short form on their own."""

TARGET_SIDE = frozenset({"target", "merger"})
SELLER_SIDE = frozenset({"seller"})
BUYER_SIDE = frozenset({"buyer", "merger"})

MAX_GROUP = 50
"""Most reports merged into one deal. Joining two clusters checks every pair across them, so a
cap keeps a run of near-identical reports from turning that check quadratic; a deal reported
more often is split, and the split is named in the grouping reasons."""

MIN_SHORT_FORM = 4
"""Fewest letters a short form must have: "Meta" may stand for "Meta Platforms", "HP" may not."""


class EntityMatcher:
    """``summarize.names.same_entity`` on normalized keys, plus short forms, with a cache."""

    def __init__(self, aliases: AliasTable | None = None) -> None:
        self.aliases = aliases
        self._cache: dict[tuple[str, str], bool] = {}

    def same(self, a: str, b: str) -> bool:
        if a == b:
            return True
        pair = (a, b) if a < b else (b, a)
        hit = self._cache.get(pair)
        if hit is None:
            hit = same_entity(a, b, self.aliases) or is_short_form(a, b)
            self._cache[pair] = hit
        return hit


def is_short_form(a: str, b: str) -> bool:
    """True when one normalized name is a run of the other's words ("meta" in "meta platforms")."""
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) == len(long) or len("".join(short)) < MIN_SHORT_FORM:
        return False
    if all(word in GENERIC_WORDS for word in short):
        return False
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def block_keys(key: str) -> tuple[str, list[str]]:
    """Where a party is blocked: its first name word, and (multi-word names only) the other
    distinctive words a short form may use ("disney" for "walt disney")."""
    words = key.split()
    others = [w for w in words[1:] if len(w) >= MIN_SHORT_FORM and w not in GENERIC_WORDS]
    return (words[0] if words else ""), others


def types_compatible(a: DealType | None, b: DealType | None) -> bool:
    """True when both types fit one deal family (``other`` and None fit any)."""
    if a in (None, DealType.other) or b in (None, DealType.other) or a == b:
        return True
    return any(a in family and b in family for family in DEAL_FAMILIES)


@dataclass(frozen=True, slots=True)
class Verdict:
    """How two reports relate: the same deal, different deals, or nothing in common."""

    kind: Literal["link", "apart", "unrelated"]
    reason: str
    shared: int = 0
    gap: int | None = None


@dataclass
class Group:
    """Reports of one deal (indices into the report list) and why they were put together."""

    members: list[int]
    reasons: list[str] = field(default_factory=list)


@dataclass
class Grouper:
    """Compares reports and clusters them; holds the name cache and the windows."""

    aliases: AliasTable | None = None
    window_days: int = WINDOW_DAYS
    long_window_days: int = LONG_WINDOW_DAYS
    matcher: EntityMatcher = field(init=False)

    def __post_init__(self) -> None:
        self.matcher = EntityMatcher(self.aliases)

    def compare(self, a: Report, b: Report) -> Verdict:
        """Decide whether two reports tell the same deal, with the reason in words."""
        if not types_compatible(a.deal_type, b.deal_type):
            return Verdict("apart", f"deal types {_name(a.deal_type)} and {_name(b.deal_type)}")
        gap = abs((a.date - b.date).days) if a.date and b.date else None
        if gap is not None:
            later = a if (a.date, a.index) > (b.date, b.index) else b  # type: ignore[operator]
            limit = self.long_window_days if later.status in LATE_STATUSES else self.window_days
            if gap > limit:
                return Verdict("apart", f"{gap} days apart (window {limit})")
        same = self.matcher.same
        matched = [(p, o) for p in a.parties for o in b.parties if same(p.key, o.key)]
        shared: list[str] = []
        for party in a.parties:
            roles = {o.role_class for p, o in matched if p is party}
            if not roles:
                continue
            if not any(frozenset({party.role_class, r}) in COMPATIBLE_ROLES for r in roles):
                held = "/".join(sorted(roles))
                why = f"{party.name} is {party.role_class} in {a.id} but {held} in {b.id}"
                return Verdict("apart", why)
            shared.append(f"{party.name} ({party.role_class})")
        sides = [(TARGET_SIDE, "targets"), (SELLER_SIDE, "sellers")]
        if DealType.funding_round not in (a.deal_type, b.deal_type):
            sides.append((BUYER_SIDE, "buyers"))  # a funding round's investors may differ by report
        for side, what in sides:
            if why := _sides_differ(a, b, matched, side, what):
                return Verdict("apart", why)
        if not shared:
            return Verdict("unrelated", "no shared party")
        when = f"{gap} days apart" if gap is not None else "undated"
        types = "/".join(dict.fromkeys(_name(t) for t in (a.deal_type, b.deal_type)))
        reason = f"{a.id} + {b.id}: shared {', '.join(shared)}; {types}; {when}"
        return Verdict("link", reason, len(shared), gap)

    def candidates(self, reports: Sequence[Report]) -> list[tuple[int, int]]:
        """Pairs that share a block and lie inside the long window, each pair once, sorted.

        Reports meet when a party's first name word is the same, or when a one-word name is
        another name's later word (a possible short form); nothing else is ever compared.
        """
        first: dict[str, list[Report]] = defaultdict(list)
        short: dict[str, list[Report]] = defaultdict(list)
        inner: dict[str, list[Report]] = defaultdict(list)
        for report in reports:
            words, shorts, inners = set(), set(), set()
            for party in report.parties:
                word, others = block_keys(party.key)
                words.add(word)
                inners.update(others)
                if " " not in party.key:
                    shorts.add(word)
            for index, keys in ((first, words), (short, shorts), (inner, inners)):
                for key in sorted(keys - {""}):
                    index[key].append(report)
        pairs: set[tuple[int, int]] = set()
        for members in first.values():
            if len(members) > 1:
                pairs.update(self._pairs_between(members, members))
        for word, shorts in short.items():
            if word in inner:
                pairs.update(self._pairs_between(shorts, inner[word]))
        return sorted(pairs)

    def _pairs_between(
        self, left: Sequence[Report], right: Sequence[Report]
    ) -> Iterator[tuple[int, int]]:
        """Pairs of a report in ``left`` and one in ``right`` within the long window (undated
        reports pair with everyone)."""
        dated = sorted((r for r in right if r.date), key=lambda r: (r.date, r.index))
        days = [r.date.toordinal() for r in dated]  # type: ignore[union-attr]
        undated = [r for r in right if r.date is None]
        window = self.long_window_days
        for a in left:
            if a.date is None:
                others: Iterable[Report] = right
            else:
                day = a.date.toordinal()
                lo, hi = bisect_left(days, day - window), bisect_right(days, day + window)
                others = (*dated[lo:hi], *undated)
            i = a.index
            for b in others:
                j = b.index
                if i < j:
                    yield i, j
                elif j < i:
                    yield j, i

    def group(self, reports: Sequence[Report]) -> list[Group]:
        """Clusters of reports, each with its reasons, ordered by their first report."""
        links: list[tuple[int, int, int, int, str]] = []
        apart_notes: dict[int, list[str]] = defaultdict(list)
        for i, j in self.candidates(reports):
            verdict = self.compare(reports[i], reports[j])
            if verdict.kind == "link":
                links.append((-verdict.shared, verdict.gap or 0, i, j, verdict.reason))
            elif verdict.kind == "apart":
                for k, other in ((i, j), (j, i)):
                    if len(apart_notes[k]) < 2:
                        apart_notes[k].append(
                            f"kept apart from {reports[other].id}: {verdict.reason}"
                        )
        links.sort()
        root = list(range(len(reports)))
        clusters: dict[int, Group] = {}

        def find(i: int) -> int:
            while root[i] != i:
                root[i] = root[root[i]]
                i = root[i]
            return i

        for _, _, i, j, reason in links:
            ri, rj = find(i), find(j)
            if ri == rj:
                continue
            gi = clusters.get(ri) or Group([ri])
            gj = clusters.get(rj) or Group([rj])
            blocker = self._blocker(reports, gi.members, gj.members)
            if blocker:
                for k in (i, j):
                    if len(apart_notes[k]) < 2:
                        apart_notes[k].append(f"not joined: {blocker}")
                continue
            keep, drop = (ri, rj) if ri < rj else (rj, ri)
            root[drop] = keep
            clusters.pop(drop, None)
            members = sorted(gi.members + gj.members)
            clusters[keep] = Group(members, [*gi.reasons, *gj.reasons, reason])
        groups: list[Group] = []
        for i in range(len(reports)):
            if find(i) != i:
                continue
            group = clusters.get(i) or Group([i], ["only report of this deal"])
            notes = [n for m in group.members for n in apart_notes.get(m, [])]
            group.reasons.extend(dict.fromkeys(notes))
            groups.append(group)
        return groups

    def _blocker(self, reports: Sequence[Report], left: list[int], right: list[int]) -> str | None:
        """Why two clusters must not join (a pair across them contradicts), or None."""
        if len(left) + len(right) > MAX_GROUP:
            return f"a deal holds at most {MAX_GROUP} reports"
        for i in left:
            for j in right:
                verdict = self.compare(reports[i], reports[j])
                if verdict.kind == "apart":
                    return verdict.reason
        return None


def _sides_differ(
    a: Report, b: Report, matched: list[tuple[PartyKey, PartyKey]], side: frozenset[str], what: str
) -> str | None:
    """Why both reports name someone on ``side`` but never the same company, or None."""
    if not (a.classes & side and b.classes & side):
        return None
    if any(p.role_class in side and o.role_class in side for p, o in matched):
        return None
    names_a = ", ".join(p.name for p in a.parties if p.role_class in side)
    names_b = ", ".join(p.name for p in b.parties if p.role_class in side)
    return f"different {what}: {names_a} in {a.id}, {names_b} in {b.id}"


def _name(deal_type: DealType | None) -> str:
    return deal_type.value if deal_type else "unknown"


def group_reports(
    reports: Sequence[Report],
    *,
    aliases: AliasTable | None = None,
    window_days: int = WINDOW_DAYS,
    long_window_days: int = LONG_WINDOW_DAYS,
) -> list[Group]:
    """Group ``reports`` (their ``index`` must be their position) into deals."""
    return Grouper(aliases, window_days, long_window_days).group(reports)
