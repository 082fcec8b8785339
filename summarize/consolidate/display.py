"""Consolidated deals for people and pipes: JSON lines on stdout, a short table on stderr.

``print_consolidated`` is what ``summarize run --consolidate`` calls with the (article,
summary) pairs it has just made.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from summarize.articles import Article
from summarize.consolidate.api import consolidate
from summarize.consolidate.models import ConsolidatedDeal
from summarize.schema import DealSummary


def deal_record(deal: ConsolidatedDeal) -> dict[str, Any]:
    """The JSON-ready record written per deal."""
    return deal.model_dump(mode="json")


def write_deals(deals: Iterable[ConsolidatedDeal], stream: IO[str], *, pretty: bool = False) -> int:
    """Write one JSON document per deal (indented when ``pretty``); returns how many."""
    count = 0
    for deal in deals:
        stream.write(
            json.dumps(deal_record(deal), ensure_ascii=False, indent=2 if pretty else None)
        )
        stream.write("\n")
        count += 1
    stream.flush()
    return count


def _money(deal: ConsolidatedDeal) -> str:
    amount = deal.amount.value
    return amount.text if amount is not None else "—"


def deals_table(deals: Sequence[ConsolidatedDeal]) -> Table:
    """One row per deal: the values people check first."""
    table = Table(title=f"{len(deals)} consolidated deal{'' if len(deals) == 1 else 's'}")
    for column in (
        "deal",
        "reports",
        "type",
        "status",
        "amount",
        "valuations",
        "sources",
        "conflicts",
    ):
        table.add_column(column, overflow="fold")
    for deal in deals:
        parties = ", ".join(f"{p.name} ({p.role.value})" for p in deal.parties[:3])
        timeline = " → ".join(e.status.value for e in deal.status_timeline) or "—"
        valuations = "; ".join(f"{v.label} {v.money.text}" for v in deal.valuations) or "—"
        sources = f"{deal.independent_sources}: {', '.join(deal.original_sources)}"
        conflicts = ", ".join(c.field + (f"/{c.label}" if c.label else "") for c in deal.conflicts)
        table.add_row(
            parties or deal.id,
            str(len(deal.article_ids)),
            deal.deal_type.value.value if deal.deal_type.value else "—",
            timeline,
            _money(deal),
            valuations,
            sources,
            conflicts or "none",
        )
    return table


def print_consolidated(
    items: Sequence[tuple[Article, DealSummary]],
    *,
    stream: IO[str] | None = None,
    console: Console | None = None,
    html: Path | None = None,
) -> list[ConsolidatedDeal]:
    """Consolidate freshly made summaries: deals as JSON on ``stream``, a table on ``console``."""
    deals = consolidate(items)
    write_deals(deals, stream or sys.stdout, pretty=len(deals) == 1)
    if console is not None:
        console.print(deals_table(deals))
    if html is not None:
        from summarize.consolidate.html import render_deals_html

        html.write_text(render_deals_html(deals, articles=[a for a, _ in items]), encoding="utf-8")
    return deals
