"""Reports: the rich table, Markdown and the self-contained HTML page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

from summarize.evals.dataset import Dataset, load_dataset
from summarize.evals.html import render_html
from summarize.evals.oracle import OracleSummarizer, summary_from_labels
from summarize.evals.report import markdown_report, print_report
from summarize.evals.runfile import RunFile
from summarize.evals.runner import run_eval_async
from summarize.schema import DealType, Money, RunMetadata

from .conftest import FakeSummarizer


@pytest.fixture
async def run(mini: Dataset) -> RunFile:
    """One wrong amount and one failed article, so the worst cases have something to say."""
    answers = {c.id: summary_from_labels(c.labels) for c in mini.cases}
    answers["acme-widget"].amount = Money(value=9e8, currency="USD", text="$900 million")
    answers["acme-widget"].deal_type = DealType.merger
    answers["krishiyan-round"] = RuntimeError("model went away")
    return await run_eval_async(mini, FakeSummarizer(answers))


def test_rich_table(run: RunFile) -> None:
    console = Console(record=True, width=200)
    print_report(run, console)
    text = console.export_text()
    assert "mini v2 · fake/canned · prompt test-prompt@3" in text
    assert re.search(r"amount[\s│]+acc[\s│]+3[\s│]+0\.33", text)  # wrong, failed, right
    assert "hallucination rate" in text and "worst articles" in text
    assert "error: RuntimeError: model went away" in text
    assert "amount: value 9e+08 not within ±5% of 2.1e+09; trap: last year's value" in text


def test_markdown(run: RunFile) -> None:
    md = markdown_report(run)
    assert md.startswith("## Eval: mini v2")
    assert "| field | metric | n | score |" in md
    assert "| deal_type | accuracy | 3 | 0.33 |" in md
    assert "| krishiyan-round | " in md


def test_html_is_self_contained_and_side_by_side(run: RunFile, mini: Dataset) -> None:
    page = render_html(run, mini)
    assert page.startswith("<!doctype html>") and "<style>" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no external assets
    assert "<details" in page and "krishiyan-round" in page
    # expected vs produced for the wrong amount
    assert "USD 2,100,000,000 (approximately; &#39;about $2.1 billion&#39;)" in page
    assert "USD 900,000,000 (exact; &#39;$900 million&#39;)" in page
    assert "model went away" in page


async def test_html_escapes_model_output(mini: Dataset) -> None:
    answers = {c.id: summary_from_labels(c.labels) for c in mini.cases}
    answers["acme-widget"].headline = "<script>alert(1)</script>"
    page = render_html(await run_eval_async(mini, FakeSummarizer(answers)), mini)
    assert "<script>" not in page and "&lt;script&gt;" in page


async def test_html_without_labels(mini: Dataset) -> None:
    page = render_html(await run_eval_async(mini, OracleSummarizer(mini)))
    assert "(labels not loaded)" in page


def test_baselines_next_to_each_score(run: RunFile) -> None:
    md = markdown_report(run)
    assert "| field | metric | n | score | baseline | constant | acc |" in md
    assert re.search(r"\| status \| accuracy \| 2 \| 1\.00 \| 0\.50 \| always announced \|", md)
    assert "baseline = best constant answer, same scorers: " in md
    console = Console(record=True, width=80)
    print_report(run, console)
    text = console.export_text()
    assert re.search(r"status\s+acc\s+2\s+1\.00\s+0\.50", text)
    assert "status always announced" in " ".join(text.split())  # the note under the table
    assert "by model" not in text and "by model" not in md  # no summary said who decided
    assert "<th>baseline</th><th>constant</th>" in render_html(run)


async def test_model_share_column_when_summaries_say_who_decided(mini: Dataset) -> None:
    answers = {c.id: summary_from_labels(c.labels) for c in mini.cases}
    for summary, who in zip(answers.values(), ("model", "rules", "rules"), strict=True):
        summary.metadata = RunMetadata(
            provider="p", model="m", prompt_name="n", prompt_version="1",
            decided_by={"status": who, "parties": "rules"},
        )  # fmt: skip
    run = await run_eval_async(mini, FakeSummarizer(answers))
    md = markdown_report(run)
    assert md.splitlines()[4].endswith("| grounded | by model |")
    assert re.search(
        r"\| status \|.*\| 50% \|$", md, re.M
    )  # acme by the model, tessellate by rules
    assert re.search(r"\| parties \|.*\| 0% \|$", md, re.M)
    assert re.search(r"\| amount \|.*\| — \|$", md, re.M)  # not attributed


@pytest.fixture
async def frozen_run(split_dir: Path) -> RunFile:
    data = load_dataset(split_dir, "test")
    return await run_eval_async(data, FakeSummarizer({"tessellate-earnings": RuntimeError("x")}))


def test_frozen_split_reports_aggregates_only(frozen_run: RunFile) -> None:
    assert frozen_run.config.frozen and frozen_run.config.split_version == 1
    assert frozen_run.articles  # the run file keeps them; the reports hide them
    console = Console(record=True, width=120)
    print_report(frozen_run, console)
    text = console.export_text()
    assert "mini/test frozen v1 · fake/canned" in text and "per-article results hidden" in text
    assert "tessellate" not in text and "worst articles" not in text
    md = markdown_report(frozen_run)
    assert "tessellate" not in md and "Worst articles" not in md and "| no_deal |" in md
    page = render_html(
        frozen_run, load_dataset(Path(frozen_run.config.dataset_path).parent, "test")
    )
    assert (
        "tessellate" not in page and "<details" not in page and "per-article results hidden" in page
    )


def test_show_articles_lifts_the_frozen_hiding(frozen_run: RunFile) -> None:
    console = Console(record=True, width=120)
    print_report(frozen_run, console, show_articles=True)
    assert "tessellate-earnings" in console.export_text()
    assert "tessellate-earnings" in markdown_report(frozen_run, show_articles=True)
    assert "<details" in render_html(frozen_run, show_articles=True)
