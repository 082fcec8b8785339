"""sources and key_people: sets scored with precision, recall and F1 after normalization.

Items are paired one-to-one, best match first. A source matches when it names the same
organization (``same_entity``) or its words match fuzzily (``SOURCE_MATCH_THRESHOLD``, rapidfuzz
token_set_ratio after dropping case, punctuation and leading articles), so "Bloomberg" matches
"Bloomberg News". A person matches on the name alone (``name_similarity``); titles vary too much
between writers to score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from summarize.evals.labels import ExpectedPerson, Trap
from summarize.evals.scorers.base import Score
from summarize.evals.scorers.parties import f1
from summarize.names import (
    NAME_MATCH_THRESHOLD,
    AliasTable,
    fold_text,
    name_similarity,
    same_entity,
)
from summarize.schema import Person, Source

SOURCE_MATCH_THRESHOLD = 85.0
"""token_set_ratio (0-100): "people familiar with the matter" ≈ "people familiar with the deal"."""

_ARTICLES = re.compile(r"^(?:a|an|the)\s+")


def normalize_phrase(text: str) -> str:
    """Case, accents and punctuation dropped, and a leading a/an/the."""
    words = re.sub(r"[^\w%.]+|(?<!\d)\.|\.(?!\d)", " ", fold_text(text)).split()
    return _ARTICLES.sub("", " ".join(words))


def source_similarity(a: str, b: str, aliases: AliasTable | None = None) -> float:
    if same_entity(a, b, aliases):
        return 100.0
    return fuzz.token_set_ratio(normalize_phrase(a), normalize_phrase(b))


def _pair(
    expected: Sequence[str],
    produced: Sequence[str],
    similarity: Callable[[str, str], float],
    threshold: float,
) -> tuple[set[int], list[str]]:
    """Greedy one-to-one pairing, best pair first; returns matched expected indexes, extras."""
    pairs = sorted(
        ((similarity(e, p), i, j) for i, e in enumerate(expected) for j, p in enumerate(produced)),
        reverse=True,
    )
    used_e: set[int] = set()
    used_p: set[int] = set()
    for score, i, j in pairs:
        if score < threshold:
            break
        if i not in used_e and j not in used_p:
            used_e.add(i)
            used_p.add(j)
    return used_e, [p for j, p in enumerate(produced) if j not in used_p]


def score_set(
    expected: Sequence[str],
    produced: Sequence[str],
    *,
    similarity: Callable[[str, str], float],
    threshold: float,
    optional: Sequence[bool] = (),
    traps: Sequence[Trap] = (),
) -> Score:
    """Set F1 with fuzzy pairing; a produced item matching a trap is a hallucination."""
    optional = list(optional) or [False] * len(expected)
    matched, extras = _pair(expected, produced, similarity, threshold)
    tp = sum(1 for i in matched if not optional[i])
    missed = [e for i, e in enumerate(expected) if i not in matched and not optional[i]]
    trapped = [
        x for x in extras if any(t.name and similarity(x, t.name) >= threshold for t in traps)
    ]
    hallucinated = len(extras) if not expected else len(trapped)
    notes = [f"missed {e}" for e in missed] + [f"extra {x}" for x in extras]
    notes += [f"trap: {x}" for x in trapped]
    value = f1(tp, len(extras), len(missed))
    reason = "; ".join(notes) or ("all match" if tp else "empty, as labeled")
    return Score(
        value, reason, tp=tp, fp=len(extras), fn=len(missed),
        produced=len(produced), hallucinated=hallucinated,
    )  # fmt: skip


def score_sources(
    expected: Sequence[str],
    produced: Sequence[Source],
    traps: Sequence[Trap] = (),
    aliases: AliasTable | None = None,
) -> Score:
    return score_set(
        expected,
        [s.name for s in produced],
        similarity=lambda a, b: source_similarity(a, b, aliases),
        threshold=SOURCE_MATCH_THRESHOLD,
        traps=traps,
    )


def score_people(
    expected: Sequence[ExpectedPerson], produced: Sequence[Person], traps: Sequence[Trap] = ()
) -> Score:
    return score_set(
        [p.name for p in expected],
        [p.name for p in produced],
        similarity=name_similarity,
        threshold=NAME_MATCH_THRESHOLD,
        optional=[p.optional for p in expected],
        traps=traps,
    )
