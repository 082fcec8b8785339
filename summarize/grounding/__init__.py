"""Grounding: tie every value of a DealSummary to the article words that support it.

``align`` finds a quote in the article (exact, normalized, fuzzy); ``ground`` verifies each
value against the words at its span and applies the policy (strict drops, flag marks);
``grounding_stats`` counts grounded values per field for the eval harness; ``chunk_text`` and
``shift_summary`` keep spans right when a long article is handled in pieces; the HTML view lives
in ``summarize.grounding.html``.
"""

from __future__ import annotations

from summarize.grounding.align import FUZZY_THRESHOLD, MIN_FUZZY_CHARS, Alignment, align
from summarize.grounding.chunks import Chunk, chunk_text, shift_spans, shift_summary
from summarize.grounding.fields import FIELD_KINDS, EvidenceItem, evidence_items, grounding_stats
from summarize.grounding.verify import POLICIES, Policy, ground

__all__ = [
    "FIELD_KINDS",
    "FUZZY_THRESHOLD",
    "MIN_FUZZY_CHARS",
    "POLICIES",
    "Alignment",
    "Chunk",
    "EvidenceItem",
    "Policy",
    "align",
    "chunk_text",
    "evidence_items",
    "ground",
    "grounding_stats",
    "shift_spans",
    "shift_summary",
]
