"""The headline and the lede: where news states a deal's facts, and what the model is shown.

A news article opens with a headline line and a lede paragraph that say who does what deal
with whom; the body retells history and background. Readers weigh cues by these zones, and the
model's questions share the lede as a prefix so llama.cpp reuses its KV cache.
"""

from __future__ import annotations

from summarize.text.sentences import sentences

HEADLINE_MAX_CHARS = 250
"""A first line longer than this is a paragraph, not a headline."""


def lede(text: str, limit: int) -> str:
    """The headline and first paragraphs, cut at a sentence end."""
    if len(text) <= limit:
        return text
    # The prefix of every recorded request: cut as it was recorded (at ". " or a line break, the
    # line breaks kept); the abbreviation-aware cut of summarize.text.sentences would move it.
    cut = max(text.rfind(". ", 0, limit), text.rfind("\n", 0, limit))
    return text[: cut + 1 if cut > limit // 2 else limit]


def headline_end(text: str) -> int:
    """Where the headline line ends, or 0 when the text opens with no short first line."""
    first_break = text.find("\n")
    return first_break if 0 < first_break < HEADLINE_MAX_CHARS else 0


def headline(text: str, found: str | None = None) -> str:
    """The headline the page reader ``found`` (``Article.headline``); else the first line of six
    or more words, if short enough, or the first sentence."""
    if found:
        return found
    for line in text.strip().split("\n")[:6]:
        line = line.strip()
        if line.endswith(("...", "…")) or line.lower().startswith("by"):
            continue  # page furniture ("Loading...", a byline), not a headline
        if len(line.split()) >= 6 and len(line) <= 200:
            return line
        if len(line.split()) >= 6:
            break
    first = sentences(text)
    return first[0].text[:300] if first else text[:200]
