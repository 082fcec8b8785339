"""Find where a model's quote sits in the article: exact, then normalized, then fuzzy.

Models copy quotes with small slips: curly quotes made straight, a dash changed, a double space
dropped, a letter lost, "..." where they skipped words. Each step tolerates more; the step that
matched is recorded so a reader knows how far to trust the span. Spans always point into the
original text: normalization keeps a map from each normalized character back to its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from summarize.grounding.chunks import Chunk, chunk_text
from summarize.names import fold_text
from summarize.schema import MatchKind

FUZZY_THRESHOLD: float = 90.0
"""Smallest rapidfuzz ``partial_ratio`` (0-100, on normalized text) accepted as a fuzzy match.

At 90 a 60-character quote may differ from the article by about three edits (a dropped letter,
"talk"/"talks", a changed word ending); a paraphrase ("in talks to invest over" for "in advanced
talks to invest more than") scores in the 70s-80s and is rejected.
"""

MIN_FUZZY_CHARS: int = 12
"""Quotes shorter than this (after normalization) must match exactly or after normalization.

A short quote ("Meta", "in cash") fuzzily matches too many near-misses ("Meta's", "in kind").
Numbers are never matched fuzzily whatever the length: a fuzzy span must hold exactly the
quote's digit runs, so "$3.8 billion" does not land on "$2.8 billion".
"""

FUZZY_WINDOW_CHARS: int = 20_000
"""Texts longer than this are searched fuzzily chunk by chunk (overlapping by the quote length)."""

_EDGE_SLACK_MAX = 8
"""At most this many characters are tried on each edge when tightening a fuzzy span."""

_DIGITS = re.compile(r"\d+")
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")
_TRANSLATE = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‚": "'", "‛": "'", "′": "'",
    "…": "...",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
}  # fmt: skip
_SURROUNDING = "\"' "


@dataclass(frozen=True)
class Alignment:
    """Where a quote was found: spans in the original text, how, and how well."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    match: MatchKind = "none"
    score: float = 0.0
    """100 for exact and normalized matches; the rapidfuzz score for fuzzy ones."""
    method: str = "none"
    """exact | normalized | fuzzy | none: finer than ``match`` (normalized counts as fuzzy)."""

    @property
    def found(self) -> bool:
        return self.match != "none"


@dataclass(frozen=True)
class Normalized:
    """Text with case, accents, quotes, dashes and whitespace unified, and the way back."""

    text: str
    index: list[int]
    """``index[i]`` is the offset in the original text of normalized character ``i``."""

    def span_back(self, start: int, end: int) -> tuple[int, int]:
        """A span in the normalized text as a span in the original text."""
        return self.index[start], self.index[end - 1] + 1


@lru_cache(maxsize=8)
def normalize(text: str) -> Normalized:
    """Fold ``text`` for matching while remembering where every character came from."""
    folded = fold_text(text)
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, char in enumerate(folded):
        if text[i] in _TRANSLATE:
            char = text[i]  # fold_text would shorten "…" to "."
        if char.isspace():
            if not in_space:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        replacement = _TRANSLATE.get(char, char)
        out.extend(replacement)
        index.extend([i] * len(replacement))
    return Normalized("".join(out), index)


def _exact(quote: str, text: str, start_at: int) -> tuple[int, int] | None:
    pos = text.find(quote, start_at)
    if pos < 0 and start_at:
        pos = text.find(quote)
    return (pos, pos + len(quote)) if pos >= 0 else None


def _normalized(quote: str, norm: Normalized, start_at: int) -> tuple[int, int] | None:
    needle = normalize(quote).text.strip(_SURROUNDING)
    if not needle:
        return None
    # Search from the first normalized char at or after start_at in the original text.
    from_norm = next((i for i, o in enumerate(norm.index) if o >= start_at), 0) if start_at else 0
    pos = norm.text.find(needle, from_norm)
    if pos < 0 and from_norm:
        pos = norm.text.find(needle)
    return norm.span_back(pos, pos + len(needle)) if pos >= 0 else None


def _tighten(needle: str, hay: str, start: int, end: int) -> tuple[int, int, float]:
    """Move both edges a few characters to where the window reads most like the quote."""
    slack = min(_EDGE_SLACK_MAX, max(2, len(needle) // 10))
    best = (start, end, fuzz.ratio(needle, hay[start:end]))
    for s in range(max(0, start - slack), min(len(hay), start + slack) + 1):
        for e in range(max(s + 1, end - slack), min(len(hay), end + slack) + 1):
            score = fuzz.ratio(needle, hay[s:e])
            if score > best[2]:
                best = (s, e, score)
    return best


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span cut inside a word to the whole word, then trim whitespace at its edges."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _windows(text: str, needle_chars: int) -> list[Chunk]:
    """The whole text, or overlapping chunks of a long one so every quote fits inside one."""
    if len(text) <= FUZZY_WINDOW_CHARS:
        return [Chunk(text, 0)]
    overlap = min(2 * needle_chars, FUZZY_WINDOW_CHARS // 2 - 1)
    return chunk_text(text, max_chars=FUZZY_WINDOW_CHARS, overlap=overlap)


def _fuzzy(quote: str, text: str, norm: Normalized) -> tuple[tuple[int, int] | None, float]:
    """Best fuzzy span for ``quote`` (original offsets) and its score, or None below threshold."""
    needle = normalize(quote).text.strip(_SURROUNDING)
    if len(needle) < MIN_FUZZY_CHARS:
        return None, 0.0
    if len(needle) >= len(norm.text):
        # partial_ratio would align the article inside the quote: compare them whole instead.
        best_score, best_span = fuzz.ratio(needle, norm.text), (0, len(norm.text))
    else:
        best_score, best_span = 0.0, (0, 0)
        for window in _windows(norm.text, len(needle)):
            found = fuzz.partial_ratio_alignment(needle, window.text)
            if found is not None and found.score > best_score:
                best_score = found.score
                best_span = (window.start + found.dest_start, window.start + found.dest_end)
    if best_score < FUZZY_THRESHOLD:
        return None, best_score
    start, end, _ = _tighten(needle, norm.text, *best_span)
    start, end = _snap_to_words(text, *norm.span_back(start, end))
    if _DIGITS.findall(needle) != _DIGITS.findall(text[start:end]):
        return None, best_score  # numbers are never fuzzy: "$3.8 billion" is not "$2.8 billion"
    return (start, end), best_score


def _align_one(quote: str, text: str, norm: Normalized, start_at: int) -> Alignment:
    span = _exact(quote, text, start_at)
    if span:
        return Alignment([span], "exact", 100.0, "exact")
    span = _normalized(quote, norm, start_at)
    if span:
        return Alignment([span], "fuzzy", 100.0, "normalized")
    fuzzy_span, score = _fuzzy(quote, text, norm)
    if fuzzy_span:
        return Alignment([fuzzy_span], "fuzzy", score, "fuzzy")
    return Alignment([], "none", score, "none")


def align(quote: str, text: str) -> Alignment:
    """Align ``quote`` to ``text``; a quote with "..." is aligned piece by piece, in order."""
    quote = quote.strip()
    if not quote:
        return Alignment()
    pieces = [p for p in _ELLIPSIS.split(quote) if p.strip(_SURROUNDING)]
    if not pieces:
        return Alignment()
    norm = normalize(text)
    spans: list[tuple[int, int]] = []
    methods: list[str] = []
    score = 100.0
    start_at = 0
    for piece in pieces:
        found = _align_one(piece, text, norm, start_at)
        if not found.found:
            return Alignment([], "none", found.score, "none")
        spans.extend(found.spans)
        methods.append(found.method)
        score = min(score, found.score)
        start_at = found.spans[-1][1]
    method = next((m for m in ("fuzzy", "normalized") if m in methods), "exact")
    return Alignment(spans, "exact" if method == "exact" else "fuzzy", score, method)


def span_text(text: str, spans: list[tuple[int, int]]) -> str:
    """The article's own words at ``spans``, pieces joined by " … "."""
    return " … ".join(text[s:e] for s, e in spans)
