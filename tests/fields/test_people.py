"""People named next to a job title, in either order, with accents, initials and particles."""

from __future__ import annotations

import pytest

from summarize.fields.people import MOST, find_commentators, find_people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nordlys chief executive Åsa Lindgren said the fit was clear.",
            [("Åsa Lindgren", "chief executive", "Nordlys")],
        ),
        (
            '"We waited," said Tomás Ferreira-Lobo, chief financial officer of Wrenfield Marine.',
            [("Tomás Ferreira-Lobo", "chief financial officer", "Wrenfield Marine")],
        ),
        (
            "The plan was drawn up by president Kenta Morioka last year.",
            [("Kenta Morioka", "president", None)],
        ),
        (
            "Chief executive Ruth Adeyemi-Clarke declined to comment.",
            [("Ruth Adeyemi-Clarke", "Chief executive", None)],
        ),
        (
            "Hanbit chairman Kim Do-yeon and finance chief P. Raghunathan signed it.",
            [
                ("Kim Do-yeon", "chairman", "Hanbit"),
                ("P. Raghunathan", "finance chief", None),
            ],
        ),
        (
            "Wouter van der Berg, managing director at Zeeland Havens, said so.",
            [("Wouter van der Berg", "managing director", "Zeeland Havens")],
        ),
        (
            "Brightmoor's founder and chief executive Ola Nwosu told staff on Monday.",
            [("Ola Nwosu", "founder and chief executive", "Brightmoor")],
        ),
    ],
)
def test_people_and_their_titles(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert [(p.name, p.title, p.organization) for p in find_people(text)] == expected


def test_the_quote_runs_from_the_name_to_the_employer() -> None:
    text = "Tomás Ferreira-Lobo, chief financial officer of Wrenfield Marine, said so."
    (person,) = find_people(text)
    assert text[person.start : person.end] == (
        "Tomás Ferreira-Lobo, chief financial officer of Wrenfield Marine"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Its partner Toyota Motor will invest.",  # a company after a bare word like 'partner'
        "Aldmoor Group, whose chief executive spoke, agreed.",  # a company before the comma
        "said Mira Hoff, an analyst at Corvid Research.",  # comments on the deal, not in it
        "The chief executive of Zelmora said it would wait.",  # a title with no name
    ],
)
def test_no_person_without_a_name_next_to_a_title(text: str) -> None:
    assert find_people(text) == []


def test_each_person_once_first_mention_first_and_at_most_a_few() -> None:
    text = " ".join(
        f"{org} chief executive {first} Nyqvarn said."
        for org, first in [("Ava", "Erik"), ("Bex", "Sara"), ("Cor", "Nils"), ("Dov", "Maja"),
                           ("Eon", "Olof"), ("Ava", "Erik")]
    )  # fmt: skip
    people = find_people(text)
    assert [p.name for p in people] == ["Erik Nyqvarn", "Sara Nyqvarn", "Nils Nyqvarn",
                                        "Maja Nyqvarn"][:MOST]  # fmt: skip
    assert all(text[p.start : p.end].endswith(p.name) for p in people)


def test_an_employer_ends_with_its_sentence() -> None:
    text = "So said Ann Lee, chief executive of Zelmora Corp. Bolt chief executive Jo Tan agreed."
    assert [(p.name, p.organization) for p in find_people(text)] == [
        ("Ann Lee", "Zelmora Corp"),
        ("Jo Tan", "Bolt"),
    ]


def test_commentators_and_their_firms() -> None:
    text = (
        "It is a fair price, said Mira Hoff, an analyst at Corvid Research. "
        "Veltrix analyst Mia Roth agreed."
    )
    found = [(p.name, p.organization) for p in find_commentators(text)]
    assert found == [("Mira Hoff", "Corvid Research"), ("Mia Roth", "Veltrix")]
    assert find_people(text) == []
