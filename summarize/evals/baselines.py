"""Constant-answer baselines: what a summarizer that ignores the article scores on each field.

A field's score means little alone: always answering ``announced`` scores 0.61 on status in the
deals dev split. Each field's baseline is the best score a *constant* prediction reaches on the
same articles, scored by the same scorers (``score_article``) and summed by the same metrics:

- enum fields (deal_type, status, consideration): every value and null are tried, the best
  wins (usually the most frequent label);
- no_deal: "a deal" or "no deal", whichever scores better;
- amount, valuation, stake_percent, announced_on: always null;
- parties (and so target), sources, key_people, key_facts: always empty;
- amount.qualifier, valuation.qualifier: scored only next to a produced amount, so their
  baseline answers the labeled amount with one constant qualifier (the best one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import Enum

from summarize.evals.labels import Labels
from summarize.evals.metrics import summarize_field
from summarize.evals.runfile import Baseline
from summarize.evals.scorers import FIELDS, empty_summary, score_article
from summarize.schema import Consideration, DealStatus, DealSummary, DealType, Money, Qualifier

Prediction = Callable[[Labels], DealSummary]
"""A constant answer; only the qualifier baselines read the labels (for the amount to qualify)."""


def _constant(**values: object) -> Prediction:
    summary = empty_summary().model_copy(update=values)
    return lambda _labels: summary


def _enum_candidates(field: str, enum: type[Enum]) -> list[tuple[str, Prediction]]:
    options = [(f"always {member.value}", _constant(**{field: member})) for member in enum]
    return [*options, ("always null", _constant())]


def _qualified(field: str, qualifier: Qualifier) -> Prediction:
    def predict(labels: Labels) -> DealSummary:
        label = getattr(labels.expected, field)
        if label is None:
            return empty_summary()
        money = Money.model_construct(  # the qualifier scorer reads only the qualifier
            value=label.value, currency=label.currency, qualifier=qualifier, upper=label.upper,
            text=label.text, evidence=None,
        )  # fmt: skip
        return empty_summary().model_copy(update={field: money})

    return predict


def candidates(field: str) -> list[tuple[str, Prediction]]:
    """The constant predictions tried for ``field``, each with how the report names it."""
    if field == "no_deal":
        return [
            ('always "a deal"', _constant(deal_type=DealType.acquisition)),
            ('always "no deal"', _constant()),
        ]
    enums = {"deal_type": DealType, "status": DealStatus, "consideration": Consideration}
    if field in enums:
        return _enum_candidates(field, enums[field])
    if field.endswith(".qualifier"):
        money = field.split(".")[0]
        return [
            (f"{money} as labeled, qualifier always {q.value}", _qualified(money, q))
            for q in Qualifier
        ]
    if field in ("parties", "target", "sources", "key_people", "key_facts"):
        return [("always empty", _constant())]
    return [("always null", _constant())]


def field_baseline(field: str, labels: Sequence[Labels]) -> Baseline | None:
    """The best constant answer for one field over these articles; None if none scores it."""
    best: Baseline | None = None
    for name, predict in candidates(field):
        scored = [s for s in (score_article(lb, predict(lb)).get(field) for lb in labels) if s]
        if not scored:
            continue
        value = summarize_field(field, FIELDS[field].metric, scored).value
        if best is None or value > best.value + 1e-12:
            best = Baseline(field=field, value=round(value, 6), constant=name, n=len(scored))
    return best


def constant_baselines(labels: Sequence[Labels], fields: Iterable[str]) -> dict[str, Baseline]:
    """Baselines for the given fields (those a run scored), in the order given."""
    found = {field: field_baseline(field, labels) for field in fields}
    return {field: b for field, b in found.items() if b is not None}
