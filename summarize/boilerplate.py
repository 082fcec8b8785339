"""Which blocks of an HTML page are the article, and which are navigation, teasers or footer.

trafilatura decides: it is made for telling a page's main text from its boilerplate. It gives
back text, not positions, so its answer is laid over the page's own blocks (from
``summarize.articles``' extractor, which knows where every character came from): a block is
the article's when its text, spaces aside, is found in trafilatura's text in page order.
Long blocks are placed first, as anchors (a chain that keeps the most text in order); short
ones ("What happened", "Acme") count only between the anchors they sit between, so a menu
item that happens to be a word of the article does not join it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

MIN_ANCHOR_CHARS = 20
"""Shorter blocks (subheads, one-word menu items) are too common to place on their own."""
MIN_COVERAGE = 0.6
"""Blocks found must account for this share of trafilatura's text, or the overlay failed."""


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _extract(raw_html: str) -> str:
    """trafilatura's main text, spaces removed.

    Without its metadata (title, author, date): finding the date alone costs more than
    finding the text, and the headline comes from the page's own <h1>."""
    import trafilatura  # 0.2-0.7 s to import: only pages that are HTML pay it

    document: Any = trafilatura.bare_extraction(
        raw_html, with_metadata=False, include_comments=False, include_images=False
    )
    if document is None or document.body is None:
        return ""
    return _squeeze("".join(document.body.itertext()))


class _PrefixBest:
    """Best chain ending at or before a position, for each position seen (a Fenwick tree)."""

    def __init__(self, size: int) -> None:
        self._tree = [(0, -1)] * (size + 1)

    def add(self, position: int, value: tuple[int, int]) -> None:
        position += 1
        while position < len(self._tree):
            self._tree[position] = max(self._tree[position], value)
            position += position & -position

    def best(self, count: int) -> tuple[int, int]:
        """The best among the first ``count`` positions: (covered length, occurrence)."""
        found = (0, -1)
        while count > 0:
            found = max(found, self._tree[count])
            count -= count & -count
        return found


def _anchor_chain(keys: Sequence[str], main: str) -> dict[int, tuple[int, int]]:
    """Long blocks placed in ``main``: the in-order, non-overlapping choice of their
    occurrences that covers the most text (a block may also occur in a teaser or twice)."""
    found: list[tuple[int, int, int]] = []  # (start in main, end, block index), by block
    for index, key in enumerate(keys):
        if len(key) < MIN_ANCHOR_CHARS:
            continue
        start = main.find(key)
        while start != -1:
            found.append((start, start + len(key), index))
            start = main.find(key, start + 1)
    ends = sorted({end for _, end, _ in found})
    chains = _PrefixBest(len(ends))
    best: list[tuple[int, int]] = []
    back: list[int] = []
    pending: list[int] = []  # occurrences of the current block, added once it is done
    for i, (start, end, index) in enumerate(found):
        if pending and found[pending[0]][2] != index:
            for j in pending:
                chains.add(bisect.bisect_left(ends, found[j][1]), best[j])
            pending.clear()
        before, previous = chains.best(bisect.bisect_right(ends, start))
        best.append((before + end - start, i))
        back.append(previous)
        pending.append(i)
    chain: dict[int, tuple[int, int]] = {}
    i = max(best, default=(0, -1))[1]
    while i != -1:
        start, end, index = found[i]
        chain[index] = (start, end)
        i = back[i]
    return chain


def content_mask(
    raw_html: str, blocks: Sequence[str], *, heading: int | None = None
) -> list[bool] | None:
    """For each of the page's blocks, whether it is the article's; None when trafilatura
    finds no article or its text cannot be laid over the blocks. ``heading`` is the block of
    the page's <h1>: kept when it stands above the article's first block."""
    main = _extract(raw_html)
    if not main:
        return None
    keys = [_squeeze(block) for block in blocks]
    placed = _anchor_chain(keys, main)
    if not placed:
        return None
    anchors = sorted(placed)
    for index, key in enumerate(keys):
        if not key or index in placed:
            continue
        # A short block counts where it sits between its neighbouring anchors.
        at = bisect.bisect_left(anchors, index)
        low = placed[anchors[at - 1]][1] if at > 0 else 0
        high = placed[anchors[at]][0] if at < len(anchors) else len(main)
        start = main.find(key, low, high)
        if start != -1:
            placed[index] = (start, start + len(key))
            anchors.insert(at, index)
    covered = sum(end - start for start, end in placed.values())
    if covered < MIN_COVERAGE * len(main):
        return None
    mask = [index in placed for index in range(len(keys))]
    if heading is not None and heading < min(placed) and keys[heading]:
        mask[heading] = True  # the headline often stands above the article's own block
    return mask
