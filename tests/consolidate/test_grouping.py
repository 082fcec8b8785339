"""Grouping: the same deal together with its reason, different deals apart, no full comparison."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from summarize.consolidate import consolidate, grouping
from summarize.consolidate.grouping import (
    MAX_GROUP,
    TYPES_FIT,
    Grouper,
    _shapes,
    block_keys,
    is_short_form,
    types_compatible,
)
from summarize.consolidate.reports import report_of
from summarize.names import AliasTable
from summarize.schema import DealSummary, DealType

from .conftest import deal


def groups_of(summaries: dict[str, DealSummary], **options: Any) -> list[set[str]]:
    return [set(d.article_ids) for d in consolidate(summaries, **options)]


def test_two_reports_of_one_deal_are_grouped_with_the_reason() -> None:
    deals = consolidate(
        {
            "a": deal(("Acme Corp", "acquirer"), ("Bolt Ltd", "target")),
            "b": deal(("Acme Corporation", "acquirer"), ("Bolt", "target")),
        }
    )
    assert [d.article_ids for d in deals] == [["a", "b"]]
    [reason] = deals[0].grouping
    assert "a + b" in reason and "Acme Corp (buyer)" in reason and "Bolt Ltd (target)" in reason


def test_same_company_buying_and_selling_the_same_week_stays_apart(day: Any) -> None:
    summaries = {
        "buys": deal(("Acme", "acquirer"), ("Bolt", "target"), announced_on=day(0)),
        "sells": deal(
            ("Acme", "seller"), ("Cobalt Unit", "target"), ("Dyna", "acquirer"), announced_on=day(2)
        ),
        "buys-again": deal(("Acme Inc.", "acquirer"), ("Bolt", "target"), announced_on=day(3)),
    }
    deals = consolidate(summaries)
    assert [set(d.article_ids) for d in deals] == [{"buys", "buys-again"}, {"sells"}]
    assert any("Acme is buyer in buys but seller in sells" in r for r in deals[0].grouping)


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        pytest.param(
            deal(("Acme", "acquirer"), ("Bolt", "target")),
            deal(("Acme", "acquirer"), ("Cobalt", "target")),
            "different targets",
            id="one-buyer-two-targets",
        ),
        pytest.param(
            deal(("Acme", "acquirer"), ("Bolt", "target")),
            deal(("Zenith", "acquirer"), ("Bolt", "target")),
            "different buyers",
            id="rival-bids",
        ),
        pytest.param(
            deal(("Acme", "acquirer"), ("Bolt", "target")),
            deal(("Acme", "merger_partner"), ("Bolt", "merger_partner"), deal_type="joint_venture"),
            "deal types acquisition and joint_venture",
            id="incompatible-types",
        ),
        pytest.param(
            deal(("Acme", "investor"), ("Bolt", "target"), deal_type="minority_investment"),
            deal(("Acme", "target"), ("Bolt", "investor"), deal_type="minority_investment"),
            "Acme is buyer in a but target in b",
            id="roles-swapped",
        ),
    ],
)
def test_different_deals_of_one_company_stay_apart(
    first: DealSummary, second: DealSummary, why: str
) -> None:
    deals = consolidate({"a": first, "b": second})
    assert len(deals) == 2
    assert any(why in reason for reason in deals[0].grouping)


def test_funding_round_reports_may_name_different_investors() -> None:
    summaries = {
        "a": deal(("Sequoia", "lead_investor"), ("Bolt", "target"), deal_type="funding_round"),
        "b": deal(("Accel", "investor"), ("Bolt", "target"), deal_type="funding_round"),
    }
    assert groups_of(summaries) == [{"a", "b"}]


def test_merger_partners_match_acquirer_and_target_of_another_report() -> None:
    summaries = {
        "a": deal(("Acme", "merger_partner"), ("Bolt", "merger_partner"), deal_type="merger"),
        "b": deal(("Acme", "acquirer"), ("Bolt", "target")),
    }
    assert groups_of(summaries) == [{"a", "b"}]


@pytest.mark.parametrize(
    ("gap", "later_status", "together"),
    [
        (30, "announced", True),
        (200, "announced", False),
        (200, "completed", True),
        (500, "completed", False),
    ],
)
def test_date_window_widens_once_the_deal_closes(
    day: Any, gap: int, later_status: str, together: bool
) -> None:
    summaries = {
        "first": deal(("Acme", "acquirer"), ("Bolt", "target"), announced_on=day(0)),
        "later": deal(
            ("Acme", "acquirer"), ("Bolt", "target"), status=later_status, announced_on=day(gap)
        ),
    }
    assert (len(consolidate(summaries)) == 1) is together


def test_published_dates_override_announced_on(day: Any) -> None:
    summaries = {
        "a": deal(("Acme", "acquirer"), ("Bolt", "target"), announced_on=day(0)),
        "b": deal(("Acme", "acquirer"), ("Bolt", "target"), announced_on=day(0)),
    }
    assert len(consolidate(summaries, published={"a": day(0), "b": day(300)})) == 2


def test_a_report_linking_two_contradicting_reports_joins_only_one() -> None:
    summaries = {
        "bolt": deal(("Acme", "acquirer"), ("Bolt", "target")),
        "vague": deal(("Acme", "acquirer")),
        "cobalt": deal(("Acme", "acquirer"), ("Cobalt", "target")),
    }
    groups = groups_of(summaries)
    assert not any({"bolt", "cobalt"} <= g for g in groups)
    assert sorted(map(len, groups)) == [1, 2]


def test_short_forms_and_aliases_link_reports() -> None:
    short = {
        "a": deal(("Meta Platforms", "investor"), ("Scale AI", "target")),
        "b": deal(("Meta", "investor"), ("Scale", "target")),
    }
    assert groups_of(short) == [{"a", "b"}]
    aliased = {
        "a": deal(("Alphabet", "acquirer"), ("Wiz", "target")),
        "b": deal(("Google", "acquirer"), ("Wiz", "target")),
    }
    assert len(groups_of(aliased)) == 2
    assert groups_of(aliased, aliases={"Alphabet": ["Google"]}) == [{"a", "b"}]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("meta", "meta platforms", True),
        ("disney", "walt disney", True),
        ("hp", "hp enterprise", False),  # too short to be a short form
        ("capital", "sequoia capital", False),  # a generic word alone
        ("meta platforms", "meta platforms", False),  # same length: not a short form
        ("scale", "scaleup labs", False),
    ],
)
def test_is_short_form(a: str, b: str, expected: bool) -> None:
    assert is_short_form(a, b) is expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("meta platforms", ("meta", [])),
        ("walt disney", ("walt", ["disney"])),
        ("sequoia capital", ("sequoia", [])),
        ("acme", ("acme", [])),
    ],
)
def test_block_keys(key: str, expected: tuple[str, list[str]]) -> None:
    assert block_keys(key) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (DealType.acquisition, DealType.majority_stake, True),
        (DealType.minority_investment, DealType.funding_round, True),
        (DealType.acquisition, DealType.funding_round, False),
        (DealType.joint_venture, DealType.merger, False),
        (DealType.other, DealType.joint_venture, True),
        (None, DealType.asset_sale, True),
    ],
)
def test_types_compatible(a: DealType | None, b: DealType | None, expected: bool) -> None:
    assert types_compatible(a, b) is expected


def test_type_table_is_types_compatible() -> None:
    types = [None, *DealType]
    assert {(a, b) for a in types for b in types if types_compatible(a, b)} == TYPES_FIT


def random_reports(day: Any, n: int = 60, seed: int = 5) -> list[Any]:
    """Reports over a few overlapping names, roles, types and dates (some undated)."""
    rng = random.Random(seed)
    names = ["Acme", "Acme Corp", "Bolt", "Blot", "Walt Disney", "Disney", "Cobalt", "Dyna"]
    roles = ["acquirer", "target", "seller", "investor", "merger_partner", "advisor"]
    return [
        report_of(
            i,
            f"r{i}",
            deal(
                *((rng.choice(names), rng.choice(roles)) for _ in range(rng.randint(1, 3))),
                deal_type=rng.choice([None, *DealType]),
                status=rng.choice(["rumored", "announced", "completed"]),
                announced_on=rng.choice([None, day(rng.randrange(900))]),
            ),
        )
        for i in range(n)
    ]


def test_candidates_are_the_pairs_sharing_a_block_inside_the_long_window(day: Any) -> None:
    reports = random_reports(day)
    grouper = Grouper()

    def firsts(report: Any) -> set[str]:
        return {block_keys(p.key)[0] for p in report.parties}

    def shorts(report: Any) -> set[str]:
        return {p.key for p in report.parties if " " not in p.key}

    def inners(report: Any) -> set[str]:
        return {word for p in report.parties for word in block_keys(p.key)[1]}

    def meet(a: Any, b: Any) -> bool:
        if a.date and b.date and abs((a.date - b.date).days) > grouper.long_window_days:
            return False
        return bool(firsts(a) & firsts(b) or shorts(a) & inners(b) or shorts(b) & inners(a))

    expected = [
        (a.index, b.index) for a in reports for b in reports if a.index < b.index and meet(a, b)
    ]
    assert grouper.candidates(reports) == expected


def test_a_comparison_without_its_reason_decides_the_same(day: Any) -> None:
    reports = random_reports(day)
    grouper = Grouper()
    for a in reports:
        for b in reports:
            full, quick = grouper.compare(a, b), grouper.compare(a, b, explain=False)
            assert (quick.kind, quick.shared, quick.gap) == (full.kind, full.shared, full.gap)
            assert full.reason and (quick.reason == "" or quick.kind == "unrelated")


def test_reports_of_one_shape_meet_others_alike(day: Any) -> None:
    """Grouping reuses the parties' verdict for pairs of the same shapes: it must not depend
    on anything else (ids, spellings, dates)."""
    reports = random_reports(day, n=30)
    respelled = [
        report_of(
            30 + r.index,
            f"copy{r.index}",
            deal(
                *((f"{p.name.upper()} Inc.", _ROLE_OF[p.role_class]) for p in r.parties),
                deal_type=r.deal_type,
                announced_on=day(7),
            ),
        )
        for r in reports
    ]
    shapes = _shapes([*reports, *respelled])
    assert shapes[:30] == shapes[30:]
    grouper = Grouper()
    for a in reports:
        for b in reports:
            copy_a, copy_b = respelled[a.index], respelled[b.index]
            mine = grouper._by_parties(a, b, None, explain=False)
            theirs = grouper._by_parties(copy_a, copy_b, None, explain=False)
            assert (mine.kind, mine.shared) == (theirs.kind, theirs.shared)


_ROLE_OF = {"buyer": "acquirer", "target": "target", "seller": "seller", "merger": "merger_partner"}


def test_only_reports_sharing_a_name_word_are_compared(day: Any) -> None:
    reports = [
        report_of(
            i,
            f"r{i}",
            deal((f"Buyer{i}", "acquirer"), (f"Target{i}", "target"), announced_on=day(i % 30)),
        )
        for i in range(300)
    ]
    reports.append(report_of(300, "r300", deal(("Buyer7", "acquirer"), ("Target7", "target"))))
    assert Grouper().candidates(reports) == [(7, 300)]


def test_grouping_is_deterministic_and_ignores_input_order(day: Any) -> None:
    summaries = {
        f"{buyer}-{n}": deal((buyer, "acquirer"), (target, "target"), announced_on=day(n))
        for n, (buyer, target) in enumerate(
            [("Acme", "Bolt"), ("Acme", "Cobalt"), ("Dyna", "Bolt"), ("Acme", "Bolt")] * 2
        )
    }
    first = consolidate(summaries)
    assert [d.model_dump() for d in consolidate(summaries)] == [d.model_dump() for d in first]
    shuffled = list(summaries.items())
    random.Random(3).shuffle(shuffled)
    partition = {frozenset(d.article_ids) for d in first}
    assert {frozenset(d.article_ids) for d in consolidate(dict(shuffled))} == partition


def test_a_deal_holds_at_most_max_group_reports() -> None:
    summaries = {
        f"r{i}": deal(("Acme", "acquirer"), ("Bolt", "target")) for i in range(MAX_GROUP + 5)
    }
    assert sorted(len(d.article_ids) for d in consolidate(summaries)) == [5, MAX_GROUP]


def test_a_lone_report_says_so() -> None:
    [single] = consolidate({"a": deal(("Acme", "acquirer"), ("Bolt", "target"))})
    assert single.grouping == ["only report of this deal"]


def test_alias_table_is_accepted_as_is() -> None:
    table = AliasTable.from_mapping({"Alphabet": ["Google"]})
    summaries = {
        "a": deal(("Alphabet", "acquirer"), ("Wiz", "target")),
        "b": deal(("Google", "acquirer"), ("Wiz", "target")),
    }
    assert groups_of(summaries, aliases=table) == [{"a", "b"}]


@pytest.mark.parametrize("seed", range(4))
def test_a_hot_block_still_pairs_every_pair_that_links(
    day: Any, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Splitting a hot block by the other companies named drops only pairs that cannot link,
    so the deals come out the same as when every pair of the block is compared."""
    reports = random_reports(day, n=150, seed=seed)
    grouper = Grouper()
    every = [grouper.clusters(reports)]
    monkeypatch.setattr(grouping, "HOT_BLOCK", 0)
    hot = set(grouper.candidates(reports))
    linking = {
        (a.index, b.index)
        for a in reports
        for b in reports
        if a.index < b.index and grouper.compare(a, b, explain=False).kind == "link"
    }
    assert linking <= hot < {(a, b) for a in range(150) for b in range(a + 1, 150)}
    assert [c.members for c in grouper.clusters(reports)] == [c.members for c in every[0]]


def test_a_company_in_many_deals_is_not_paired_with_all_of_them(day: Any) -> None:
    """A buyer in 200 deals, each reported twice: its block is split by target."""
    targets = ["".join(t).capitalize() + "ex" for t in itertools.product("bdfkmprst", repeat=4)]
    reports = [
        report_of(
            i,
            f"r{i}",
            deal(("Microsoft", "acquirer"), (targets[i // 2], "target"), announced_on=day(i)),
        )
        for i in range(400)
    ]
    lone = report_of(400, "r400", deal(("Microsoft", "acquirer"), announced_on=day(3)))
    pairs = Grouper().candidates([*reports, lone])
    assert (0, 1) in pairs and (2, 3) in pairs and (0, 2) not in pairs
    assert {(i, 400) for i in range(400)} <= set(pairs)  # it names no target: it may be any
    assert len(pairs) == 200 + 400
    summaries = {r.id: deal(("Microsoft", "acquirer"), (targets[r.index // 2], "target"),
                            announced_on=day(r.index)) for r in reports}  # fmt: skip
    assert [len(d.article_ids) for d in consolidate(summaries)] == [2] * 200
