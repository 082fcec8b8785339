"""HTML boilerplate: trafilatura's choice of the article's blocks, laid over the page's blocks."""

from __future__ import annotations

from itertools import pairwise

import pytest

from summarize import boilerplate
from summarize.articles import _extract, html_article_text, html_to_text, make_article
from summarize.boilerplate import content_mask

HEADLINE = "Corvane to buy Tellamar Labs for $1.2 billion"
PARAGRAPHS = (
    "Corvane Systems agreed on Tuesday to buy Tellamar Labs, a maker of laboratory robots, "
    "for $1.2 billion in cash.",
    "Tellamar shareholders will receive $14.50 a share, a 31% premium to Monday's close, "
    "the companies said.",
    "The deal is expected to close in the third quarter, subject to regulatory approval in "
    "several markets.",
)
TEASER = "Port operator weighs a bid for a rival terminal"


def page(*, headline_in_article: bool = True, teaser_first: bool = False) -> str:
    heading = f"<h1>{HEADLINE}</h1>"
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    teasers = (
        f'<section class="related"><h2>More deals</h2><ul><li><a href="/x">{TEASER}</a></li>'
        f'<li><a href="/y">{PARAGRAPHS[2]}</a></li></ul></section>'
    )
    return f"""<html><head><title>{HEADLINE} - Kestover Ledger</title></head><body>
<nav><a href="/">Home</a> <a href="/deals">Deals</a> <a href="/tech">Technology</a></nav>
{"" if headline_in_article else heading}
{teasers if teaser_first else ""}
<article>{heading if headline_in_article else ""}
<div class="share"><a href="/s">Share</a></div>
{paragraphs}
<h2>What happened</h2>
<p>Corvane has looked for growth in laboratory automation for several years, analysts said.</p>
</article>
{"" if teaser_first else teasers}
<footer><p>Copyright 2025 Kestover Ledger. All rights reserved.</p></footer></body></html>"""


def blocks_of(raw: str) -> tuple[list[str], int | None]:
    parser = _extract(raw)
    text = "".join(parser.parts)
    bounds = [*parser.block_starts, len(text)]
    return [text[a:b] for a, b in pairwise(bounds) if a < b], parser.heading


def kept_lines(raw: str) -> list[str]:
    blocks, heading = blocks_of(raw)
    mask = content_mask(raw, blocks, heading=heading)
    assert mask is not None
    return [b.strip() for b, keep in zip(blocks, mask, strict=True) if keep and b.strip()]


@pytest.mark.parametrize(
    "shape",
    [
        {},
        {"headline_in_article": False},
        {"teaser_first": True},
    ],
    ids=["headline in the article", "headline above the article", "teasers before it"],
)
def test_the_article_blocks_are_kept_and_the_rest_left_out(shape: dict[str, bool]) -> None:
    lines = kept_lines(page(**shape))
    assert lines[0] == HEADLINE
    for paragraph in PARAGRAPHS:
        assert lines.count(paragraph) == 1
    assert "What happened" in lines
    for boilerplate_line in ("Home Deals Technology", "More deals", TEASER, "Share"):
        assert boilerplate_line not in lines
    assert not any("Copyright" in line for line in lines)


def test_article_text_maps_back_into_the_raw_page() -> None:
    raw = page(teaser_first=True)
    text, offsets = html_article_text(raw)
    for paragraph in PARAGRAPHS:
        start = text.index(paragraph)
        raw_start = offsets.to_raw(start)
        # A paragraph that also stands in a teaser maps to its place in the article.
        assert raw_start > raw.index("<article>")
        assert raw[raw_start : raw_start + len(paragraph)] == paragraph


def test_page_where_trafilatura_finds_nothing_falls_back_to_the_whole_text() -> None:
    raw = (
        "<html><body><footer><p>Corvane Systems agreed to buy Tellamar Labs for $1.2 billion."
        "</p></footer></body></html>"
    )
    assert content_mask(raw, blocks_of(raw)[0]) is None
    article = make_article(raw, id="short", source="short.html")
    assert article.text == html_to_text(raw)[0].strip()


def test_text_that_cannot_be_laid_over_the_page_falls_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = page()
    monkeypatch.setattr(boilerplate, "_extract", lambda _raw: "Somethingelseentirely" * 5)
    assert content_mask(raw, blocks_of(raw)[0]) is None
    assert html_article_text(raw) == html_to_text(raw)
