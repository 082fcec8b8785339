"""Reports: the rich table, Markdown and the self-contained HTML page."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from summarize.evals.dataset import Dataset
from summarize.evals.html import render_html
from summarize.evals.oracle import OracleSummarizer, summary_from_labels
from summarize.evals.report import markdown_report, print_report
from summarize.evals.runfile import RunFile
from summarize.evals.runner import run_eval_async
from summarize.schema import DealType, Money

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
    assert re.search(r"amount[\s│]+accuracy[\s│]+3[\s│]+0\.33", text)  # wrong, failed, right
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
