"""Assemble sentences into an article and cut short verbatim quotes around the facts in it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from training.corpus.text import Piece, Span

QUOTE_MAX_WORDS = 6
"""Quotes longer than this are cut to a window around the fact: short enough for a 512-token
training example (and a quick answer), long enough to show the words that give a fact its role."""

_WORD = re.compile(r"\S+")
_EDGE_PUNCT = " ,;:\"“”‘’'()—–-"


@dataclass(frozen=True)
class Mark:
    """Where a fact sits: its span and the span of the sentence around it."""

    start: int
    end: int
    sentence: Span


@dataclass
class Document:
    """An article under construction: text grows paragraph by paragraph, marks stay absolute."""

    parts: list[str] = field(default_factory=list)
    marks: dict[str, list[Mark]] = field(default_factory=dict)
    length: int = 0

    def _append(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def block(self, text: str) -> None:
        """A line that carries no fact (headline, byline, dateline rule)."""
        self._sep()
        self._append(text)

    def paragraph(self, sentences: list[Piece], *, prefix: str = "") -> None:
        """Sentences joined by spaces; ``prefix`` (a dateline) opens the paragraph."""
        if not sentences:
            return
        self._sep()
        if prefix:
            self._append(prefix)
        for i, sentence in enumerate(sentences):
            if i:
                self._append(" ")
            text = sentence.text[:1].upper() + sentence.text[1:]  # "people familiar ..." opens
            start = self._append(text)
            bounds = (start, start + len(sentence.text))
            for key, spans in sentence.marks.items():
                for s, e in spans:
                    self.marks.setdefault(key, []).append(Mark(s + start, e + start, bounds))

    def _sep(self) -> None:
        if self.parts:
            self._append("\n\n")

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def first(self, key: str) -> Mark | None:
        found = self.marks.get(key)
        return found[0] if found else None

    def quote(self, key: str, *, max_words: int = QUOTE_MAX_WORDS) -> str:
        """A short verbatim quote holding the first mark of ``key`` (KeyError when absent)."""
        mark = self.first(key)
        if mark is None:
            raise KeyError(f"no mark {key!r} in the article")
        return quote_around(self.text, mark, max_words=max_words)


def quote_around(text: str, mark: Mark, *, max_words: int = QUOTE_MAX_WORDS) -> str:
    """The sentence around ``mark`` if short, else a window of words centred on the mark."""
    lo, hi = mark.sentence
    words = [(m.start() + lo, m.end() + lo) for m in _WORD.finditer(text[lo:hi])]
    inside = [i for i, (s, e) in enumerate(words) if e > mark.start and s < mark.end]
    first, last = inside[0], inside[-1]
    spare = max(0, max_words - (last - first + 1))
    before = min(first, spare // 2 + spare % 2)
    after = min(len(words) - 1 - last, spare - before)
    before = min(first, spare - after)
    start = min(words[first - before][0], mark.start)
    end = max(words[last + after][1], mark.end)
    quote = text[start:end]
    # Trim punctuation at the edges, never into the fact itself.
    while quote and quote[0] in _EDGE_PUNCT and start < mark.start:
        quote, start = quote[1:], start + 1
    while quote and quote[-1] in _EDGE_PUNCT + "." and end > mark.end:
        quote, end = quote[:-1], end - 1
    return quote
