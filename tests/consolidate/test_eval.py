"""The consolidation eval: loading groups.yaml, pairwise grouping, merged fields, conflicts."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from summarize.evals.consolidation import (
    load_groups,
    pair_scores,
    print_consolidation_report,
    run_consolidation_eval,
)
from summarize.evals.dataset import DATASETS_DIR, load_labels
from summarize.evals.oracle import summary_from_labels
from summarize.exceptions import InputError
from summarize.schema import DealSummary

from .conftest import deal, money, source

ARTICLES = {
    "acme-rumor": "Acme is said to weigh buying Bolt for about $2 billion, people said.",
    "acme-signed": "Acme said in a statement it will pay $2.3 billion for Bolt.",
    "acme-sells": "Acme agreed to sell its Cobalt unit to Dyna.",
    "zeta-solo": "Zeta bought Quill outright this week, the company said.",
}
GROUPS: dict[str, Any] = {
    "version": 1,
    "published": {
        "acme-rumor": "2024-03-01",
        "acme-signed": "2024-03-20",
        "acme-sells": "2024-03-21",
        "zeta-solo": "2024-05-01",
    },
    "groups": [
        {
            "id": "acme-bolt",
            "title": "Acme buys Bolt",
            "articles": ["acme-rumor", "acme-signed"],
            "expected": {
                "deal_type": "acquisition",
                "status": "announced",
                "status_timeline": ["rumored", "announced"],
                "parties": [
                    {"name": "Acme", "role": "acquirer"},
                    {"name": "Bolt", "role": "target"},
                ],
                "amount": {"value": 2.3e9, "currency": "USD"},
                "valuations": [],
                "announced_on": "2024-03-20",
                "conflicts": [{"field": "amount", "values": [2.0e9, 2.3e9], "currency": "USD"}],
                "independent_sources": 2,
                "original_sources": ["Acme"],
            },
        },
        {
            "id": "acme-cobalt",
            "title": "Acme sells Cobalt",
            "articles": ["acme-sells"],
            "expected": {
                "parties": [
                    {"name": "Acme", "role": "seller"},
                    {"name": "Cobalt", "role": "target"},
                    {"name": "Dyna", "role": "acquirer"},
                ],
                "conflicts": [],
            },
        },
        {
            "id": "zeta",
            "title": "Zeta buys Quill",
            "articles": ["zeta-solo"],
            "expected": {"status": "completed", "amount": None},
        },
    ],
}


def write_dataset(root: Path, groups: dict[str, Any]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "dataset.yaml").write_text("name: mini-consolidation\nversion: 1\n", "utf-8")
    for article_id, text in ARTICLES.items():
        (root / f"{article_id}.txt").write_text(text, "utf-8")
        labels = {
            "id": article_id,
            "title": article_id,
            "aliases": {"Acme": ["Acme Corp"]},
            "expected": {"no_deal": False},
        }
        (root / f"{article_id}.yaml").write_text(yaml.safe_dump(labels), "utf-8")
    (root / "groups.yaml").write_text(yaml.safe_dump(groups, sort_keys=False), "utf-8")
    return root


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "mini", GROUPS)


def good_summaries() -> dict[str, DealSummary]:
    return {
        "acme-rumor": deal(
            ("Acme", "acquirer"),
            ("Bolt", "target"),
            status="rumored",
            amount=money(2e9, "about $2 billion", "approximately"),
            sources=[source("people", "anonymous")],
        ),
        "acme-signed": deal(
            ("Acme Corp", "acquirer"),
            ("Bolt", "target"),
            amount=money(2.3e9, "$2.3 billion"),
            announced_on=dt.date(2024, 3, 20),
            sources=[source("Acme", "company")],
        ),
        "acme-sells": deal(("Acme", "seller"), ("Cobalt", "target"), ("Dyna", "acquirer")),
        "zeta-solo": deal(("Zeta", "acquirer"), ("Quill", "target"), status="completed"),
    }


def test_perfect_summaries_score_full_marks(dataset: Path) -> None:
    report = run_consolidation_eval(dataset, good_summaries())
    assert report["grouping"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "expected_groups": 3,
        "predicted_groups": 3,
        "exact_groups": 3,
    }
    assert report["merged_accuracy"] == 1.0
    assert all(v["accuracy"] == 1.0 for v in report["fields"].values())
    assert report["conflicts"] == {"expected": 1, "found": 1, "recall": 1.0, "false": 0}
    assert (report["dataset"], report["articles"], report["summaries"]) == ("mini", 4, 4)


def test_a_merged_trap_and_a_missed_conflict_cost_points(dataset: Path) -> None:
    summaries = good_summaries()
    summaries["acme-sells"] = deal(("Acme", "acquirer"), ("Bolt", "target"))  # wrongly read
    summaries["acme-rumor"] = summaries["acme-rumor"].model_copy(update={"amount": None})
    late = {"announced_on": dt.date(2024, 3, 28)}
    summaries["acme-signed"] = summaries["acme-signed"].model_copy(update=late)
    report = run_consolidation_eval(dataset, {**summaries, "zeta-solo": None})
    grouping = report["grouping"]
    assert (grouping["tp"], grouping["fp"], grouping["fn"]) == (1, 2, 0)
    assert grouping["precision"] == pytest.approx(1 / 3)
    assert report["conflicts"]["recall"] == 0.0
    rows = {row["id"]: row for row in report["groups"]}
    assert rows["zeta"]["fields"]["status"] == {"score": 0.0, "produced": "(no deal)"}
    assert rows["acme-cobalt"]["fields"]["parties"]["score"] < 1.0
    assert rows["acme-bolt"]["fields"]["announced_on"] == {"score": 0.0, "produced": "2024-03-28"}
    console = Console(record=True, width=160)
    print_consolidation_report(report, console)
    text = console.export_text()
    assert "grouping precision" in text and "0.33" in text and "missed conflict on amount" in text


@pytest.mark.parametrize(
    ("expected", "predicted", "scores"),
    [
        ([["a", "b", "c"]], [["a", "b"], ["c"]], (1.0, 1 / 3)),
        ([["a", "b"], ["c"]], [["a", "b", "c"]], (1 / 3, 1.0)),
        ([["a"], ["b"]], [["a"], ["b"]], (1.0, 1.0)),
    ],
)
def test_pair_scores(
    expected: list[list[str]], predicted: list[list[str]], scores: tuple[float, float]
) -> None:
    result = pair_scores(expected, predicted)
    assert (result["precision"], result["recall"]) == pytest.approx(scores)


def broken(change: str) -> dict[str, Any]:
    groups = copy.deepcopy(GROUPS)
    if change == "twice":
        groups["groups"][2]["articles"].append("acme-sells")
    elif change == "undated":
        del groups["published"]["zeta-solo"]
    elif change == "ungrouped":
        groups["groups"].pop()
        del groups["published"]["zeta-solo"]
    elif change == "unknown-key":
        groups["groups"][0]["expected"]["amount"]["qualifer"] = "exact"
    elif change == "bad-label":
        groups["groups"][0]["expected"]["valuations"] = [
            {"label": "series_b", "value": 1e9, "currency": "USD"}
        ]
    elif change == "missing-article":
        groups["groups"][2]["articles"].append("ghost")
        groups["published"]["ghost"] = "2024-01-01"
    return groups


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("twice", "acme-sells is in both acme-cobalt and zeta"),
        ("undated", "published has no date for zeta-solo"),
        ("ungrouped", "zeta-solo.txt is in no group"),
        ("unknown-key", "qualifer: Extra inputs are not permitted"),
        ("bad-label", "groups.0.expected.valuations.0.label"),
        ("missing-article", "article ghost has no ghost.txt"),
    ],
)
def test_bad_groups_files_are_one_line_errors(tmp_path: Path, change: str, message: str) -> None:
    root = write_dataset(tmp_path / "bad", broken(change))
    with pytest.raises(InputError, match=message):
        load_groups(root)


SHIPPED = DATASETS_DIR / "consolidation"


@pytest.mark.skipif(
    not (SHIPPED / "groups.yaml").is_file(), reason="the consolidation dataset is not written yet"
)
def test_shipped_dataset_groups_perfectly_from_its_own_labels() -> None:
    _, articles, _ = load_groups(SHIPPED)
    summaries = {a: summary_from_labels(load_labels(SHIPPED / f"{a}.yaml")) for a in articles}
    report = run_consolidation_eval(SHIPPED, summaries)
    assert report["grouping"]["f1"] == 1.0, report["groups"]
