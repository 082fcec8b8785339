"""Dataset loading: strict labels with one-line errors, and checks every shipped file must pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from summarize.evals.dataset import (
    DATASETS_DIR,
    NOT_LABEL_FILES,
    load_case,
    load_dataset,
    load_labels,
)
from summarize.exceptions import ConfigError, InputError
from summarize.money import values_match
from summarize.names import find_name, same_entity
from summarize.schema import DealStatus, Role

from .conftest import LABELS, TEXTS, write_dataset


def test_loads_cases_in_order_with_labels(mini_dir: Path) -> None:
    data = load_dataset(mini_dir)
    assert data.name == "mini" and data.meta.version == 2
    assert [c.id for c in data.cases] == ["acme-widget", "krishiyan-round", "tessellate-earnings"]
    acme = data.cases[0].labels
    assert acme.expected.status.accepted() == [DealStatus.announced, DealStatus.pending_approval]
    assert acme.expected.parties[2].optional
    assert data.cases[0].article.text.startswith("Acme Corp.")


def test_absent_null_and_no_deal_labels(mini_dir: Path) -> None:
    cases = {c.id: c.labels.expected for c in load_dataset(mini_dir).cases}
    acme, round_, none = (
        cases["acme-widget"],
        cases["krishiyan-round"],
        cases["tessellate-earnings"],
    )
    assert acme.is_labeled("valuation") and acme.valuation is None
    assert not round_.is_labeled("status") and not round_.is_labeled("no_deal")
    assert round_.stake_percent is not None and round_.stake_percent.value == 12.5
    # no_deal labels the deal fields empty even when the file leaves them out
    assert none.is_labeled("amount") and none.is_labeled("parties") and none.parties == []
    assert not none.is_labeled("sources")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"expected": {"status": "closing"}}, "expected.status"),
        ({"expected": {"parties": [{"name": "A", "role": "buyer"}]}}, "expected.parties.0.role"),
        ({"expected": {"amount": {"value": 1, "currency": "XXQ", "text": "1"}}}, "currency"),
        (
            {"expected": {"amount": {"value": 5, "upper": 2, "currency": "USD", "text": "5"}}},
            "upper",
        ),
        ({"expected": {"stauts": "announced"}}, "expected.stauts"),
        ({"traps": [{"field": "parties", "note": "no name"}]}, "needs a name"),
        ({"traps": [{"field": "amount", "note": "no value"}]}, "needs a value"),
        ({"traps": [{"field": "amount", "value": 1, "note": "a", "not a party": None}]}, "quote"),
        ({"id": "other-id"}, "must equal the file name"),
        ({"title": None}, "title"),
    ],
)
def test_bad_labels_name_file_and_field(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    body: dict[str, Any] = {"id": "x", "title": "t", "expected": {}}
    body.update(change)
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(body), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_labels(path)
    text = str(info.value)
    assert str(path) in text and message in text and "\n" not in text


def test_trap_numbers_yaml_reads_as_text_are_numbers(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: x\ntitle: t\nexpected: {}\ntraps:\n"
        "  - {field: amount, value: 2.2e9, currency: INR, note: a share of the round}\n"
        "  - {field: status, value: completed, note: an earlier deal}\n",
        encoding="utf-8",
    )
    values = [t.value for t in load_labels(path).traps]
    assert values == [2.2e9, "completed"]


def test_broken_yaml_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.yaml: invalid YAML at line \d"):
        load_labels(path)


def test_missing_article_and_unlabeled_article(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "a", LABELS, {"acme-widget": TEXTS["acme-widget"]})
    with pytest.raises(InputError, match=r"krishiyan-round\.txt is missing"):
        load_dataset(root)
    extra = {**TEXTS, "stray": "A stray article that nobody labeled, long enough to read."}
    root = write_dataset(tmp_path / "b", LABELS, extra)
    with pytest.raises(InputError, match=r"stray\.txt has no stray\.yaml labels"):
        load_dataset(root)


@pytest.mark.parametrize(
    ("meta", "message"),
    [({"name": "m"}, "version"), ({"name": "m", "version": 1, "colour": "red"}, "colour")],
)
def test_bad_dataset_yaml(tmp_path: Path, meta: dict[str, Any], message: str) -> None:
    root = write_dataset(tmp_path / "m", LABELS, TEXTS, meta=meta)
    with pytest.raises(ConfigError, match=message):
        load_dataset(root)


def test_unknown_dataset_name() -> None:
    with pytest.raises(ConfigError, match="no dataset 'nope'"):
        load_dataset("nope")


def test_articles_dir_reads_texts_elsewhere(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    for case_id, text in TEXTS.items():
        (texts / f"{case_id}.txt").write_text(text, encoding="utf-8")
    meta = {"name": "ext", "version": 1, "articles_dir": "../texts"}
    root = write_dataset(tmp_path / "ext", LABELS, {}, meta=meta)
    data = load_dataset(root / "dataset.yaml")
    assert data.external_articles and len(data.cases) == 3


# --- every shipped dataset file -------------------------------------------------------------

SHIPPED_DATASETS = sorted(p.parent.name for p in DATASETS_DIR.glob("*/dataset.yaml"))
SHIPPED_LABELS = sorted(p for p in DATASETS_DIR.glob("*/*.yaml") if p.name not in NOT_LABEL_FILES)
MIN_WORDS, MAX_WORDS, LONG_MIN_WORDS = 250, 900, 2500


def test_shipped_datasets_exist() -> None:
    assert {"deals", "seeds"} <= set(SHIPPED_DATASETS)
    assert len([p for p in SHIPPED_LABELS if p.parent.name == "deals"]) >= 30


@pytest.mark.parametrize("name", SHIPPED_DATASETS)
def test_shipped_dataset_loads(name: str) -> None:
    assert load_dataset(name).cases


@pytest.mark.parametrize("path", SHIPPED_LABELS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shipped_labels_match_their_article(path: Path) -> None:
    case = load_case(path)
    labels, text = case.labels, case.article.text
    expected = labels.expected
    for field in ("amount", "valuation"):
        money = getattr(expected, field)
        assert money is None or money.text in text, f"{field}.text {money.text!r} not in article"
    aliases = labels.alias_table()
    for party in expected.parties:
        assert find_name(party.name, text, aliases), f"party {party.name!r} not in article"
    assert not expected.no_deal or not any(p.role is Role.target for p in expected.parties)
    for trap in labels.traps:  # a trap that is also the answer is a labeling mistake
        if trap.field == "parties":
            clash = [p.name for p in expected.parties if same_entity(p.name, trap.name, aliases)]
            assert not clash, f"trap {trap.name!r} is also a labeled party"
        money = getattr(expected, trap.field) if trap.field in ("amount", "valuation") else None
        if money is not None and isinstance(trap.value, float):
            same = trap.currency in (None, money.currency)
            assert not (same and values_match(money.value, trap.value, tolerance=0.01)), (
                f"{trap.field} trap {trap.value:g} equals the labeled {trap.field}"
            )
    if Path(case.article.source).parent == path.parent:  # texts elsewhere are not ours to size
        words = len(text.split())
        if "long" in labels.covers:
            assert words > LONG_MIN_WORDS, f"tagged long but has {words} words"
        else:
            assert MIN_WORDS <= words <= MAX_WORDS, f"{words} words (tag 'long' if intended)"
