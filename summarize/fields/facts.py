"""Key facts: the lede's own sentences, the valuations, then one sentence per deal term."""

from __future__ import annotations

from summarize.fields.amount import VALUATION_CONTEXT
from summarize.fields.mentions import evidence
from summarize.money import find_money
from summarize.schema import KeyFact
from summarize.text.phrases import table
from summarize.text.sentences import sentences

FACT_CUES = tuple(family.pattern for family in table("facts").values())
"""Deal terms a summary should state when the article does: conditions and timing, price per
share, financing, who owns what afterwards, a termination fee. One sentence each, the first."""
LEDE_AND_VALUATION_FACTS = 5
MOST_FACTS = 7
FACT_CHARS = (40, 400)
"""Shorter is a fragment, longer a run-on paragraph."""


def key_facts(text: str, region_end: int) -> list[KeyFact]:
    """The lede's sentences (the writer's own summary), sentences stating a valuation, then the
    first sentence on each deal term the lede may leave to the body (``FACT_CUES``).

    Valuations the deal does not set (a last round, a tender offer) are still facts worth
    keeping: consolidation labels them apart instead of calling them conflicts.
    """
    shortest, longest = FACT_CHARS
    found = [s for s in sentences(text) if shortest <= len(s.text) <= longest]
    facts = [
        sentence
        for sentence in sentences(text[:region_end])[1:4]
        if shortest <= len(sentence.text) <= longest
    ][:3]
    taken = {f.start for f in facts}
    for sentence in found:
        if len(facts) >= LEDE_AND_VALUATION_FACTS:
            break
        if (
            sentence.start not in taken
            and VALUATION_CONTEXT.search(sentence.text)
            and find_money(sentence.text)
        ):
            facts.append(sentence)
            taken.add(sentence.start)
    for cue in FACT_CUES:
        if len(facts) >= MOST_FACTS:
            break
        if any(cue.search(f.text) for f in facts):
            continue  # the lede already states it
        sentence = next((s for s in found if s.start not in taken and cue.search(s.text)), None)
        if sentence is not None:
            facts.append(sentence)
            taken.add(sentence.start)
    facts.sort(key=lambda f: f.start)
    return [KeyFact(text=f.text, evidence=evidence(text, f.start, f.end)) for f in facts]
