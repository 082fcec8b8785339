"""eval diff: per-field deltas and the articles that moved."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from summarize.evals.dataset import Dataset
from summarize.evals.diff import diff_runs, rich_diff
from summarize.evals.oracle import OracleSummarizer, summary_from_labels
from summarize.evals.runfile import RunFile
from summarize.evals.runner import run_eval_async
from summarize.schema import DealStatus

from .conftest import FakeSummarizer


@pytest.fixture
async def runs(mini: Dataset) -> tuple[RunFile, RunFile]:
    perfect = await run_eval_async(mini, OracleSummarizer(mini))
    answers = {c.id: summary_from_labels(c.labels) for c in mini.cases}
    answers["acme-widget"].status = DealStatus.rumored
    worse = await run_eval_async(mini, FakeSummarizer(answers))
    return perfect, worse


def test_field_deltas_and_moved_articles(runs: tuple[RunFile, RunFile]) -> None:
    base, new = runs
    diff = diff_runs(base, new)
    deltas = {d.field: d.delta for d in diff.fields}
    assert deltas["status"] == pytest.approx(-0.5)  # labeled on acme, and empty on the no-deal one
    assert deltas["parties"] == 0.0 and deltas["overall"] < 0
    assert [d.id for d in diff.worse] == ["acme-widget"] and diff.better == []
    assert diff.worse[0].changed == ["status 1.00→0.00"]
    back = diff_runs(new, base)
    assert [d.id for d in back.better] == ["acme-widget"] and back.worse == []


def test_different_datasets_warn_and_missing_articles_listed(runs: tuple[RunFile, RunFile]) -> None:
    base, new = runs
    other = new.model_copy(deep=True)
    other.config.dataset = "deals"
    other.articles = other.articles[:2]
    diff = diff_runs(base, other)
    assert diff.warnings and "datasets differ" in diff.warnings[0]
    assert diff.only_base == ["tessellate-earnings"] and diff.only_new == []


def test_rich_diff_renders(runs: tuple[RunFile, RunFile]) -> None:
    console = Console(record=True, width=160)
    console.print(rich_diff(diff_runs(*runs), "main.json", "pr.json"))
    text = console.export_text()
    assert "main.json → pr.json" in text and "-0.500" in text and "1 articles worse" in text


def test_baselines_in_the_diff(runs: tuple[RunFile, RunFile]) -> None:
    diff = diff_runs(*runs)
    status = next(d for d in diff.fields if d.field == "status")
    assert (status.baseline, status.constant) == (0.5, "always announced")
    console = Console(record=True, width=160)
    console.print(rich_diff(diff))
    text = console.export_text()
    assert re.search(r"status\s*│\s*1\.000\s*│\s*0\.500\s*│\s*-0\.500\s*│\s*0\.500", text)
    assert "status always announced" in " ".join(text.split())


def test_frozen_runs_show_field_deltas_only(runs: tuple[RunFile, RunFile]) -> None:
    base, new = (r.model_copy(deep=True) for r in runs)
    new.config.frozen = True
    diff = diff_runs(base, new)
    assert diff.frozen
    console = Console(record=True, width=160)
    console.print(rich_diff(diff))
    hidden = console.export_text()
    assert "acme-widget" not in hidden and "1 articles moved, not listed" in hidden
    assert "-0.500" in hidden
    console.print(rich_diff(diff, show_articles=True))
    assert "acme-widget" in console.export_text()


def test_split_and_manifest_version_differences_warn(runs: tuple[RunFile, RunFile]) -> None:
    base, new = (r.model_copy(deep=True) for r in runs)
    new.config.split, new.config.split_version = "test", 3
    assert diff_runs(base, new).warnings == [
        "datasets differ: mini v2 vs mini/test v2 (manifest v3)"
    ]
