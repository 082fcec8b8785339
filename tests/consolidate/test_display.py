"""What ``summarize run --consolidate`` prints: deals as JSON, a table for people."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from summarize.articles import Article
from summarize.consolidate.display import print_consolidated

from .conftest import deal, money


def test_print_consolidated_writes_json_table_and_html(tmp_path: Path) -> None:
    items = [
        (
            Article("a", "Acme buys Bolt for $1 billion.", "a.txt"),
            deal(("Acme", "acquirer"), ("Bolt", "target"), amount=money(1e9, "$1 billion")),
        ),
        (
            Article("b", "Acme to buy Bolt.", "b.txt"),
            deal(("Acme", "acquirer"), ("Bolt", "target")),
        ),
    ]
    stream, console = io.StringIO(), Console(record=True, width=200)
    html = tmp_path / "deals.html"
    deals = print_consolidated(items, stream=stream, console=console, html=html)
    record = json.loads(stream.getvalue())
    assert record["article_ids"] == ["a", "b"] == deals[0].article_ids
    assert record["amount"]["value"]["text"] == "$1 billion"
    table = console.export_text()
    assert "1 consolidated deal" in table and "Acme (acquirer)" in table and "$1 billion" in table
    assert "Acme (acquirer)" not in html.read_text(encoding="utf-8")  # the page, not the table
    assert '<section class="deal"' in html.read_text(encoding="utf-8")
