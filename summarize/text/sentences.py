"""Where sentences begin and end.

News text ends sentences with a full stop, a question or exclamation mark, or a line break; a
full stop after an abbreviation ("Inc.", "U.S.", "Mr.") does not end one.
"""

from __future__ import annotations

import re

from summarize.text.span import Span

ABBREVIATIONS = ("Inc", "Corp", "Ltd", "Co", "Mr", "Ms", "Dr", "St", "No", "U.S", "U.K", "vs",
                 "N.V", "S.A")  # fmt: skip
"""Words whose full stop does not end a sentence ("Halvorsen Foods Inc. said")."""
_NOT_AFTER = "".join(rf"(?<!\b{re.escape(word)}.)" for word in ABBREVIATIONS)
SENTENCE_END = re.compile(rf"[.!?]{_NOT_AFTER}\s+|\n+")
"""A sentence's end: its closing mark with the space after it, or line breaks."""
_ANY_STOP = re.compile(r"[.!?]\s+|\n+")
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
    of '"Packaging is a steady earner," said ...' is capitalized by grammar, not name."""
    starts = {0}
    for match in SENTENCE_END.finditer(text):
        starts.add(match.end())
    starts |= {s + 1 for s in starts if text[s : s + 1] in _OPENING_QUOTES and s < len(text)}
    return starts


def sentence_around(
    text: str, start: int, end: int, *, abbreviations: bool = True
) -> tuple[int, int]:
    """The bounds of the sentence that holds ``text[start:end]``: from where the previous
    sentence's end leaves off to the next closing mark (or line break), that mark included.
    ``abbreviations=False`` ends a sentence at every full stop, "N.V." and "Inc." too."""
    pattern = SENTENCE_END if abbreviations else _ANY_STOP
    left = 0
    for match in pattern.finditer(text, 0, start):
        left = match.end()
    following = pattern.search(text, end)
    return left, following.start() + 1 if following else len(text)
