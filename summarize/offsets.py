"""Offsets from a derived text back to its source, through any number of derivations.

The model reads a text made from the user's input (tags stripped, page furniture dropped) and
points at evidence by offsets in that text; ``OffsetMap`` says where each piece came from, so
a span can be shown in the input the user gave. ``TextBuilder`` makes such a text from slices
of a source; ``OffsetMap.then`` chains two derivations (page text → extracted HTML text → raw).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in extracted text back to offsets in the original input.

    Piece ``i`` starts at ``text_starts[i]`` in the text and at ``raw_starts[i]`` in the input
    and runs on one for one until the next piece starts.
    """

    text_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]

    def to_raw(self, offset: int) -> int:
        i = bisect.bisect_right(self.text_starts, offset) - 1
        if i < 0:
            return offset
        return self.raw_starts[i] + (offset - self.text_starts[i])

    def then(self, inner: OffsetMap | None) -> OffsetMap:
        """This map followed by ``inner`` (which maps this map's targets on to the raw input)."""
        if inner is None:
            return self
        text_starts: list[int] = []
        raw_starts: list[int] = []
        ends = (*self.text_starts[1:], None)[: len(self.text_starts)]
        for text_start, mid_start, text_end in zip(
            self.text_starts, self.raw_starts, ends, strict=True
        ):
            mid_end = None if text_end is None else mid_start + (text_end - text_start)
            cuts = [mid_start]
            first = bisect.bisect_right(inner.text_starts, mid_start)
            last = len(inner.text_starts) if mid_end is None else (
                bisect.bisect_left(inner.text_starts, mid_end)
            )  # fmt: skip
            cuts.extend(inner.text_starts[first:last])
            for cut in cuts:
                text_starts.append(text_start + (cut - mid_start))
                raw_starts.append(inner.to_raw(cut))
        return OffsetMap(tuple(text_starts), tuple(raw_starts))


class TextBuilder:
    """Builds a text from slices of ``source`` (and short inserted strings), recording where
    each piece came from, so the result's offsets map back into ``source`` exactly."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._text_starts: list[int] = []
        self._raw_starts: list[int] = []
        self._length = 0
        self._next_raw = -1
        """Where in ``source`` the last copied slice ended: a slice starting there extends it."""

    @classmethod
    def whole(cls, source: str) -> tuple[str, OffsetMap]:
        """``source`` stripped, and its map back into ``source``."""
        builder = cls(source)
        builder.copy(0, len(source))
        return builder.build()

    def copy(self, start: int, end: int) -> None:
        """Append ``source[start:end]``."""
        if end <= start:
            return
        if start != self._next_raw:
            self._text_starts.append(self._length)
            self._raw_starts.append(start)
        self._parts.append(self.source[start:end])
        self._length += end - start
        self._next_raw = end

    def insert(self, text: str, at: int) -> None:
        """Append ``text``, which is not in ``source``; its offsets map to ``source[at]``."""
        if not text:
            return
        self._text_starts.append(self._length)
        self._raw_starts.append(at)
        self._parts.append(text)
        self._length += len(text)
        self._next_raw = -1

    def build(self) -> tuple[str, OffsetMap]:
        """The text, without leading or trailing whitespace, and its map into ``source``."""
        text = "".join(self._parts)
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        text_starts: list[int] = []
        raw_starts: list[int] = []
        for text_start, raw_start in zip(self._text_starts, self._raw_starts, strict=True):
            cut = max(0, lead - text_start)  # what the strip took from this piece's start
            shifted = text_start + cut - lead
            if shifted >= len(stripped) and text_starts:
                break
            if text_starts and text_starts[-1] == shifted:
                text_starts.pop()
                raw_starts.pop()
            text_starts.append(shifted)
            raw_starts.append(raw_start + cut)
        return stripped, OffsetMap(tuple(text_starts), tuple(raw_starts))
