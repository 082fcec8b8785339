"""The lead investor and the other investors."""

from __future__ import annotations

import pytest

from summarize.fields.investors import investors, lead_investor
from summarize.fields.mentions import Found
from summarize.fields.orgs import find_orgs


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Orvane raised $30 million in a round led by Sorvik Ventures.", "Sorvik Ventures"),
        ("Orvane is raising $30 million. Veltrix Capital is in discussions to lead the round.",
         "Veltrix Capital"),
        ("Orvane raised $30 million. Veltrix Capital led the new round.", "Veltrix Capital"),
        # The lead of an earlier round, in a sentence about it, is not this round's lead.
        ("Orvane is raising $30 million. It was valued at $90 million in January, when it raised "
         "$8 million in a round led by Sorvik Ventures.", None),
    ],
)  # fmt: skip
def test_thelead_investor(text: str, lead: str | None) -> None:
    orgs = find_orgs(text, limit=10)
    target = Found("Orvane", 0, 6)
    found = lead_investor(text, len(text), orgs, target)
    assert (found.value if found else None) == lead


def test_a_registry_papers_are_filed_with_is_not_an_investor() -> None:
    text = (
        "Kotlin Labs raised $40 million from investors including Ember Ventures. According to "
        "documents filed with the Registrar of Firms (RoF), the board allotted shares to four "
        "investors."
    )
    found = investors(text, find_orgs(text, limit=10), {"Kotlin Labs"})
    assert [f.value for f in found] == ["Ember Ventures"]


def test_an_earlier_rounds_lead_is_not_an_investor() -> None:
    text = (
        "Halvorsen Capital will buy Orvane shares from employees, investors said. Orvane was "
        "last valued at $2 billion. That round was led by Sorvik Ventures."
    )
    found = investors(text, find_orgs(text, limit=10), {"Orvane"})
    assert [f.value for f in found] == ["Halvorsen Capital"]


def test_analysts_and_their_firms_are_notinvestors() -> None:
    text = (
        "Kotlin Labs raised $40 million from Ember Ventures and Veltrix Capital, investors said. "
        "Investors are keen, said Mira Hoff, an analyst at Corvid Research, who tracks the round."
    )
    found = investors(text, find_orgs(text, limit=10), {"Kotlin Labs"})
    assert [f.value for f in found] == ["Ember Ventures", "Veltrix Capital"]
