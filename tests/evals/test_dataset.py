"""Dataset loading: strict labels with one-line errors, and checks every shipped file must pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from summarize.evals.dataset import (
    DATASETS_DIR,
    NOT_LABEL_FILES,
    ArticlesDirMissing,
    freeze_split,
    label_files,
    load_case,
    load_dataset,
    load_labels,
    load_splits,
    splits_with_articles,
    word_limits,
)
from summarize.exceptions import ConfigError, InputError
from summarize.money import values_match
from summarize.names import find_name, same_entity
from summarize.schema import DealStatus, Role

from .conftest import LABELS, NO_DEAL_TEXT, SPLIT_META, TEXTS, log_version, write_dataset


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


def test_money_label_accepts_alternatives(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    amount = {
        "value": 4e8, "currency": "EUR", "qualifier": "approximately", "text": "about €400 million",
        "accept": [
            {"value": 4.54e8, "currency": "usd", "text": "$454 million"},
            {"value": 5e8, "currency": "EUR", "text": "€500m", "qualifier": "exact"},
        ],
    }  # fmt: skip
    path.write_text(yaml.safe_dump({"id": "x", "title": "t", "expected": {"amount": amount}}))
    accepted = load_labels(path).expected.amount.accepted()
    assert [(m.value, m.currency, m.qualifier.value) for m in accepted] == [
        (4e8, "EUR", "approximately"),
        (4.54e8, "USD", "approximately"),  # the label's qualifier unless it says otherwise
        (5e8, "EUR", "exact"),
    ]


@pytest.mark.parametrize(
    ("alternative", "message"),
    [
        ({"value": 1, "currency": "XXQ", "text": "1"}, "ISO 4217"),
        ({"value": 1, "currency": "USD"}, "text"),
        ({"value": 1, "currency": "USD", "text": "1", "qualifier": "range"}, "upper bound"),
        ({"value": 1, "currency": "USD", "text": "1", "note": "x"}, "note"),
    ],
)
def test_bad_money_alternative(tmp_path: Path, alternative: dict, message: str) -> None:
    amount = {"value": 5, "currency": "USD", "text": "5", "accept": [alternative]}
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump({"id": "x", "title": "t", "expected": {"amount": amount}}))
    with pytest.raises(InputError, match=message):
        load_labels(path)


@pytest.mark.parametrize(
    ("covers", "limits"),
    [([], (180, 950)), (["brief", "usd"], (70, 260)), (["long"], (180, 3000))],
)
def test_word_limits(covers: list[str], limits: tuple[int, int]) -> None:
    assert word_limits(covers) == limits


def test_word_limits_brief_and_long_conflict() -> None:
    with pytest.raises(InputError, match="both 'brief' and 'long'"):
        word_limits(["brief", "long"])


# --- splits ---------------------------------------------------------------------------------


def test_default_split_and_named_splits(split_dir: Path) -> None:
    dev = load_dataset(split_dir)
    assert (dev.split, dev.label, dev.frozen, dev.split_version) == ("dev", "mini/dev", False, None)
    assert [c.id for c in dev.cases] == ["acme-widget", "krishiyan-round"]
    test = load_dataset(split_dir, "test")
    assert (test.frozen, test.split_version, test.folder) == (True, 1, split_dir / "test")
    both = load_splits(split_dir, "dev, test")
    assert [d.split for d in both] == ["dev", "test"]


@pytest.mark.parametrize(
    ("split", "message"),
    [
        ("train", "has no split 'train'; its splits: dev, test"),
        (",", "has no split ','"),
        ("dev,test", "one split at a time"),
    ],
)
def test_unknown_split(split_dir: Path, split: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_dataset(split_dir, split)


def test_splits_with_articles(split_dir: Path, mini_dir: Path) -> None:
    assert splits_with_articles(split_dir) == ["dev", "test"]
    for path in (split_dir / "test").glob("tessellate-earnings.*"):
        path.unlink()
    assert splits_with_articles(split_dir) == ["dev"]
    assert splits_with_articles(mini_dir) == [None]


def test_split_on_a_dataset_without_splits(mini_dir: Path) -> None:
    assert load_dataset(mini_dir).split is None
    with pytest.raises(ConfigError, match="has no splits; leave out --split"):
        load_dataset(mini_dir, "dev")


def test_empty_split_is_a_one_line_error(split_dir: Path) -> None:
    for name in ("tessellate-earnings.txt", "tessellate-earnings.yaml"):
        (split_dir / "test" / name).unlink()
    log_version(split_dir, "test", 2, "Emptied.")
    freeze_split(split_dir, "test")
    with pytest.raises(ConfigError) as info:
        load_splits(split_dir, "dev,test")
    folder = split_dir / "test"
    assert str(info.value) == (
        f"split mini/test has no labeled articles yet (<id>.txt + <id>.yaml in {folder})"
    )


def test_frozen_split_that_changed_does_not_load(split_dir: Path) -> None:
    (split_dir / "test" / "tessellate-earnings.txt").write_text(NO_DEAL_TEXT + " Edited.")
    with pytest.raises(ConfigError) as info:
        load_dataset(split_dir, "test")
    text = str(info.value)
    assert text.startswith("frozen split mini/test: ")
    assert "1 changed (tessellate-earnings.txt)" in text
    assert "\n" not in text
    assert load_dataset(split_dir, "dev").cases  # the dev split is not pinned


def test_article_beside_dataset_yaml_of_a_split_dataset(split_dir: Path) -> None:
    (split_dir / "stray.txt").write_text("A stray article.", encoding="utf-8")
    with pytest.raises(InputError, match=r"stray\.txt: articles of a dataset with splits go in"):
        load_dataset(split_dir)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"default_split": None}, "default_split must name one of the splits"),
        ({"default_split": "test"}, "default_split 'test' is frozen"),
        ({"splits": {"Dev": {}}, "default_split": "Dev"}, "split name 'Dev'"),
        ({"articles_dir": "../texts"}, "articles_dir and splits cannot be combined"),
    ],
)
def test_bad_split_declarations(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    root = write_dataset(tmp_path / "m", {}, {}, meta={**SPLIT_META, **change})
    with pytest.raises(ConfigError, match=message):
        load_dataset(root)


def test_missing_articles_dir_names_the_folder(seeds_without_texts: Path) -> None:
    """A clone without ../shared: the seeds dataset says which folder it needs, in one line."""
    with pytest.raises(ArticlesDirMissing) as info:
        load_dataset(seeds_without_texts)
    missing = seeds_without_texts.parent / "no-shared-folder" / "seeds"
    assert f"reads its articles from {missing}, which does not exist" in str(info.value)
    assert "\n" not in str(info.value)


# --- every shipped dataset file -------------------------------------------------------------

SHIPPED_DATASETS = sorted(p.parent.name for p in DATASETS_DIR.glob("*/dataset.yaml"))
SHIPPED_LABELS = sorted(p for p in DATASETS_DIR.glob("**/*.yaml") if p.name not in NOT_LABEL_FILES)


def load_dataset_meta(root: Path) -> dict[str, Any]:
    return yaml.safe_load((root / "dataset.yaml").read_text(encoding="utf-8"))


def shipped_splits() -> list[tuple[str, str | None]]:
    """(dataset, split) for every shipped dataset: each declared split, or None without splits."""
    pairs: list[tuple[str, str | None]] = []
    for name in SHIPPED_DATASETS:
        splits = load_dataset_meta(DATASETS_DIR / name).get("splits") or {}
        pairs += [(name, split) for split in splits] or [(name, None)]
    return pairs


def test_shipped_datasets_exist() -> None:
    assert {"deals", "seeds", "consolidation"} <= set(SHIPPED_DATASETS)
    dev = [p for p in SHIPPED_LABELS if p.parent == DATASETS_DIR / "deals" / "dev"]
    assert len(dev) >= 31
    assert ("deals", "test") in shipped_splits()


def test_shipped_ids_are_unique_across_splits() -> None:
    """Cassettes are found by dataset and article id, so an id may not repeat in two splits."""
    for name in SHIPPED_DATASETS:
        stems = [p.stem for p in SHIPPED_LABELS if DATASETS_DIR / name in p.parents]
        assert len(stems) == len(set(stems)), sorted(s for s in stems if stems.count(s) > 1)


@pytest.mark.parametrize(
    ("name", "split"), shipped_splits(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_shipped_dataset_loads(name: str, split: str | None) -> None:
    root = DATASETS_DIR / name
    if split and not label_files(root / split):
        with pytest.raises(ConfigError, match="has no labeled articles yet"):
            load_dataset(name, split)
        pytest.skip(f"{name}/{split} has no articles yet")
    try:
        assert load_dataset(name, split).cases
    except ArticlesDirMissing as exc:
        pytest.skip(str(exc))


@pytest.mark.parametrize(
    "path", SHIPPED_LABELS, ids=lambda p: p.relative_to(DATASETS_DIR).with_suffix("").as_posix()
)
def test_shipped_labels_match_their_article(path: Path) -> None:
    try:
        case = load_case(path)
    except ArticlesDirMissing as exc:
        pytest.skip(str(exc))
    labels, text = case.labels, case.article.text
    expected = labels.expected
    for field in ("amount", "valuation"):
        money = getattr(expected, field)
        for accepted in money.accepted() if money else []:
            assert accepted.text in text, f"{field}.text {accepted.text!r} not in article"
    aliases = labels.alias_table()
    for party in expected.parties:
        assert find_name(party.name, text, aliases), f"party {party.name!r} not in article"
    assert not expected.no_deal or not any(p.role is Role.target for p in expected.parties)
    for trap in labels.traps:  # a trap that is also the answer is a labeling mistake
        if trap.field == "parties":
            clash = [p.name for p in expected.parties if same_entity(p.name, trap.name, aliases)]
            assert not clash, f"trap {trap.name!r} is also a labeled party"
        money = getattr(expected, trap.field) if trap.field in ("amount", "valuation") else None
        for accepted in money.accepted() if money is not None else []:
            if not isinstance(trap.value, float):
                continue
            same = trap.currency in (None, accepted.currency)
            assert not (same and values_match(accepted.value, trap.value, tolerance=0.01)), (
                f"{trap.field} trap {trap.value:g} equals an accepted {trap.field}"
            )
    if Path(case.article.source).parent == path.parent:  # texts elsewhere are not ours to size
        words = len(text.split())
        least, most = word_limits(labels.covers)
        assert least <= words <= most, f"{words} words, {least}-{most} allowed for {labels.covers}"
