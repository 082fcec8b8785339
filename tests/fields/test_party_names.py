"""A party name as a model writes it, cut back to the company the article names."""

from __future__ import annotations

import pytest

from summarize.fields.party_names import clean_name, found_names

TEXT = (
    "Karoo Growth Partners and two early backers sold their shares. Sakuragawa Real Estate and "
    "Kaido Rail Holdings formed the venture. Procter and Gamble said nothing. Kookaburra Cloud "
    "(ASX: KBC) rose. Boston-based Halsted Lane Capital joined, as did US lender Garden State. "
    "Ashbury Consumer Brands, Chicago, declined to comment. Nordwell AG, the seller, agreed."
)


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Kookaburra Cloud (ASX: KBC)", ["Kookaburra Cloud"]),
        ("Kookaburra Cloud (ASX: KBC", ["Kookaburra Cloud"]),  # a tag cut off by the answer
        ("Boston-based Halsted Lane Capital", ["Halsted Lane Capital"]),
        ("US lender Garden State", ["Garden State"]),
        ("Ashbury Consumer Brands, Chicago", ["Ashbury Consumer Brands"]),
        ("Nordwell AG", ["Nordwell AG"]),
        ("Sakuragawa Real Estate and Kaido Rail Holdings", ["Sakuragawa Real Estate",
                                                            "Kaido Rail Holdings"]),
        ("Karoo Growth Partners and two early backers", ["Karoo Growth Partners"]),
        ("Procter and Gamble", ["Procter and Gamble"]),  # one company, not two
        ("two early backers", []),  # a description is no party
        ("Tellmark Holdings", []),  # not in the article: never a party
        ("", []),
        (None, []),
    ],
)  # fmt: skip
def test_names_are_cut_back_to_what_the_article_names(raw: str | None, names: list[str]) -> None:
    found = found_names(raw, TEXT)
    assert [name for name, _ in found] == names
    assert all(TEXT[start:end] == name for name, (start, end) in found)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("Acme Corp, Inc.", "Acme Corp, Inc"), ("Hong Kong-listed Jade Terrace", "Jade Terrace"),
     ("  Acme Corp.  ", "Acme Corp")],
)  # fmt: skip
def test_clean_name_keeps_legal_suffixes_after_a_comma(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean
