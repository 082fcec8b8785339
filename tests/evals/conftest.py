"""A small labeled dataset written on the fly and a fake summarizer: no network, no model."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarize.articles import Article
from summarize.evals.dataset import DATASETS_DIR, Dataset, Labels, freeze_split, load_dataset
from summarize.evals.manifest import changelog_path, entry_heading, file_hashes
from summarize.evals.oracle import summary_from_labels
from summarize.schema import DealSummary

ACME_TEXT = (
    "Acme Corp. agreed to buy Widget Labs for about $2.1 billion in cash, the companies said on "
    "Monday. Goldman Sachs advised Acme. Widget Labs, valued at $900 million last year, makes "
    "sensors. Acme chief executive Jane Roe said the deal should close next year."
)
ROUND_TEXT = (
    "Krishiyan raised Rs 450 crore in a Series B round led by Ojas Growth Fund, with Nilgiri "
    "Capital joining, according to regulatory filings. The round gives Ojas a 12.5% stake."
)
NO_DEAL_TEXT = (
    "Tessellate Systems reported quarterly revenue of $642 million and said it is always looking "
    "at acquisitions, though it has nothing to announce. Rival SAP reported a day earlier."
)

LABELS: dict[str, dict[str, Any]] = {
    "acme-widget": {
        "title": "Acme buys Widget Labs",
        "covers": ["acquisition"],
        "aliases": {"Acme Corp": ["Acme"]},
        "expected": {
            "no_deal": False,
            "deal_type": "acquisition",
            "status": {"value": "announced", "accept": ["pending_approval"]},
            "parties": [
                {"name": "Acme Corp", "role": "acquirer"},
                {"name": "Widget Labs", "role": "target"},
                {"name": "Goldman Sachs", "role": "advisor", "optional": True},
            ],
            "amount": {
                "value": 2.1e9,
                "currency": "USD",
                "qualifier": "approximately",
                "text": "about $2.1 billion",
            },
            "valuation": None,
            "stake_percent": None,
            "consideration": "cash",
            "announced_on": None,
            "sources": ["the companies"],
            "key_people": [{"name": "Jane Roe", "title": "chief executive"}],
            "key_facts": ["Acme will pay about $2.1 billion in cash for Widget Labs."],
        },
        "traps": [
            {"field": "valuation", "value": 9e8, "currency": "USD", "note": "last year's value"},
            {"field": "amount", "value": 9e8, "currency": "USD", "note": "last year's value"},
        ],
    },
    "krishiyan-round": {
        "title": "Krishiyan raises Rs 450 crore",
        "expected": {
            "deal_type": "funding_round",
            "parties": [
                {"name": "Krishiyan", "role": "target"},
                {"name": "Ojas Growth Fund", "role": "lead_investor", "accept_roles": ["investor"]},
                {"name": "Nilgiri Capital", "role": "investor"},
            ],
            "amount": {"value": 4.5e9, "currency": "INR", "text": "Rs 450 crore"},
            "stake_percent": 12.5,
        },
    },
    "tessellate-earnings": {
        "title": "Tessellate earnings (no deal)",
        "expected": {"no_deal": True, "valuation": None},
        "traps": [
            {"field": "amount", "value": 642e6, "currency": "USD", "note": "revenue"},
            {"field": "parties", "name": "SAP", "note": "a rival"},
        ],
    },
}
TEXTS = {
    "acme-widget": ACME_TEXT,
    "krishiyan-round": ROUND_TEXT,
    "tessellate-earnings": NO_DEAL_TEXT,
}


def write_articles(
    folder: Path, labels: Mapping[str, Mapping[str, Any]], texts: Mapping[str, str]
) -> Path:
    """Write <id>.txt and <id>.yaml files under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for case_id, text in texts.items():
        (folder / f"{case_id}.txt").write_text(text, encoding="utf-8")
    for case_id, label in labels.items():
        body = {"id": case_id, **label}
        (folder / f"{case_id}.yaml").write_text(yaml.safe_dump(body), encoding="utf-8")
    return folder


def write_dataset(
    root: Path,
    labels: Mapping[str, Mapping[str, Any]],
    texts: Mapping[str, str],
    meta: Mapping[str, Any] | None = None,
) -> Path:
    """Write dataset.yaml, <id>.txt and <id>.yaml files under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    meta = meta or {"name": "mini", "version": 2, "description": "test data"}
    (root / "dataset.yaml").write_text(yaml.safe_dump(dict(meta)), encoding="utf-8")
    return write_articles(root, labels, texts)


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "mini", LABELS, TEXTS)


@pytest.fixture
def seeds_without_texts(tmp_path: Path) -> Path:
    """A copy of the shipped seeds dataset as a clone without ../shared sees it: its
    ``articles_dir`` names a folder that does not exist (whatever this machine has)."""
    copy = tmp_path / "seeds"
    shutil.copytree(DATASETS_DIR / "seeds", copy)
    meta = yaml.safe_load((copy / "dataset.yaml").read_text(encoding="utf-8"))
    meta["articles_dir"] = "../no-shared-folder/seeds"
    (copy / "dataset.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    return copy


SPLIT_META = {
    "name": "mini",
    "version": 1,
    "splits": {"dev": {}, "test": {"frozen": True}},
    "default_split": "dev",
}
SPLITS = {"dev": ["acme-widget", "krishiyan-round"], "test": ["tessellate-earnings"]}


def log_version(root: Path, split: str, version: int, why: str = "Articles added.") -> None:
    """Append the CHANGELOG entry ``freeze`` needs for the split's files as they are now."""
    heading = entry_heading(root.name, split, version, file_hashes(root / split))
    changelog = changelog_path(root)
    before = changelog.read_text(encoding="utf-8") if changelog.exists() else "# Changelog\n"
    changelog.write_text(f"{before}\n{heading}\n\n{why}\n", encoding="utf-8")


@pytest.fixture
def split_dir(tmp_path: Path) -> Path:
    """``evals/datasets/mini/`` with a dev split and a frozen test split, frozen at v1."""
    root = tmp_path / "evals" / "datasets" / "mini"
    write_dataset(root, {}, {}, meta=SPLIT_META)
    for split, ids in SPLITS.items():
        write_articles(root / split, {i: LABELS[i] for i in ids}, {i: TEXTS[i] for i in ids})
    log_version(root, "test", 1)
    freeze_split(root, "test")
    return root


@pytest.fixture
def mini(mini_dir: Path) -> Dataset:
    return load_dataset(mini_dir)


@pytest.fixture
def labels(mini: Dataset) -> Callable[[str], Labels]:
    cases = {c.id: c.labels for c in mini.cases}
    return cases.__getitem__


@pytest.fixture
def perfect(mini: Dataset) -> dict[str, DealSummary]:
    """Each article answered with its own labels."""
    return {c.id: summary_from_labels(c.labels) for c in mini.cases}


class FakeSummarizer:
    """Answers from a dict of canned summaries (or raises a canned exception); counts overlap."""

    def __init__(self, answers: Mapping[str, DealSummary | Exception], delay: float = 0.01):
        self.answers = answers
        self.delay = delay
        self.calls: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.closed = False

    def settings(self) -> dict[str, Any]:
        return {
            "provider": "fake",
            "model": "canned",
            "prompt": "test-prompt",
            "prompt_version": "3",
        }

    async def summarize(self, article: Article) -> DealSummary:
        self.calls.append(article.id)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        answer = self.answers[article.id]
        if isinstance(answer, Exception):
            raise answer
        return answer.model_copy(deep=True)

    async def aclose(self) -> None:
        self.closed = True
