"""sources and key_people: set F1 after normalization and fuzzy pairing."""

from __future__ import annotations

import pytest

from summarize.evals.labels import ExpectedPerson, Trap
from summarize.evals.scorers import score_people, score_sources
from summarize.evals.scorers.sets import normalize_phrase
from summarize.schema import Person, Source


@pytest.mark.parametrize(
    ("expected", "produced", "value"),
    [
        (["Bloomberg News", "Reuters"], ["Reuters", "Bloomberg"], 1.0),
        (["people familiar with the matter"], ["People familiar with the deal"], 1.0),
        (["a regulatory filing"], ["regulatory filings"], 1.0),
        (["Cisco Systems"], ["Cisco Systems Inc."], 1.0),
        (["Bloomberg", "Reuters"], ["Bloomberg"], 2 / 3),
        (["Bloomberg"], ["Bloomberg", "the Financial Times"], 2 / 3),
        (["Bloomberg"], ["analysts"], 0.0),
        ([], [], 1.0),
    ],
)
def test_sources(expected: list[str], produced: list[str], value: float) -> None:
    score = score_sources(expected, [Source(name=n) for n in produced])
    assert score.value == pytest.approx(value)


def test_sources_pair_one_to_one() -> None:
    score = score_sources(["Reuters"], [Source(name="Reuters"), Source(name="Reuters")])
    assert (score.tp, score.fp) == (1, 1)


def test_source_trap_and_empty_label() -> None:
    trap = Trap(field="sources", name="Wall Street Journal", note="reported another deal")
    score = score_sources(
        ["Reuters"], [Source(name="Reuters"), Source(name="the Wall Street Journal")], [trap]
    )
    assert score.hallucinated == 1
    assert score_sources([], [Source(name="Reuters")]).hallucinated == 1


PEOPLE = [
    ExpectedPerson(name="Antonio Neri", title="chief executive"),
    ExpectedPerson(name="Rami Rahim"),
    ExpectedPerson(name="Mark Zuckerberg", optional=True),
]


@pytest.mark.parametrize(
    ("produced", "counts"),
    [
        (["Antonio Neri", "Rami Rahim"], (1.0, 2, 0, 0)),
        (["antonio neri", "Rami Rahim", "Mark Zuckerberg"], (1.0, 2, 0, 0)),  # optional: neutral
        (["Antonio Neri"], (2 / 3, 1, 0, 1)),
        (["Antonio Neri", "Rami Rahim", "Jane Doe"], (0.8, 2, 1, 0)),
        (["Neri"], (0.0, 0, 1, 2)),  # a surname alone is not the person
    ],
)
def test_key_people(produced: list[str], counts: tuple[float, int, int, int]) -> None:
    score = score_people(PEOPLE, [Person(name=n, title="ignored") for n in produced])
    assert (round(score.value, 6), score.tp, score.fp, score.fn) == pytest.approx(counts)


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("The Company's statement", "company s statement"),
        ("a $48.50 share price, 32.4%", "48.50 share price 32.4%"),
        ("Reuters.", "reuters"),
    ],
)
def test_normalize_phrase(raw: str, normalized: str) -> None:
    assert normalize_phrase(raw) == normalized
