"""The HTML view shows every value with its sources, and quotes in their article text."""

from __future__ import annotations

from summarize.articles import Article
from summarize.consolidate import consolidate
from summarize.consolidate.html import render_deals_html
from summarize.schema import Evidence

from .conftest import deal, money, source


def test_page_shows_values_sources_conflicts_and_quotes_in_context() -> None:
    text_a = "Acme will pay $2.3 billion for Bolt <Inc>, it said in a statement on Monday."
    start = text_a.index("$2.3 billion")
    amount = money(2.3e9, "$2.3 billion")
    amount.evidence = Evidence(quote="$2.3 billion", spans=[(start, start + 12)])
    summaries = {
        "a": deal(
            ("Acme", "acquirer"),
            ("Bolt <Inc>", "target"),
            amount=amount,
            sources=[source("Acme", "company")],
        ),
        "b": deal(
            ("Acme", "acquirer"),
            ("Bolt <Inc>", "target"),
            amount=money(2e9, "$2 billion", quote="about $2 billion"),
            sources=[source("people familiar", "anonymous")],
        ),
    }
    articles = [Article("a", text_a, "a.txt"), Article("b", "about $2 billion", "b.txt")]
    page = render_deals_html(consolidate(summaries), articles=articles)
    assert page.startswith("<!doctype html>") and "<style>" in page
    assert "<script" not in page and "http" not in page  # self-contained
    assert "$2.3 billion" in page and "conflict; confirmed beats anonymous" in page
    assert "<mark>$2.3 billion</mark>" in page
    assert "for Bolt &lt;Inc&gt;, it said" in page  # article text is escaped
    assert "<q>about $2 billion</q>" in page  # no span: the quote alone
    assert 'class="basis confirmed"' in page and 'class="basis anonymous"' in page
    assert "Why these reports" in page and "a + b: shared" in page


def test_page_without_articles_lists_quotes() -> None:
    summaries = {
        "a": deal(
            ("Acme", "acquirer"),
            ("Bolt", "target"),
            amount=money(1e9, "$1 billion", quote="pay $1 billion"),
        )
    }
    page = render_deals_html(consolidate(summaries))
    assert "<q>pay $1 billion</q>" in page and "1 deal<" in page
