"""Per-field metrics, overall score and hallucination rate from per-article scores."""

from __future__ import annotations

import pytest

from summarize.evals.metrics import (
    article_score,
    field_metrics,
    grounding_metrics,
    overall,
    worst_articles,
)
from summarize.evals.runfile import ArticleError, ArticleResult, ScoreRecord


def result(
    article_id: str, error: bool = False, grounding=None, **scores: ScoreRecord
) -> ArticleResult:
    return ArticleResult(
        id=article_id,
        title=article_id,
        score=article_score(scores),
        scores=scores,
        error=ArticleError(type="ProviderError", message="boom") if error else None,
        grounding=grounding,
    )


def s(value: float, **counts: int) -> ScoreRecord:
    return ScoreRecord(value=value, reason="r", **counts)


ARTICLES = [
    result(
        "a",
        status=s(1, tp=1, produced=1),
        parties=s(1, tp=2, produced=2),
        amount=s(0, fp=1, fn=1, produced=1, hallucinated=1),
        grounding={"parties": (2, 2), "amount": (0, 1)},
    ),
    result(
        "b",
        status=s(0, fn=1),
        parties=s(0.5, tp=1, fp=1, fn=1, produced=2),
        grounding={"parties": (1, 2)},
    ),
    result("c", error=True, status=s(0, fn=1)),
]


def test_field_metrics() -> None:
    metrics = field_metrics(ARTICLES)
    assert list(metrics) == ["status", "parties", "amount"]  # report order, scored fields only
    status, parties, amount = metrics.values()
    assert (status.metric, status.n, status.value) == ("accuracy", 3, pytest.approx(1 / 3))
    assert parties.metric == "f1"
    assert (parties.precision, parties.recall) == (pytest.approx(3 / 4), pytest.approx(3 / 4))
    assert parties.value == pytest.approx(0.75) and parties.accuracy == pytest.approx(0.75)
    assert (amount.hallucinated, amount.produced, amount.hallucination_rate) == (1, 1, 1.0)
    assert status.hallucination_rate == 0.0
    assert overall(metrics) == pytest.approx((1 / 3 + 0.75 + 0) / 3)


def test_grounding_metrics() -> None:
    grounding = grounding_metrics(ARTICLES)
    assert grounding is not None
    assert grounding["parties"].share == pytest.approx(3 / 4)
    assert grounding["amount"].share == 0.0
    assert grounding_metrics(ARTICLES[2:]) is None


def test_article_score_and_worst() -> None:
    assert article_score({}) == 0.0
    assert ARTICLES[0].score == pytest.approx(2 / 3)
    assert [a.id for a in worst_articles(ARTICLES, 2)] == ["c", "b"]  # errors first
