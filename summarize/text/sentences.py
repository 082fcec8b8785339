"""Where sentences begin and end.

News text ends sentences with a full stop, a question or exclamation mark, or a line break; a
full stop after an abbreviation ("Inc.", "U.S.", "Mr.") does not end one.
"""

from __future__ import annotations

import re

from summarize.text.span import Span

SENTENCE_END = re.compile(
    r"(?<!\bInc)(?<!\bCorp)(?<!\bLtd)(?<!\bCo)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)"
    r"(?<!\bU\.S)(?<!\bU\.K)(?<!\bvs)(?<!\bN\.V)(?<!\bS\.A)[.!?]\s+|\n+"
)
"""A sentence's end: its closing mark with the space after it, or line breaks."""
_OPENING_QUOTES = "\"“‘'"


def sentences(text: str) -> list[Span]:
    """Sentence-like spans (split on end punctuation and line breaks), without outer spaces."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        piece = text[start : match.start() + 1].strip()
        if piece:
            offset = text.index(piece, start)
            spans.append(Span(piece, offset, offset + len(piece)))
        start = match.end()
    tail = text[start:].strip()
    if tail:
        offset = text.index(tail, start)
        spans.append(Span(tail, offset, offset + len(tail)))
    return spans


def sentence_starts(text: str) -> set[int]:
    """Where sentences begin, and where a quotation opening a sentence begins: the first word
    of '"Coding is the clearest money-maker," said ...' is capitalized by grammar, not name."""
    starts = {0}
    for match in SENTENCE_END.finditer(text):
        starts.add(match.end())
    starts |= {s + 1 for s in starts if text[s : s + 1] in _OPENING_QUOTES and s < len(text)}
    return starts


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence that holds ``text[start:end]``, its closing mark included."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1 if left >= 0 else 0, right + 1 if right < len(text) else right
