"""Per-field metrics, overall score and hallucination rate from per-article scores."""

from __future__ import annotations

import pytest

from summarize.evals.metrics import (
    article_score,
    attribution,
    field_metrics,
    grounding_metrics,
    overall,
    worst_articles,
)
from summarize.evals.runfile import ArticleError, ArticleResult, ScoreRecord
from summarize.schema import DealSummary, RunMetadata


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


def decided(article: ArticleResult, **who: str) -> ArticleResult:
    """The article with a prediction whose metadata records who decided each field."""
    summary = DealSummary(
        headline="h",
        deal_type=None,
        status=None,
        metadata=RunMetadata(
            provider="p", model="m", prompt_name="n", prompt_version="1", decided_by=who
        ),
    )
    return article.model_copy(update={"prediction": summary})


def test_attribution_counts_who_decided_each_scored_field() -> None:
    articles = [
        decided(ARTICLES[0], status="model", parties="rules", amount="model"),
        decided(ARTICLES[1], status="rules", parties="rules"),
        ARTICLES[2],  # failed: no summary, not counted
    ]
    found = attribution(articles)
    assert found is not None and list(found) == ["status", "parties", "amount"]
    assert (found["status"].model, found["status"].rules) == (1, 1)
    assert found["status"].model_share == 0.5
    assert found["parties"].model_share == 0.0 and found["amount"].model_share == 1.0


def test_attribution_maps_derived_fields_to_the_summary_field() -> None:
    article = result("a", target=s(1, tp=1), no_deal=s(1, tp=1), **{"amount.qualifier": s(1)})
    found = attribution([decided(article, parties="model", deal_type="rules", amount="model")])
    assert found is not None
    assert {name: a.model_share for name, a in found.items()} == {
        "no_deal": 0.0,
        "target": 1.0,
        "amount.qualifier": 1.0,
    }


def test_no_attribution_without_decided_by() -> None:
    assert attribution(ARTICLES) is None
    assert attribution([decided(ARTICLES[0])]) is None  # an empty record says nothing
