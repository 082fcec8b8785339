"""Sentences about an earlier deal: they say nothing about the deal being reported.

"Orvane was last valued at $2 billion in a Series C round in 2024" tells the story's background:
its type, amount and lead investor are not this deal's.
"""

from __future__ import annotations

from functools import lru_cache

from summarize.text.phrases import pattern
from summarize.text.sentences import sentences
from summarize.text.span import Span

EARLIER_DEAL = pattern("history", "earlier_deal")
"""A sentence that recounts an earlier deal ("last valued at", "its previous round")."""
BACK_REFERENCE = pattern("history", "back_reference")
"""A sentence that goes on about the earlier deal: "That round ... was led by Vantor"."""


@lru_cache(maxsize=8)
def earlier_deal_sentences(text: str) -> tuple[Span, ...]:
    """Sentences about an earlier deal, and those right after that refer back to it (cached:
    the type, amount and lead rules all ask about the same lede)."""
    found: list[Span] = []
    previous_was_earlier = False
    for sentence in sentences(text):
        earlier = EARLIER_DEAL.search(sentence.text) is not None or (
            previous_was_earlier and BACK_REFERENCE.match(sentence.text) is not None
        )
        if earlier:
            found.append(sentence)
        previous_was_earlier = earlier
    return tuple(found)


def in_earlier_deal(text: str, position: int) -> bool:
    """Whether ``position`` lies in a sentence of ``text`` about an earlier deal."""
    return any(s.start <= position < s.end for s in earlier_deal_sentences(text))
