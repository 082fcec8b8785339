"""Parties: role-aware set F1 with aliases, optional parties, repeats and traps; target accuracy."""

from __future__ import annotations

import pytest

from summarize.evals.labels import ExpectedParty, Trap
from summarize.evals.scorers import score_parties, score_target
from summarize.names import AliasTable
from summarize.schema import Party

EXPECTED = [
    ExpectedParty(name="Meta Platforms", role="investor", accept_roles=["lead_investor"]),
    ExpectedParty(name="Scale AI", role="target"),
    ExpectedParty(name="Goldman Sachs", role="advisor", optional=True),
]
ALIASES = AliasTable.from_mapping({"Meta Platforms": ["Meta"]})
TRAPS = [Trap(field="parties", name="Nvidia", note="an existing backer")]


def parties(*pairs: tuple[str, str]) -> list[Party]:
    return [Party(name=name, role=role) for name, role in pairs]


@pytest.mark.parametrize(
    ("produced", "counts", "value"),
    [
        (parties(("Meta", "investor"), ("Scale AI", "target")), (2, 0, 0, 0), 1.0),
        # "Scale" alone is not "Scale AI" without an alias: an extra party and a miss
        (
            parties(("Meta Platforms, Inc.", "lead_investor"), ("Scale", "target")),
            (1, 1, 1, 0),
            0.5,
        ),
        (
            parties(("Meta", "investor"), ("Scale AI", "target"), ("Goldman Sachs", "advisor")),
            (2, 0, 0, 0),
            1.0,
        ),
        (parties(("Meta", "investor"), ("Scale AI", "acquirer")), (1, 1, 1, 0), 0.5),  # wrong role
        (
            parties(("Meta", "investor"), ("Meta Platforms", "investor"), ("Scale AI", "target")),
            (2, 0, 0, 0),
            1.0,
        ),
        (
            parties(("Meta", "investor"), ("Scale AI", "target"), ("Nvidia", "investor")),
            (2, 1, 0, 1),
            0.8,
        ),
        (
            parties(("Meta", "investor"), ("Scale AI", "target"), ("Amazon", "investor")),
            (2, 1, 0, 0),
            0.8,
        ),
        ([], (0, 0, 2, 0), 0.0),
    ],
)
def test_role_aware_set(
    produced: list[Party], counts: tuple[int, int, int, int], value: float
) -> None:
    score = score_parties(EXPECTED, produced, TRAPS, ALIASES)
    assert (score.tp, score.fp, score.fn, score.hallucinated) == counts
    assert score.value == pytest.approx(value)
    assert score.produced == len(produced)


def test_fuzzy_spelling_counts() -> None:
    score = score_parties(
        EXPECTED, parties(("Meta", "investor"), ("Scale A.I.", "target")), aliases=ALIASES
    )
    assert score.value == 1.0


def test_reason_says_what_went_wrong() -> None:
    score = score_parties(
        EXPECTED, parties(("Scale AI", "acquirer"), ("Nvidia", "investor")), TRAPS, ALIASES
    )
    assert "Scale AI as acquirer, labeled target" in score.reason
    assert "trap: an existing backer" in score.reason
    assert "missed Meta Platforms (investor)" in score.reason


@pytest.mark.parametrize(
    ("produced", "value", "hallucinated"),
    [([], 1.0, 0), (parties(("SAP", "acquirer")), 0.0, 1)],
)
def test_parties_labeled_empty(produced: list[Party], value: float, hallucinated: int) -> None:
    score = score_parties([], produced)
    assert (score.value, score.hallucinated) == (value, hallucinated)


@pytest.mark.parametrize(
    ("produced", "value"),
    [
        (parties(("Scale AI", "target")), 1.0),
        (parties(("Scale", "target"), ("Meta", "investor")), 1.0),
        (parties(("Scale AI", "investor")), 0.0),  # the right company in the wrong role
        (parties(("Meta", "target")), 0.0),
        ([], 0.0),
    ],
)
def test_target_accuracy(produced: list[Party], value: float) -> None:
    aliases = AliasTable.from_mapping({"Meta Platforms": ["Meta"], "Scale AI": ["Scale"]})
    assert score_target(EXPECTED, produced, aliases).value == value
