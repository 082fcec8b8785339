"""Find the valuations a summary reports, each labeled by the words around it.

Candidates are the summary's ``valuation`` and every figure in its verbatim quotes and key facts;
``summarize.text.valuations`` labels each (last_round, tender_offer, post_money, pre_money,
implied), so distinct facts stay distinct instead of being called conflicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from summarize.money import find_money, values_match
from summarize.schema import DealSummary, Evidence, Money
from summarize.text.sentences import sentence_around
from summarize.text.valuations import label_mention, labeled_in


@dataclass(frozen=True)
class FoundValuation:
    """One labeled valuation in one summary, with the words it came from."""

    label: str
    money: Money
    cue: str | None
    quote: str
    spans: tuple[tuple[int, int], ...] = ()


def _quotes(summary: DealSummary) -> Iterator[Evidence]:
    if summary.valuation and summary.valuation.evidence:
        yield summary.valuation.evidence
    for fact in summary.key_facts:
        if fact.evidence:
            yield fact.evidence
    if summary.amount and summary.amount.evidence:
        yield summary.amount.evidence
    yield from summary.evidence.values()


def find_valuations(summary: DealSummary, article_text: str | None = None) -> list[FoundValuation]:
    """Every valuation the summary reports, one per figure, labeled by the first words that
    speak of it: verbatim quotes, then key facts without a quote, then the ``valuation`` field
    itself (implied unless the article around its quote says otherwise)."""
    found: list[FoundValuation] = []

    def add(item: FoundValuation) -> None:
        for other in found:
            same_figure = other.money.currency == item.money.currency and values_match(
                other.money.value, item.money.value, tolerance=0.01
            )
            if same_figure:
                return
        found.append(item)

    for evidence in _quotes(summary):
        for label, cue, mention in labeled_in(evidence.quote):
            add(
                FoundValuation(
                    label, mention.to_money(), cue, evidence.quote, tuple(evidence.spans)
                )
            )
    for fact in summary.key_facts:
        if fact.evidence is not None:
            continue  # its verbatim quote was read above
        for label, cue, mention in labeled_in(fact.text):
            add(FoundValuation(label, mention.to_money(), cue, fact.text))
    if summary.valuation is not None:
        add(_summary_valuation(summary.valuation, article_text))
    return found


def _summary_valuation(money: Money, article_text: str | None) -> FoundValuation:
    """The summary's own valuation, labeled from its quote (or the article around it); implied
    when nothing says otherwise, since that is what the field means."""
    evidence = money.evidence
    plain = money.model_copy(update={"evidence": None})
    contexts = []
    if evidence and evidence.spans and article_text:
        start, end = evidence.spans[0]
        left, _ = sentence_around(article_text, start, start)
        _, right = sentence_around(article_text, end, end)
        contexts.append(article_text[left:right])
    if evidence:
        contexts.append(evidence.quote)
    quote = evidence.quote if evidence else money.text
    spans = tuple(evidence.spans) if evidence else ()
    for context in contexts:
        mentions = find_money(context)
        for i, mention in enumerate(mentions):
            if mention.currency == money.currency and values_match(
                mention.value, money.value, tolerance=0.01
            ):
                found = label_mention(context, mentions, i, known=True)
                if found:
                    return FoundValuation(found[0], plain, found[1], quote, spans)
    return FoundValuation("implied", plain, None, quote, spans)
