"""Every phrase table: its examples fit, its counter-examples do not, and every phrase has an
example of its own; the tables name nothing from the eval articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarize.text import phrases
from summarize.text.phrases import PhraseFamily, PhraseTableError

REPO = Path(__file__).resolve().parents[2]
FAMILIES = [f for t in phrases.all_tables() for f in phrases.table(t).values()]
PATTERNS = [f for f in FAMILIES if f.phrases]
WORD_LISTS = [f for f in FAMILIES if f.words]


def family_id(family: PhraseFamily) -> str:
    return f"{family.table}.{family.name}"


def test_every_table_loads() -> None:
    assert {"status", "deal_type", "consideration", "amount", "roles", "valuations"} <= set(
        phrases.all_tables()
    )
    assert len(PATTERNS) > 40


@pytest.mark.parametrize(
    ("family", "example"),
    [(f, e) for f in PATTERNS for e in f.examples],
    ids=lambda v: family_id(v) if isinstance(v, PhraseFamily) else v[:40],
)
def test_examples_fit(family: PhraseFamily, example: str) -> None:
    assert family.fits(example)


@pytest.mark.parametrize(
    ("family", "example"),
    [(f, e) for f in PATTERNS for e in f.counter_examples],
    ids=lambda v: family_id(v) if isinstance(v, PhraseFamily) else v[:40],
)
def test_counter_examples_do_not_fit(family: PhraseFamily, example: str) -> None:
    assert not family.fits(example)


@pytest.mark.parametrize(
    ("family", "phrase"),
    [(f, p) for f in PATTERNS for p in f.phrases],
    ids=lambda v: family_id(v) if isinstance(v, PhraseFamily) else v[:40],
)
def test_every_phrase_has_an_example_of_its_own(family: PhraseFamily, phrase: str) -> None:
    alone = family.compile(phrase)
    assert any(family.fits(example, alone) for example in family.examples)


@pytest.mark.parametrize("family", PATTERNS, ids=family_id)
def test_every_family_says_what_it_must_not_match(family: PhraseFamily) -> None:
    assert family.examples and family.counter_examples


@pytest.mark.parametrize("family", WORD_LISTS, ids=family_id)
def test_word_lists_hold_each_word_once(family: PhraseFamily) -> None:
    assert all(w.strip() == w and w for w in family.words)
    assert len({w.lower() for w in family.words}) == len(family.words)


def eval_names() -> set[str]:
    """Capitalized words of the eval articles' labeled names (parties, people, sources)."""
    import yaml

    names: set[str] = set()

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"name", "organization"} and isinstance(value, str):
                    names.update(re.findall(r"[A-Z][\w'’-]{3,}", value))
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    for path in (REPO / "evals" / "datasets").rglob("*.yaml"):
        collect(yaml.safe_load(path.read_text(encoding="utf-8")))
    return names


KNOWN_OUTLETS = {
    "Reuters", "Bloomberg", "Financial", "Times", "Finanz", "Wirtschaft", "Economic",
}  # fmt: skip
"""Outlets the source table named before it became data: they also stand in eval articles, and
dropping them moves the eval (attribution.yaml, outlets)."""
COMPANY_WORDS = {
    "Bank", "Brands", "Capital", "Foods", "Group", "Office", "Partners", "Research", "Street",
    "Trade", "Ventures", "Holdings", "Systems", "Energy", "Labs", "Investors", "Power", "House",
    "Land",
}  # fmt: skip
"""Words any company name may hold: alone they name no one."""


def test_examples_name_no_company_or_person_from_the_eval_articles() -> None:
    names = eval_names() - KNOWN_OUTLETS - COMPANY_WORDS
    used = {
        word
        for family in FAMILIES
        for text in (*family.examples, *family.counter_examples)
        for word in re.findall(r"[A-Z][\w'’-]{3,}", text)
    }
    assert not used & names


def test_a_broken_table_is_named_in_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.yaml").write_text("families:\n  x:\n    phrases: ['(unclosed']\n")
    monkeypatch.setattr(phrases, "PHRASES_DIR", tmp_path)
    phrases.table.cache_clear()
    try:
        with pytest.raises(PhraseTableError, match=r"broken\.yaml, x"):
            phrases.pattern("broken", "x")
    finally:
        phrases.table.cache_clear()


def test_a_family_needs_phrases_or_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty.yaml").write_text("families:\n  x:\n    examples: [a]\n")
    monkeypatch.setattr(phrases, "PHRASES_DIR", tmp_path)
    phrases.table.cache_clear()
    try:
        with pytest.raises(PhraseTableError, match="either phrases or words"):
            phrases.table("empty")
    finally:
        phrases.table.cache_clear()
