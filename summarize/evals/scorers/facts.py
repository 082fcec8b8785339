"""key_facts: how many labeled facts the summary states (recall), matched by fuzzy tokens.

An expected fact counts as stated when one produced fact (or the headline) states every number
in it ("$40.00" = "40"), covers at least ``KEY_FACT_COVERAGE`` of its content words (each word
matched fuzzily, so "acquisitions" covers "acquisition") and rapidfuzz ``token_set_ratio`` of
the two reaches ``KEY_FACT_THRESHOLD``.
Coverage guards against token_set_ratio's blind spot: a three-word fragment of a fact scores 100.
Produced facts beyond the labeled ones are not penalised; facts are free-form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from summarize.evals.scorers.base import Score
from summarize.evals.scorers.sets import normalize_phrase

KEY_FACT_THRESHOLD = 60.0
"""token_set_ratio (0-100) between the normalized expected and produced statements."""
KEY_FACT_COVERAGE = 0.5
"""Share of the expected fact's content words the produced statement must contain."""
WORD_MATCH_THRESHOLD = 85.0
"""rapidfuzz ratio at which two words count as the same word (plural, possessive, typo)."""

_STOPWORDS = (
    "a an the of in on at to for from by with and or as is are was were be been will would "
    "its it this that these those has have had which who also than into per"
)
STOPWORDS = frozenset(_STOPWORDS.split(" "))


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def numbers(text: str) -> set[str]:
    """The numbers a statement gives, canonical: "1,100" → "1100", "$40.00" → "40"."""
    found = _NUMBER.findall(re.sub(r"(?<=\d),(?=\d{3})", "", text))
    return {n.rstrip("0").rstrip(".") if "." in n else n for n in found}


def content_words(text: str) -> list[str]:
    return [w for w in normalize_phrase(text).split() if w not in STOPWORDS]


def coverage(expected: str, produced: str) -> float:
    """Share of the expected statement's content words found (fuzzily) in the produced one."""
    wanted = content_words(expected)
    if not wanted:
        return 0.0
    have = set(content_words(produced))

    def found(word: str) -> bool:
        if word in have:
            return True
        if any(c.isdigit() for c in word):
            return False  # numbers must match exactly: 40 is not 45
        return any(fuzz.ratio(word, h) >= WORD_MATCH_THRESHOLD for h in have)

    return sum(found(w) for w in wanted) / len(wanted)


def fact_matches(expected: str, produced: str) -> bool:
    if not numbers(expected) <= numbers(produced):
        return False
    if coverage(expected, produced) < KEY_FACT_COVERAGE:
        return False
    ratio = fuzz.token_set_ratio(normalize_phrase(expected), normalize_phrase(produced))
    return ratio >= KEY_FACT_THRESHOLD


def score_key_facts(expected: Sequence[str], produced: Sequence[str]) -> Score:
    """Recall of labeled facts; an empty label means no facts may be produced."""
    if not expected:
        if not produced:
            return Score(1.0, "empty, as labeled")
        return Score(
            0.0,
            f"{len(produced)} facts where the label is empty",
            fp=len(produced),
            produced=len(produced),
            hallucinated=len(produced),
        )
    missed = [e for e in expected if not any(fact_matches(e, p) for p in produced)]
    tp = len(expected) - len(missed)
    reason = "; ".join(f"missed: {m}" for m in missed) or "all facts stated"
    return Score(tp / len(expected), reason, tp=tp, fn=len(missed))
