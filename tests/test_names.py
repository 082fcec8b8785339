"""Company-name matching shared by grounding, consolidation and the scorers."""

from __future__ import annotations

import pytest

from summarize.names import (
    LEGAL_SUFFIXES,
    NAME_MATCH_THRESHOLD,
    AliasTable,
    find_name,
    fold_text,
    name_forms,
    name_similarity,
    normalize_name,
    same_entity,
    strip_legal_suffix,
)


@pytest.fixture
def aliases() -> AliasTable:
    return AliasTable.from_mapping(
        {"Meta Platforms": ["Meta"], "Hewlett Packard Enterprise": ["HPE", "HP Enterprise"]}
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Meta Platforms Inc.", "meta platforms"),
        ("Meta Platforms, Inc.", "meta platforms"),
        ("The Procter & Gamble Co.", "procter and gamble"),
        ("Porsche Automobil Holding SE", "porsche automobil"),
        ("Henkel AG & Co. KGaA", "henkel"),
        ("Nestlé S.A.", "nestle"),
        ("A.P. Moller-Maersk A/S", "ap moller maersk"),
        ("Hewlett‑Packard Enterprise", "hewlett packard enterprise"),
        ("McDonald’s Corporation", "mcdonalds"),
        ("SoftBank Group Corp.", "softbank"),
        ("Reliance Industries Pvt. Ltd.", "reliance industries"),
        ("Koninklijke Philips N.V.", "koninklijke philips"),
        ("Banco Santander, S.A.", "banco santander"),
        ("  Scale   AI ", "scale ai"),
        ("The Carlyle Group", "carlyle"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@pytest.mark.parametrize("name", ["SE", "Holdings", "The", "Group Inc"])
def test_normalize_never_empties_a_name(name: str) -> None:
    assert normalize_name(name)


def test_every_legal_suffix_is_stripped() -> None:
    for suffix in LEGAL_SUFFIXES:
        assert normalize_name(f"Acme {suffix.upper()}") == "acme", suffix


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Meta Platforms, Inc.", "Meta Platforms"),
        ("Siemens AG", "Siemens"),
        ("Volkswagen SE & Co. KGaA", "Volkswagen"),
        ("Maersk A/S", "Maersk"),
        ("Scale AI", "Scale AI"),
        ("Inc", "Inc"),
    ],
)
def test_strip_legal_suffix_keeps_the_written_form(raw: str, expected: str) -> None:
    assert strip_legal_suffix(raw) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Meta Platforms Inc.", "meta platforms", True),
        ("J.P. Morgan", "JPMorgan", True),
        ("Tessellate", "Tesselate", True),  # one slip in a long name
        ("Nilgiri Capital", "Nilgiri Capitals", True),
        ("Morgan Stanley", "Morgan Stanley & Co. LLC", True),
        ("Nordea", "Norden", False),
        ("Alpha Capital", "Beta Capital", False),
        ("HPE", "HP", False),
        ("Tata Steel", "Tata Motors", False),
        ("Goldman Sachs", "Goldman", False),  # a short form needs an alias
        ("", "Acme", False),
        ("...", "...", False),
    ],
)
def test_same_entity_without_aliases(a: str, b: str, same: bool) -> None:
    assert same_entity(a, b) is same
    assert same_entity(b, a) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Meta", "Meta Platforms, Inc.", True),
        ("HPE", "Hewlett-Packard Enterprise Co.", True),
        ("HP Enterprise", "HPE", True),
        ("Hewlet Packard Enterprise", "HPE", True),  # typo of the canonical spelling
        ("Meta", "HPE", False),
        ("Microsoft", "Meta", False),
    ],
)
def test_same_entity_with_aliases(aliases: AliasTable, a: str, b: str, same: bool) -> None:
    assert same_entity(a, b, aliases) is same


def test_alias_table_canonical_keys(aliases: AliasTable) -> None:
    assert aliases.canonical("META") == "meta platforms"
    assert aliases.canonical("Hewlett Packard Enterprise Inc.") == "hewlett packard enterprise"
    assert aliases.canonical("Unknown Corp") == "unknown"
    assert aliases.spellings("Meta") == ("Meta Platforms", "Meta")
    assert aliases.spellings("Unknown") == ()
    assert bool(aliases) and not AliasTable.from_mapping(None)


def test_similarity_scale() -> None:
    assert name_similarity("Acme Inc", "ACME Corporation") == 100.0
    assert name_similarity("", "Acme") == 0.0
    assert 0 < name_similarity("Tessellate", "Tesselate") < 100
    assert name_similarity("Tessellate", "Tesselate") >= NAME_MATCH_THRESHOLD


TEXT = (
    "Shares of Hewlett‑Packard Enterprise rose after META's filing. Procter and Gamble and "
    "JPMorgan advised Nestle on the sale; Meta Platforms declined to comment."
)


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Hewlett Packard Enterprise Inc.", "Hewlett‑Packard Enterprise"),
        ("Procter & Gamble Co.", "Procter and Gamble"),
        ("J.P. Morgan", "JPMorgan"),
        ("Nestlé SA", "Nestle"),
        ("Meta Platforms", "Meta Platforms"),  # the full name beats the earlier alias
        ("Goldman Sachs", None),
        ("Gamble", "Gamble"),
        ("Meta Platforms Group", "Meta Platforms"),
    ],
)
def test_find_name(aliases: AliasTable, name: str, found: str | None) -> None:
    span = find_name(name, TEXT, aliases)
    assert (TEXT[span[0] : span[1]] if span else None) == found


def test_find_name_uses_aliases_and_word_boundaries(aliases: AliasTable) -> None:
    text = "The metaverse bet: Meta said on Monday"
    span = find_name("Meta Platforms Inc.", text, aliases)
    assert span is not None and text[span[0] : span[1]] == "Meta"
    assert find_name("Meta Platforms Inc.", text) is None
    assert find_name("HPE", "HPEX and PHPE") is None


def test_fold_text_keeps_length() -> None:
    text = "Nestlé’s “Société” – İstanbul straße"
    assert len(fold_text(text)) == len(text)
    assert fold_text("Nestlé’s").startswith("nestle'")


def test_name_forms_longest_first(aliases: AliasTable) -> None:
    forms = name_forms("Meta Platforms Inc.", aliases)
    assert forms[0] == "Meta Platforms Inc."
    assert "Meta" in forms and forms.index("Meta Platforms") < forms.index("Meta")
