"""Organization candidates, straight from the text."""

from __future__ import annotations

import pytest

from summarize.fields.orgs import find_orgs


def names(text: str, **options: int) -> list[str]:
    return [candidate.name for candidate in find_orgs(text, **options)]


def test_orgs_most_frequent_first() -> None:
    text = (
        "Quarro Systems agreed to buy Ostravel Data. Ostravel Data makes storage. "
        "Ostravel Data has 300 staff, and Quarro Systems has more."
    )
    found = find_orgs(text)
    assert [c.name for c in found] == ["Ostravel Data", "Quarro Systems"]
    assert found[0].count == 3
    assert found[1].first == 0


def test_a_lowercase_plc_belongs_to_the_name() -> None:
    text = (
        "Fairholm plc agreed to sell its coatings arm. The arm, Fairholm Surface Coatings, makes "
        "turbine parts. Fairholm said the sale was on time."
    )
    found = {c.name: c for c in find_orgs(text)}
    assert set(found) == {"Fairholm plc", "Fairholm Surface Coatings"}
    assert found["Fairholm plc"].forms == ("Fairholm",)


@pytest.mark.parametrize(
    "text",
    [
        "Shares in Tidevik, the Aarhus company that makes ship software, rose.",
        "Tidevik is a Gdansk start-up. Tidevik makes ship software.",
        "Shares in Tidevik, a Aarhus venture capital firm, rose.",
    ],
)
def test_a_word_only_describing_a_company_is_not_one(text: str) -> None:
    assert names(text) == ["Tidevik"]


def test_a_name_written_once_as_a_name_stays() -> None:
    text = "Sorvik Ventures invested. The Sorvik Ventures team said the Sorvik Ventures firm grew."
    assert names(text) == ["Sorvik Ventures"]


def test_all_caps_dateline_is_dropped() -> None:
    text = "NORTH VALE (Wirecast) - Quarro Systems said it will buy Ostravel Data."
    found = names(text)
    assert "NORTH VALE" not in found
    assert {"Quarro Systems", "Ostravel Data"} <= set(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quarro Systems Chief Executive Ines Marlow said the deal made sense for Quarro Systems.",
         "Quarro Systems"),
        ("Ostravel Data President Olu Baker backed the sale to Quarro Systems.", "Ostravel Data"),
    ],
)  # fmt: skip
def test_title_ends_the_company_name(text: str, expected: str) -> None:
    found = names(text)
    assert expected in found
    assert not any("Chief" in n or "President" in n for n in found)


def test_possessive_place_is_dropped() -> None:
    found = names("Norway's Tindra Energy will buy Kolvik Power from its owners.")
    assert found[:2] == ["Tindra Energy", "Kolvik Power"]
    assert not any("Norway" in n for n in found)


@pytest.mark.parametrize("suffix", ["-based", "-listed", "-backed"])
def test_based_prefix_is_dropped(suffix: str) -> None:
    found = names(f"Turku{suffix} Tindra Energy will buy Kolvik Power from its owners.")
    assert "Tindra Energy" in found
    assert not any(suffix in n for n in found)


def test_short_form_is_merged_into_the_full_name() -> None:
    text = (
        "Brantwick Capital Partners invested in Orvane Labs. Brantwick said Orvane Labs "
        "would grow, and Brantwick expects more deals."
    )
    found = find_orgs(text)
    first = found[0]
    assert first.name == "Brantwick Capital Partners"
    assert first.count == 3
    assert first.forms == ("Brantwick",)
    assert first.spellings == ("Brantwick Capital Partners", "Brantwick")
    assert "Brantwick" not in [c.name for c in found]


def test_short_form_joins_the_name_written_first() -> None:
    text = "Mirelle Inc bought a unit. Its Mirelle Snacks arm grew. Mirelle said so."
    found = {c.name: c for c in find_orgs(text)}
    assert "Mirelle" in found["Mirelle Inc"].forms
    assert "Mirelle" not in found["Mirelle Snacks"].forms


@pytest.mark.parametrize(
    "text",
    [
        "Shares rose after the news. Analysts were pleased.",
        "Reuters reported that Bloomberg confirmed it.",
        "The USD and EUR were flat against the JPY.",
        "Germany and Japan signed a trade pact in Hong Kong.",
        # A quotation's first word is capitalized by grammar: '"Coding is hot," she said.'
        'Investors agree. "Coding is where the money is," said an analyst.',
        "“Packaging was a good business,” he said.",
    ],
)
def test_not_organizations(text: str) -> None:
    assert names(text) == []


def test_single_word_counts_only_mid_sentence_or_repeated() -> None:
    assert "Splunkly" in names("Regulators cleared the purchase of Splunkly yesterday.")
    assert names("Meanwhile nothing happened.") == []


def test_limit_caps_the_list() -> None:
    text = " ".join(f"Alpha{i} Holdings met Beta{i} Partners." for i in range(10))
    assert len(find_orgs(text, limit=5)) == 5
