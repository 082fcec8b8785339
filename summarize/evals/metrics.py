"""Add per-article scores up into per-field metrics, the overall score and hallucination rate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from statistics import fmean

from summarize.evals.runfile import (
    ArticleResult,
    Attribution,
    FieldMetrics,
    GroundingMetrics,
    ScoreRecord,
)
from summarize.evals.scorers import FIELDS, Score
from summarize.evals.scorers.article import Metric


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def article_score(scores: Mapping[str, Score | ScoreRecord]) -> float:
    """Mean of one article's field scores (0 when nothing was scored)."""
    return fmean(s.value for s in scores.values()) if scores else 0.0


def summarize_field(
    name: str, metric: Metric, scored: Sequence[Score | ScoreRecord]
) -> FieldMetrics:
    """One field over the articles that scored it: accuracy (mean of article scores) and micro
    precision/recall/F1 over items; ``metric`` picks the headline number."""
    tp, fp, fn = (sum(getattr(s, k) for s in scored) for k in ("tp", "fp", "fn"))
    produced = sum(s.produced for s in scored)
    hallucinated = sum(s.hallucinated for s in scored)
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    accuracy = fmean(s.value for s in scored)
    headline = {"accuracy": accuracy, "f1": f1, "recall": recall if recall is not None else 1.0}
    return FieldMetrics(
        field=name, metric=metric, value=headline[metric], n=len(scored),
        accuracy=accuracy, precision=precision, recall=recall, f1=f1,
        produced=produced, hallucinated=hallucinated,
        hallucination_rate=ratio(hallucinated, produced),
    )  # fmt: skip


def field_metrics(articles: Sequence[ArticleResult]) -> dict[str, FieldMetrics]:
    """Per field, over the articles where it was scored, in report order."""
    metrics: dict[str, FieldMetrics] = {}
    for name, spec in FIELDS.items():
        scored = [a.scores[name] for a in articles if name in a.scores]
        if scored:
            metrics[name] = summarize_field(name, spec.metric, scored)
    return metrics


DECIDED_BY_FIELD = {"no_deal": "deal_type", "target": "parties"}
"""Eval fields whose decision ``RunMetadata.decided_by`` records under another summary field;
``amount.qualifier`` and ``valuation.qualifier`` go with their amount."""


def decided_by_key(field: str) -> str:
    return DECIDED_BY_FIELD.get(field, field.split(".")[0])


def attribution(articles: Sequence[ArticleResult]) -> dict[str, Attribution] | None:
    """Per scored field, how many of its values the model decided and how many rules did.

    Counts the articles where the field was scored and the summary's ``decided_by`` names it;
    None when no summary in the run carries ``decided_by`` at all.
    """
    decided = {
        a.id: a.prediction.metadata.decided_by
        for a in articles
        if a.prediction and a.prediction.metadata and a.prediction.metadata.decided_by
    }
    if not decided:
        return None
    out: dict[str, Attribution] = {}
    for name in FIELDS:
        who = [
            decided[a.id][decided_by_key(name)]
            for a in articles
            if name in a.scores and decided_by_key(name) in decided.get(a.id, {})
        ]
        if who:
            out[name] = Attribution(field=name, model=who.count("model"), rules=who.count("rules"))
    return out


def overall(metrics: Mapping[str, FieldMetrics]) -> float:
    """Unweighted mean of the per-field headline numbers."""
    return fmean(m.value for m in metrics.values()) if metrics else 0.0


def hallucination_counts(metrics: Iterable[FieldMetrics]) -> tuple[int, int]:
    """(hallucinated, produced) summed over fields."""
    metrics = list(metrics)
    return sum(m.hallucinated for m in metrics), sum(m.produced for m in metrics)


def grounding_metrics(articles: Sequence[ArticleResult]) -> dict[str, GroundingMetrics] | None:
    """Grounded share per field over every prediction that reported grounding stats."""
    stats = [a.grounding for a in articles if a.grounding is not None]
    if not stats:
        return None
    fields = sorted({f for s in stats for f in s})
    out = {}
    for field in fields:
        grounded = sum(s[field][0] for s in stats if field in s)
        total = sum(s[field][1] for s in stats if field in s)
        out[field] = GroundingMetrics(
            field=field, grounded=grounded, total=total, share=ratio(grounded, total)
        )
    return out


def grounded_share(grounding: Mapping[str, GroundingMetrics] | None) -> float | None:
    if not grounding:
        return None
    grounded = sum(g.grounded for g in grounding.values())
    return ratio(grounded, sum(g.total for g in grounding.values()))


def worst_articles(articles: Sequence[ArticleResult], limit: int = 5) -> list[ArticleResult]:
    """The lowest-scoring articles, errors first."""
    return sorted(articles, key=lambda a: (a.error is None, a.score, a.id))[:limit]
