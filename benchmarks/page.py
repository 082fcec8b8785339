"""Benchmark: reading articles (page furniture, HTML boilerplate); prints milliseconds per page.

    python benchmarks/page.py                 # the eval articles as text, synthetic HTML pages
    python benchmarks/page.py --paragraphs 3000

Plain text goes through the line reader only; HTML also through the tag stripper and
trafilatura, whose import (paid once, by the first HTML page) is shown apart.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from summarize.articles import make_article

ROOT = Path(__file__).resolve().parents[1]


def html_page(paragraphs: int) -> str:
    """A news page: a menu, furniture, ``paragraphs`` paragraphs, teasers and a footer."""
    body = "\n".join(
        f"<p>Corvane Systems said unit {i} would join Tellamar's robotics arm within "
        f"{i % 12 + 1} months, according to a filing on Tuesday.</p>"
        for i in range(paragraphs)
    )
    menu = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(60))
    teasers = "".join(f'<li><a href="/t/{i}">Story {i} of the day</a></li>' for i in range(20))
    return (
        f"<html><head><title>Corvane to buy Tellamar</title></head><body><nav><ul>{menu}</ul></nav>"
        "<article><h1>Corvane to buy Tellamar Labs for $1.2 billion</h1>"
        "<p>By: Maren Ostby</p><p>Share this article</p>"
        f"{body}<p>Related: Corvane's earlier bid</p></article>"
        f"<aside><ul>{teasers}</ul></aside><footer><p>Copyright Kestover Ledger</p></footer>"
        "</body></html>"
    )


def per_page_ms(texts: list[str], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            make_article(text, id="bench", source="bench")
    return (time.perf_counter() - started) * 1000 / (repeat * len(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=1500, help="paragraphs in the big page")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    texts = [p.read_text("utf-8") for p in sorted((ROOT / "evals/datasets").rglob("*.txt"))]
    print(f"text: {len(texts)} eval articles, {per_page_ms(texts, args.repeat):.2f} ms/article")

    started = time.perf_counter()
    make_article(html_page(3), id="first", source="first.html")
    print(f"html: first page (imports trafilatura) {time.perf_counter() - started:.2f} s")
    for paragraphs in (8, args.paragraphs):
        page = html_page(paragraphs)
        ms = per_page_ms([page], args.repeat)
        print(f"html: {len(page) / 1000:.0f} KB page, {paragraphs} paragraphs, {ms:.1f} ms/page")


if __name__ == "__main__":
    main()
