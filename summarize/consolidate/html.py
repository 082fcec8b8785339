"""A self-contained HTML page of consolidated deals: every value beside the reports behind it.

Each value lists its supports (article, quote, how well sourced); when the articles are given,
each quote is also shown in its surrounding text with the quoted words highlighted. Field
colours are the grounding view's (``summarize.grounding.html.KIND_COLOURS``) so both pages read
alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import jinja2

from summarize.articles import Article
from summarize.consolidate.models import Chosen, ConsolidatedDeal, Support
from summarize.consolidate.rules import show_value
from summarize.grounding.html import KIND_COLOURS
from summarize.templating import package_templates

CONTEXT_CHARS = 80
"""Characters of article text shown either side of a quoted span."""


def _context(support: Support, texts: Mapping[str, str]) -> dict[str, str] | None:
    """The quoted words in their article, cut to a short window, or None without a span."""
    text = texts.get(support.article_id)
    if not text or not support.spans:
        return None
    start, end = support.spans[0]
    if not 0 <= start < end <= len(text):
        return None
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    return {
        "before": ("…" if left else "") + text[left:start],
        "quote": text[start:end],
        "after": text[end:right] + ("…" if right < len(text) else ""),
    }


def _supports(supports: Sequence[Support], texts: Mapping[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "article_id": s.article_id,
            "quote": s.quote,
            "text": s.text,
            "basis": s.basis,
            "date": s.date.isoformat() if s.date else None,
            "context": _context(s, texts),
        }
        for s in supports
    ]


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    return show_value(value).strip("'")


def _row(label: str, kind: str, chosen: Chosen[Any], texts: Mapping[str, str]) -> dict[str, Any]:
    return {
        "label": label,
        "kind": kind,
        "value": _shown(chosen.value),
        "rule": chosen.rule,
        "supports": _supports(chosen.support, texts),
    }


def _deal_view(deal: ConsolidatedDeal, texts: Mapping[str, str]) -> dict[str, Any]:
    fields = [
        _row("deal type", "deal_type", deal.deal_type, texts),
        _row("status", "status", deal.status, texts),
        _row("amount", "amount", deal.amount, texts),
        _row("stake", "stake_percent", deal.stake_percent, texts),
        _row("consideration", "consideration", deal.consideration, texts),
        _row("announced on", "announced_on", deal.announced_on, texts),
    ]
    return {
        "deal": deal,
        "headline": deal.headline.value or deal.id,
        "fields": [f for f in fields if f["supports"]],
        "timeline": [
            {"status": e.status.value, "date": e.date, "supports": _supports(e.support, texts)}
            for e in deal.status_timeline
        ],
        "parties": [
            {
                "name": p.name,
                "role": p.role.value,
                "names": p.names,
                "supports": _supports(p.support, texts),
            }
            for p in deal.parties
        ],
        "valuations": [
            {
                "label": v.label,
                "value": v.money.text,
                "cue": v.cue,
                "supports": _supports(v.support, texts),
            }
            for v in deal.valuations
        ],
        "conflicts": [
            {
                "field": c.field + (f" ({c.label})" if c.label else ""),
                "chosen": _shown(c.chosen),
                "rule": c.rule,
                "claims": [
                    {"value": _shown(claim.value), "supports": _supports(claim.support, texts)}
                    for claim in c.claims
                ],
            }
            for c in deal.conflicts
        ],
        "key_facts": [
            {"text": f.value, "supports": _supports(f.support, texts)} for f in deal.key_facts
        ],
    }


def _environment() -> jinja2.Environment:
    return package_templates("summarize.consolidate")


def render_deals_html(
    deals: Iterable[ConsolidatedDeal],
    *,
    articles: Mapping[str, Article] | Iterable[Article] | None = None,
    title: str = "Consolidated deals",
) -> str:
    """One page for all ``deals``; ``articles`` (optional) shows each quote in its text."""
    if articles is None:
        texts: dict[str, str] = {}
    elif isinstance(articles, Mapping):
        texts = {k: a.text for k, a in articles.items()}
    else:
        texts = {a.id: a.text for a in articles}
    template = _environment().get_template("view.html.j2")
    return template.render(
        title=title,
        deals=[_deal_view(d, texts) for d in deals],
        colours=KIND_COLOURS,
    )
