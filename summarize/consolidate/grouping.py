"""Find the reports that describe the same deal, and say why.

Reports are first put in blocks by the words of their party names (``summarize.names``
normalization and aliases), so only reports that share a name word are ever compared: no
comparison over the whole input. Within a block, dated reports are compared only with those
inside the date window (a sliding window over the block sorted by date), and the block of a
company in many deals is split further by the other companies its reports name.

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
from typing import Literal, NamedTuple

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


_TYPES: tuple[DealType | None, ...] = (None, *DealType)
TYPES_FIT = frozenset((a, b) for a in _TYPES for b in _TYPES if types_compatible(a, b))
"""``types_compatible`` as a table: grouping asks it for every candidate pair."""
_CLASSES = frozenset(c for pair in COMPATIBLE_ROLES for c in pair)
ROLE_FITS: dict[str, frozenset[str]] = {
    c: frozenset(d for d in _CLASSES if frozenset({c, d}) in COMPATIBLE_ROLES) for c in _CLASSES
}
"""``COMPATIBLE_ROLES`` as a table: the role classes each one fits."""


class Verdict(NamedTuple):
    """How two reports relate: the same deal, different deals, or nothing in common."""

    kind: Literal["link", "apart", "unrelated"]
    reason: str
    """Empty when the comparison was asked not to explain itself."""
    shared: int = 0
    gap: int | None = None


UNRELATED = Verdict("unrelated", "no shared party")
APART = Verdict("apart", "")
"""An unexplained 'apart': what most candidate pairs come to."""


@dataclass
class Group:
    """Reports of one deal (indices into the report list) and why they were put together."""

    members: list[int]
    reasons: list[str] = field(default_factory=list)


@dataclass
class Cluster:
    """A group before its reasons are worded (``Grouper.reasons`` words them when asked).

    Wording every reason while grouping cost more than deciding the links, and held a string
    per link and note for the whole input; a cluster keeps the report pairs instead, and the
    words are made where the deal is merged (in parallel, one deal at a time).
    """

    members: list[int]
    joins: list[int] = field(default_factory=list)
    """The links that joined it (``_ordered`` pairs), in the order its reasons list them."""
    notes: list[tuple[int, int | str]] = field(default_factory=list)
    """(member, note): a pair kept apart (an ``_ordered`` int) or a join refused (its words)."""


@dataclass
class Grouper:
    """Compares reports and clusters them; holds the name cache and the windows."""

    aliases: AliasTable | None = None
    window_days: int = WINDOW_DAYS
    long_window_days: int = LONG_WINDOW_DAYS
    matcher: EntityMatcher = field(init=False)

    def __post_init__(self) -> None:
        self.matcher = EntityMatcher(self.aliases)

    def compare(self, a: Report, b: Report, *, explain: bool = True) -> Verdict:
        """Decide whether two reports tell the same deal, with the reason in words.

        ``explain=False`` leaves the reason empty: most candidate pairs only need the kind,
        and wording it costs more than deciding it.
        """
        if (a.deal_type, b.deal_type) not in TYPES_FIT:
            if not explain:
                return APART
            return Verdict("apart", f"deal types {_name(a.deal_type)} and {_name(b.deal_type)}")
        gap, limit = self._gap(a, b)
        if gap is not None and gap > limit:
            return Verdict("apart", f"{gap} days apart (window {limit})") if explain else APART
        return self._by_parties(a, b, gap, explain=explain)

    def _gap(self, a: Report, b: Report) -> tuple[int | None, int]:
        """Days between two reports (None when one is undated) and the most one deal allows:
        the long window once the later report has the deal pending, completed or terminated."""
        if a.day is None or b.day is None:
            return None, self.window_days
        later = a if (a.day, a.index) > (b.day, b.index) else b
        limit = self.long_window_days if later.status in LATE_STATUSES else self.window_days
        return abs(a.day - b.day), limit

    def _by_parties(self, a: Report, b: Report, gap: int | None, *, explain: bool) -> Verdict:
        """``compare`` once types and dates allow one deal: the parties decide. Unexplained,
        the verdict depends only on the two reports' shapes (``_shapes``) and ``gap``."""
        same = self.matcher.same
        shared: list[PartyKey] = []
        met: set[tuple[str, str]] = set()  # role classes (in a, in b) of companies both name
        for party in a.parties:
            roles = set()
            for other in b.parties:
                if party.key == other.key or same(party.key, other.key):
                    roles.add(other.role_class)
                    met.add((party.role_class, other.role_class))
            if not roles:
                continue
            if ROLE_FITS[party.role_class].isdisjoint(roles):
                if not explain:
                    return APART
                held = "/".join(sorted(roles))
                why = f"{party.name} is {party.role_class} in {a.id} but {held} in {b.id}"
                return Verdict("apart", why)
            shared.append(party)
        sides = _SIDES if FUNDING_ROUND in (a.deal_type, b.deal_type) else _SIDES_WITH_BUYERS
        for side, what in sides:  # both name someone on this side, but never the same company
            if _MEETS[side].isdisjoint(met) and not (
                a.classes.isdisjoint(side) or b.classes.isdisjoint(side)
            ):
                return Verdict("apart", _differ(a, b, side, what)) if explain else APART
        if not shared:
            return UNRELATED
        if not explain:
            return Verdict("link", "", len(shared), gap)
        when = f"{gap} days apart" if gap is not None else "undated"
        types = "/".join(dict.fromkeys(_name(t) for t in (a.deal_type, b.deal_type)))
        named = ", ".join(f"{p.name} ({p.role_class})" for p in shared)
        reason = f"{a.id} + {b.id}: shared {named}; {types}; {when}"
        return Verdict("link", reason, len(shared), gap)

    def candidates(self, reports: Sequence[Report]) -> list[tuple[int, int]]:
        """Pairs that share a block and lie inside the long window, each pair once, sorted.

        Reports meet when a party's first name word is the same, or when a one-word name is
        another name's later word (a possible short form); nothing else is ever compared.
        """
        return [_unpair(pair) for pair in self._candidate_pairs(reports)]

    def _candidate_pairs(self, reports: Sequence[Report]) -> list[int]:
        """``candidates`` as ``_pair`` ints: a third of the memory of tuples."""
        first: dict[str, list[Report]] = defaultdict(list)
        short: dict[str, list[Report]] = defaultdict(list)
        inner: dict[str, list[Report]] = defaultdict(list)
        split: dict[str, tuple[str, list[str]]] = {}  # names recur: split each once
        for report in reports:
            for party in report.parties:
                if party.key not in split:
                    split[party.key] = block_keys(party.key)
                word, others = split[party.key]
                _file(first, word, report)
                if " " not in party.key:
                    _file(short, word, report)
                for other in others:
                    _file(inner, other, report)
        pairs: set[int] = set()
        for members in first.values():
            if len(members) > 1:
                pairs.update(self._pairs_within(members))
        for word, shorts in short.items():
            if word in inner:
                pairs.update(self._pairs_between(shorts, inner[word]))
        return sorted(pairs)

    def _pairs_within(self, members: Sequence[Report]) -> Iterator[int]:
        """Pairs of one block within the long window (undated reports pair with everyone):
        the block sorted by date, each report paired with those after it in the window."""
        if len(members) > HOT_BLOCK:
            yield from self._pairs_hot(members)
            return
        dated = sorted((r for r in members if r.day is not None), key=_by_day)
        days = [r.day for r in dated]
        window = self.long_window_days
        for x, a in enumerate(dated):
            for b in dated[x + 1 : bisect_right(days, a.day + window, x + 1)]:  # type: ignore[operator]
                yield _ordered(a.index, b.index)
        undated = [r for r in members if r.day is None]
        for x, a in enumerate(undated):
            for b in (*dated, *undated[x + 1 :]):
                yield _ordered(a.index, b.index)

    def _pairs_hot(self, members: Sequence[Report]) -> Iterator[int]:
        """The pairs of a hot block (a company in many deals) that may be one deal.

        Two reports of one deal that both name someone on a side (target, seller, and buyer
        unless one is a funding round) share a company there (``_by_parties``), and a shared
        company shares a name word. So reports are split by the sides they name; two groups
        that name a common side meet only through a word prefix on that side (the side that
        leaves fewest pairs), and two that have no side in common meet in full.
        """
        words = [_side_words(r) for r in members]
        parts: dict[frozenset[str], list[int]] = defaultdict(list)
        for x, sides in enumerate(words):
            parts[frozenset(sides)].append(x)
        named = sorted(parts, key=sorted)
        for n, mine in enumerate(named):
            for theirs in named[n:]:
                left, right = parts[mine], parts[theirs]
                common = mine & theirs
                if not common:
                    yield from self._pairs_between(
                        [members[x] for x in left], [members[x] for x in right]
                    )
                    continue
                by_side = {side: (_bucket(words, left, side), _bucket(words, right, side))
                           for side in sorted(common)}  # fmt: skip
                side = min(by_side, key=lambda s: _pair_count(*by_side[s]))
                lefts, rights = by_side[side]
                for word, xs in lefts.items():
                    if word in rights:
                        yield from self._pairs_between(
                            [members[x] for x in xs], [members[y] for y in rights[word]]
                        )

    def _pairs_between(self, left: Sequence[Report], right: Sequence[Report]) -> Iterator[int]:
        """Pairs of a report in ``left`` and one in ``right`` within the long window (undated
        reports pair with everyone)."""
        dated = sorted((r for r in right if r.day is not None), key=_by_day)
        days = [r.day for r in dated]
        undated = [r for r in right if r.day is None]
        window = self.long_window_days
        for a in left:
            if a.day is None:
                others: Iterable[Report] = right
            else:
                lo, hi = bisect_left(days, a.day - window), bisect_right(days, a.day + window)
                others = (*dated[lo:hi], *undated)
            i = a.index
            for b in others:
                if b.index != i:
                    yield _ordered(i, b.index)

    def group(self, reports: Sequence[Report]) -> list[Group]:
        """Clusters of reports, each with its reasons, ordered by their first report."""
        return [Group(c.members, self.reasons(reports, c)) for c in self.clusters(reports)]

    def clusters(self, reports: Sequence[Report]) -> list[Cluster]:
        """``group`` without the words: ordered by their first report."""
        notes = _Notes()
        links = self._links(reports, notes)
        linked = {_ordered(i, j) for _, _, i, j in links}
        root = list(range(len(reports)))
        clusters: dict[int, Cluster] = {}

        def find(i: int) -> int:
            while root[i] != i:
                root[i] = root[root[i]]
                i = root[i]
            return i

        for _, _, i, j in links:
            ri, rj = find(i), find(j)
            if ri == rj:
                continue
            gi = clusters.get(ri) or Cluster([ri])
            gj = clusters.get(rj) or Cluster([rj])
            blocker = self._blocker(reports, gi.members, gj.members, linked)
            if blocker:
                for k in (i, j):
                    notes.add(k, f"not joined: {blocker}")
                continue
            keep, drop = (ri, rj) if ri < rj else (rj, ri)
            root[drop] = keep
            clusters.pop(drop, None)
            members = sorted(gi.members + gj.members)
            clusters[keep] = Cluster(members, [*gi.joins, *gj.joins, _ordered(i, j)])
        found: list[Cluster] = []
        for i in range(len(reports)):
            if find(i) != i:
                continue
            cluster = clusters.get(i) or Cluster([i])
            cluster.notes = [(m, n) for m in cluster.members for n in notes.of(m)]
            found.append(cluster)
        return found

    def reasons(self, reports: Sequence[Report], cluster: Cluster) -> list[str]:
        """Why the cluster's reports were put together, one line per link, then why some of
        them were kept apart from others."""
        pairs = map(_unpair, cluster.joins)
        words = [self.compare(reports[i], reports[j]).reason for i, j in pairs]
        notes = (self._note(reports, member, note) for member, note in cluster.notes)
        return (words or ["only report of this deal"]) + list(dict.fromkeys(notes))

    def _note(self, reports: Sequence[Report], member: int, note: int | str) -> str:
        if isinstance(note, str):
            return note
        i, j = _unpair(note)
        other = reports[j if member == i else i]
        return f"kept apart from {other.id}: {self.compare(reports[i], reports[j]).reason}"

    def _links(self, reports: Sequence[Report], notes: _Notes) -> list[tuple[int, int, int, int]]:
        """The candidate pairs that link, strongest first (most shared parties, then closest
        dates, then input order), noting the first pairs of each report kept apart."""
        links: list[tuple[int, int, int, int]] = []
        shapes = _shapes(reports)
        by_shapes: dict[int, Verdict] = {}  # most pairs repeat the shapes of another pair
        for pair in self._candidate_pairs(reports):
            i, j = _unpair(pair)
            a, b = reports[i], reports[j]
            gap, limit = self._gap(a, b)
            if (a.deal_type, b.deal_type) not in TYPES_FIT or (gap is not None and gap > limit):
                verdict = APART
            else:
                key = (shapes[i] << PAIR_SHIFT) | shapes[j]
                if key not in by_shapes:
                    by_shapes[key] = self._by_parties(a, b, None, explain=False)
                verdict = by_shapes[key]
            if verdict.kind == "link":
                links.append((-verdict.shared, gap or 0, i, j))
            elif verdict.kind == "apart" and notes.wants(i, j):
                notes.add(i, pair)
                notes.add(j, pair)
        links.sort()
        return links

    def _blocker(
        self,
        reports: Sequence[Report],
        left: list[int],
        right: list[int],
        linked: set[int],
    ) -> str | None:
        """Why two clusters must not join (a pair across them contradicts), or None.

        ``linked`` holds the pairs already known to link (``_ordered``), which need no second
        look.
        """
        if len(left) + len(right) > MAX_GROUP:
            return f"a deal holds at most {MAX_GROUP} reports"
        for i in left:
            for j in right:
                if i < j and _ordered(i, j) in linked:
                    continue  # compared in this order already
                if self.compare(reports[i], reports[j], explain=False).kind == "apart":
                    return self.compare(reports[i], reports[j]).reason
        return None


def _differ(a: Report, b: Report, side: frozenset[str], what: str) -> str:
    """The companies each report names on ``side``, in words."""
    names_a = ", ".join(p.name for p in a.parties if p.role_class in side)
    names_b = ", ".join(p.name for p in b.parties if p.role_class in side)
    return f"different {what}: {names_a} in {a.id}, {names_b} in {b.id}"


_MEETS = {
    side: frozenset((x, y) for x in side for y in side)
    for side in (TARGET_SIDE, SELLER_SIDE, BUYER_SIDE)
}
"""Per side, the (a, b) role class pairs that put one company on that side in both reports."""
FUNDING_ROUND = DealType.funding_round
_SIDES = ((TARGET_SIDE, "targets"), (SELLER_SIDE, "sellers"))
_SIDES_WITH_BUYERS = (*_SIDES, (BUYER_SIDE, "buyers"))
"""Sides whose companies must be the same; a funding round's investors may differ by report."""
NOTES_PER_REPORT = 2
"""'Kept apart' notes kept per report: enough to explain a near miss."""


class _Notes:
    """The first ``NOTES_PER_REPORT`` notes on why each report was kept apart from another."""

    def __init__(self) -> None:
        self._notes: dict[int, list[int | str]] = {}

    def wants(self, a: int, b: int) -> bool:
        """True when a note on report ``a`` or ``b`` would still be kept (else skip wording it)."""
        notes = self._notes
        return len(notes.get(a, ())) < NOTES_PER_REPORT or len(notes.get(b, ())) < NOTES_PER_REPORT

    def add(self, report: int, note: int | str) -> None:
        notes = self._notes.setdefault(report, [])
        if len(notes) < NOTES_PER_REPORT:
            notes.append(note)

    def of(self, report: int) -> list[int | str]:
        return self._notes.get(report, [])


def _shapes(reports: Sequence[Report]) -> list[int]:
    """An id per report for what the parties' verdict depends on: its deal type and its
    parties' keys and role classes (reports of one deal usually share one)."""
    ids: dict[tuple[object, ...], int] = {}
    shapes = []
    for r in reports:
        shape = (r.deal_type, *(x for p in r.parties for x in (p.key, p.role_class)))
        shapes.append(ids.setdefault(shape, len(ids)))
    return shapes


HOT_BLOCK = 64
"""A name-word block with more reports than this (a big buyer, a buyout fund, a busy bank)
is split by the other companies its reports name (``Grouper._pairs_hot``): pairing all of
them would be quadratic in that company's deals."""
PREFIX_LETTERS = 4
"""Letters of a name word that a hot block compares: "Tesselate" still meets "Tessellate"."""
_SIDE_CLASSES = (("buyer", BUYER_SIDE), ("seller", SELLER_SIDE), ("target", TARGET_SIDE))


def _side_words(report: Report) -> dict[str, frozenset[str]]:
    """For each side the report names someone on, the prefixes of those companies' block
    words. A funding round's buyers are left out: its investors may differ between reports."""
    sides: dict[str, set[str]] = {}
    for party in report.parties:
        first, others = block_keys(party.key)
        prefixes = {w[:PREFIX_LETTERS] for w in (first, *others) if w}
        for side, classes in _SIDE_CLASSES:
            if party.role_class in classes and not (
                side == "buyer" and report.deal_type is FUNDING_ROUND
            ):
                sides.setdefault(side, set()).update(prefixes)
    return {side: frozenset(words) for side, words in sides.items()}


def _bucket(
    words: list[dict[str, frozenset[str]]], xs: list[int], side: str
) -> dict[str, list[int]]:
    """The reports ``xs`` by the word prefixes they name on ``side``."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for x in xs:
        for word in words[x][side]:
            buckets[word].append(x)
    return buckets


def _pair_count(left: dict[str, list[int]], right: dict[str, list[int]]) -> int:
    return sum(len(xs) * len(right[w]) for w, xs in left.items() if w in right)


def _file(index: dict[str, list[Report]], key: str, report: Report) -> None:
    """File ``report`` under ``key`` once (its keys come one after another)."""
    if not key:
        return
    members = index[key]
    if not members or members[-1] is not report:
        members.append(report)


def _by_day(report: Report) -> tuple[int, int]:
    return report.day, report.index  # type: ignore[return-value]


PAIR_SHIFT = 32
PAIR_MASK = (1 << PAIR_SHIFT) - 1


def _ordered(i: int, j: int) -> int:
    """The pair (min, max) as one int: hundreds of thousands of them are deduplicated and
    sorted, which is several times faster on ints than on tuples, in a third of the memory."""
    return (i << PAIR_SHIFT) | j if i < j else (j << PAIR_SHIFT) | i


def _unpair(pair: int) -> tuple[int, int]:
    return pair >> PAIR_SHIFT, pair & PAIR_MASK


def _name(deal_type: DealType | None) -> str:
    return _TYPE_NAMES[deal_type]


_TYPE_NAMES: dict[DealType | None, str] = {None: "unknown", **{t: t.value for t in DealType}}


def group_reports(
    reports: Sequence[Report],
    *,
    aliases: AliasTable | None = None,
    window_days: int = WINDOW_DAYS,
    long_window_days: int = LONG_WINDOW_DAYS,
) -> list[Group]:
    """Group ``reports`` (their ``index`` must be their position) into deals."""
    return Grouper(aliases, window_days, long_window_days).group(reports)
