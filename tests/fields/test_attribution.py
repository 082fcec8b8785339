"""Sources: outlets, filings, anonymous people and the deal's own companies."""

from __future__ import annotations

import pytest

from summarize.fields import attribution
from summarize.fields.attribution import source_kind, sources
from summarize.schema import SourceKind

PRINCIPALS = [("Nordlys Kraft ASA", ("Nordlys Kraft ASA", "Nordlys")), ("Wrenfield Marine", ())]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Nordlys said on Monday it would buy Wrenfield Marine.", ["Nordlys Kraft ASA"]),
        ("Nordlys Kraft ASA, the utility, said it would pay cash.", ["Nordlys Kraft ASA"]),
        ("The two companies said it needs approval.", ["Nordlys Kraft ASA and Wrenfield Marine"]),
        ("Last week Nordlys announced a new wind farm.", []),  # an event, not attribution
        ("Wrenfield Marine rose 4%; analysts said the price was fair.", []),
        # Inverted attribution: the speaker comes after the verb.
        ("Nordlys has talked with Wrenfield Marine, for several weeks, said the people.", []),
    ],
)  # fmt: skip
def test_the_deal_companies_are_named_assources(text: str, named: list[str]) -> None:
    company = [s.name for s in sources(text, PRINCIPALS) if s.kind.value == "company"]
    assert company == named


def test_one_anonymous_source_however_many_people_it_counts() -> None:
    text = (
        "Orvane is in talks, people familiar with the matter said. Two people familiar with the "
        "terms said the price was set; a person familiar with the matter said it was high."
    )
    assert [s.name for s in sources(text)] == [
        "people familiar with the matter",
        "Two people familiar with the terms",
    ]


def test_a_named_company_replaces_the_generic_statement() -> None:
    text = "Nordlys said in a statement that it would buy Wrenfield Marine. Reuters reported it."
    assert [s.name for s in sources(text, PRINCIPALS)] == ["Reuters", "Nordlys Kraft ASA"]
    assert [s.name for s in sources(text)] == ["company statement", "Reuters"]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Zelmora is in talks, according to people familiar with the matter.",
            SourceKind.anonymous,
        ),
        (
            "Zelmora is near a deal, according to people with knowledge of the talks.",
            SourceKind.anonymous,
        ),
        ("Zelmora disclosed the price in a regulatory filing.", SourceKind.filing),
        ("Zelmora said in a statement that it agreed.", SourceKind.company),
        ("The talks were first reported by Bloomberg News.", SourceKind.outlet),
        ("It may fall through, said two people aware of the negotiations.", SourceKind.anonymous),
        ("People close to the company said the price was the problem.", SourceKind.anonymous),
        ("The chief executive said at a news conference in Turku.", SourceKind.company),
        ("Its finance chief spoke on a call with analysts.", SourceKind.company),
    ],
)
def test_source_patterns(sentence: str, kind: SourceKind) -> None:
    kinds = [k for pattern, k, _ in attribution.SOURCE_PATTERNS if pattern.search(sentence)]
    assert kind in kinds


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Reuters", SourceKind.news_agency), ("Bloomberg News", SourceKind.news_agency),
     ("Associated Press", SourceKind.news_agency), ("CNBC", SourceKind.outlet),
     ("Financial Times", SourceKind.outlet)],
)  # fmt: skip
def test_source_kind(name: str, kind: SourceKind) -> None:
    assert source_kind(name) is kind
