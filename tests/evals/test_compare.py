"""Split against split: per field the dev and test scores, the gap and both baselines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

from summarize.evals.compare import compare_runs, comparison_markdown, comparison_table
from summarize.evals.dataset import load_splits
from summarize.evals.oracle import summary_from_labels
from summarize.evals.runfile import RunFile
from summarize.evals.runner import run_eval_async
from summarize.schema import DealStatus

from .conftest import FakeSummarizer


@pytest.fixture
async def dev_and_test(split_dir: Path) -> list[RunFile]:
    """Dev answered perfectly; on test the no-deal article gets a status it should not have."""
    runs = []
    for data in load_splits(split_dir, "dev,test"):
        answers = {c.id: summary_from_labels(c.labels) for c in data.cases}
        if data.split == "test":
            answers["tessellate-earnings"].status = DealStatus.announced
        runs.append(await run_eval_async(data, FakeSummarizer(answers)))
    return runs


def test_rows_hold_scores_gap_and_baselines(dev_and_test: list[RunFile]) -> None:
    rows = {row.field: row for row in compare_runs(dev_and_test)}
    assert list(rows)[:2] == ["overall", "hallucination_rate"]
    assert rows["status"].scores == [1.0, 0.0] and rows["status"].gaps == [-1.0]
    assert rows["status"].baselines == [1.0, 1.0]  # dev: always announced; test: always null
    assert rows["stake_percent"].scores == [1.0, None] and rows["stake_percent"].gaps == [None]
    assert rows["hallucination_rate"].gaps[0] > 0


def test_terminal_and_markdown(dev_and_test: list[RunFile]) -> None:
    console = Console(record=True, width=120)
    console.print(comparison_table(dev_and_test))
    text = console.export_text()
    assert "mini: dev (2 articles) vs test (1 articles)" in text
    assert re.search(r"field\s+dev\s+test\s+test−dev\s+baseline dev\s+baseline test", text)
    assert re.search(r"status\s+1\.000\s+0\.000\s+-1\.000\s+1\.000\s+1\.000", text)
    md = comparison_markdown(dev_and_test)
    assert md.startswith("## Generalisation: mini (dev 2 articles, test 1 articles)")
    assert "| status | 1.000 | 0.000 | -1.000 | 1.000 | 1.000 |" in md
    assert "| stake_percent | 1.000 | — | — | 0.500 | — |" in md  # only dev labels a stake
