"""A self-contained HTML page: each article with every value's evidence highlighted beside it.

Spans are offsets in ``article.text`` (what the model saw), so that is the text shown, also for
HTML input; each span's place in the original file (``Article.raw_span``) is listed with it.
Overlapping spans (a party inside a key-fact sentence) are cut into segments; a segment takes
the colour of the shortest span covering it and an underline in the colour of the longest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import jinja2

from summarize.articles import Article, looks_like_html
from summarize.grounding.fields import FIELD_KINDS, EvidenceItem, evidence_items, field_kind
from summarize.schema import DealSummary, DroppedValue
from summarize.templating import package_templates

KIND_COLOURS: dict[str, str] = {
    "parties": "#f6c343",
    "amount": "#5cb85c",
    "valuation": "#2fa4a0",
    "stake_percent": "#9ccc65",
    "status": "#4a90d9",
    "deal_type": "#8e6bd1",
    "announced_on": "#e05a8a",
    "consideration": "#a1887f",
    "sources": "#78909c",
    "key_people": "#f08c3a",
    "key_facts": "#b0b0b0",
}
"""One colour per field kind; highlights use it at low opacity, labels at full strength."""


@dataclass
class _Field:
    """One value as the page shows it."""

    id: str
    kind: str
    field: str
    label: str
    quote: str
    match: str
    grounded: bool | None
    reason: str | None
    spans: list[tuple[int, int]]
    raw_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Segment:
    text: str
    ids: list[str]
    kind: str | None = None
    outer_kind: str | None = None
    tags: list[str] = field(default_factory=list)
    """Kinds whose span starts here: shown as small labels before the text."""
    flagged: bool = False
    """The innermost value is not supported (its quote was found, its value was not)."""
    title: str = ""
    """Hover text: every field covering this piece."""


def _fields(article: Article, items: list[EvidenceItem], prefix: str) -> list[_Field]:
    fields = []
    for n, item in enumerate(items):
        evidence = item.evidence
        spans = [
            (s, e)
            for s, e in (evidence.spans if evidence else [])
            if 0 <= s < e <= len(article.text)
        ]
        fields.append(
            _Field(
                id=f"{prefix}-f{n}",
                kind=item.kind,
                field=item.field,
                label=item.label,
                quote=evidence.quote if evidence else "",
                match=(evidence.match or "unverified") if evidence else "no evidence",
                grounded=evidence.grounded if evidence else None,
                reason=evidence.reason if evidence else None,
                spans=spans,
                raw_spans=[article.raw_span(s, e) for s, e in spans] if article.raw else [],
            )
        )
    return fields


def _segments(text: str, fields: list[_Field]) -> list[_Segment]:
    """Cut ``text`` at every span edge; each piece knows which fields cover it."""
    spans = [(s, e, f) for f in fields for s, e in f.spans]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments = []
    for start, end in pairwise(cuts):
        covering = [(e - s, f) for s, e, f in spans if s <= start and end <= e]
        if not covering:
            segments.append(_Segment(text[start:end], []))
            continue
        # Shortest first; on a tie the unsupported value wins, so the problem stays visible.
        covering.sort(key=lambda c: (c[0], c[1].grounded is True))
        ids = list(dict.fromkeys(f.id for _, f in covering))
        inner, outer = covering[0][1], covering[-1][1]
        tags = list(dict.fromkeys(f.kind for s, _, f in spans if s == start))
        segments.append(
            _Segment(
                text[start:end],
                ids,
                kind=inner.kind,
                outer_kind=outer.kind if outer.kind != inner.kind else None,
                tags=tags,
                flagged=not inner.grounded,
                title="\n".join(
                    dict.fromkeys(f"{f.field}: {f.label} ({f.match})" for _, f in covering)
                ),
            )
        )
    return segments


def _dropped_view(dropped: DroppedValue) -> dict[str, str]:
    """What the page shows of a value strict grounding removed: label, quote, reason."""
    value = dropped.value
    label, quote = str(value), ""
    if isinstance(value, dict):
        label = str(value.get("name") or value.get("text") or value)
        quote = str((value.get("evidence") or {}).get("quote") or "")
    return {
        "kind": field_kind(dropped.field),
        "field": dropped.field,
        "label": label,
        "quote": quote,
        "reason": dropped.reason,
    }


def _article_view(index: int, article: Article, summary: DealSummary) -> dict[str, Any]:
    fields = _fields(article, evidence_items(summary), f"a{index}")
    supported = [f for f in fields if f.grounded]
    unsupported = [f for f in fields if not f.grounded]
    dropped = [_dropped_view(d) for d in summary.dropped]
    return {
        "anchor": f"a{index}",
        "article": article,
        "summary": summary,
        "from_html": article.raw is not None and looks_like_html(article.raw),
        "furniture_cut": article.raw is not None and not looks_like_html(article.raw),
        "segments": _segments(article.text, fields),
        "supported": supported,
        "unsupported": unsupported,
        "dropped": dropped,
    }


def _environment() -> jinja2.Environment:
    return package_templates("summarize.grounding")


def render_html(items: list[tuple[Article, DealSummary]], *, title: str = "Evidence view") -> str:
    """One page for all ``items``: the article text with highlights and the fields beside it."""
    template = _environment().get_template("view.html.j2")
    return template.render(
        title=title,
        articles=[_article_view(i, article, summary) for i, (article, summary) in enumerate(items)],
        kinds=FIELD_KINDS,
        colours=KIND_COLOURS,
    )
