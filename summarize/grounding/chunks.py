"""Split a long article into overlapping chunks that remember where they start.

A chunk is a plain slice of the article, ``text[start:start + len(chunk.text)]``, cut at a
paragraph break where one is near, else at a sentence end, else between words. Whatever is found
in a chunk (an evidence span, a fuzzy match) becomes a span in the article by adding
``chunk.start``: ``shift_summary`` does that for every evidence span of a summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.exceptions import ConfigError
from summarize.schema import DealSummary, Evidence

# Cut points, best first: each pattern's match end is where the next piece begins.
_BOUNDARIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"[;:,]\s+"),
    re.compile(r"\s+"),
)


@dataclass(frozen=True)
class Chunk:
    """A slice of a text and its offset in that text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def to_text_span(self, start: int, end: int) -> tuple[int, int]:
        """A span found in this chunk as a span in the whole text."""
        return start + self.start, end + self.start


def _cut_before(text: str, low: int, high: int) -> int:
    """The best boundary in ``(low, high]``: the latest cut of the strongest kind, else ``high``."""
    for pattern in _BOUNDARIES:
        best = -1
        for match in pattern.finditer(text, low, high):
            if low < match.end() <= high:
                best = match.end()
        if best > 0:
            return best
    return high


def chunk_text(text: str, *, max_chars: int, overlap: int = 0) -> list[Chunk]:
    """Chunks of at most ``max_chars``; consecutive chunks share at least ``overlap`` characters.

    The overlap makes sure a quote up to ``overlap`` characters long lies whole inside some chunk.
    """
    if max_chars < 1:
        raise ConfigError(f"max_chars must be at least 1, got {max_chars}")
    if overlap < 0 or (overlap and overlap >= max_chars // 2):
        raise ConfigError(
            f"overlap must be 0 or less than half of max_chars ({max_chars}), got {overlap}"
        )
    chunks: list[Chunk] = []
    start = 0
    while start < len(text):
        if len(text) - start <= max_chars:
            chunks.append(Chunk(text[start:], start))
            break
        # Never cut in the first half, so every chunk makes real progress.
        end = _cut_before(text, start + max_chars // 2, start + max_chars)
        chunks.append(Chunk(text[start:end], start))
        if overlap:
            # The next chunk starts at a boundary between overlap and 2 * overlap before the end.
            target = end - overlap
            start = _cut_before(text, max(start, target - overlap), target)
        else:
            start = end
    return chunks


def shift_spans(spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    return [(s + offset, e + offset) for s, e in spans]


def _shift(evidence: Evidence | None, offset: int) -> None:
    if evidence is not None and evidence.spans:
        evidence.spans = shift_spans(evidence.spans, offset)


def shift_summary(summary: DealSummary, offset: int) -> DealSummary:
    """A copy of ``summary`` whose evidence spans are moved by ``offset`` (a chunk's start)."""
    shifted = summary.model_copy(deep=True)
    for item in (*shifted.parties, *shifted.sources, *shifted.key_people, *shifted.key_facts):
        _shift(item.evidence, offset)
    for money in (shifted.amount, shifted.valuation):
        if money is not None:
            _shift(money.evidence, offset)
    for evidence in shifted.evidence.values():
        _shift(evidence, offset)
    return shifted
