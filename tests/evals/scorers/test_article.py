"""Whole articles: the labels score 1.0 on every field; known-wrong answers score the rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.evals.dataset import DATASETS_DIR, NOT_LABEL_FILES, Labels, load_labels
from summarize.evals.oracle import summary_from_labels
from summarize.evals.scorers import FIELDS, score_article
from summarize.schema import DealSummary, DealType, Money, Party


def test_fields_in_report_order() -> None:
    assert list(FIELDS)[:4] == ["no_deal", "deal_type", "status", "parties"]
    assert {spec.metric for spec in FIELDS.values()} == {"accuracy", "f1", "recall"}


@pytest.mark.parametrize("case_id", ["acme-widget", "krishiyan-round", "tessellate-earnings"])
def test_labels_as_prediction_score_one(labels: Callable[[str], Labels], case_id: str) -> None:
    scores = score_article(labels(case_id), summary_from_labels(labels(case_id)))
    assert scores and all(s.value == 1.0 for s in scores.values()), scores
    assert sum(s.hallucinated for s in scores.values()) == 0


@pytest.mark.parametrize(
    "path", sorted(p for p in DATASETS_DIR.glob("**/*.yaml") if p.name not in NOT_LABEL_FILES),
    ids=lambda p: p.relative_to(DATASETS_DIR).with_suffix("").as_posix(),
)  # fmt: skip
def test_shipped_labels_score_one_against_themselves(path: Path) -> None:
    labels = load_labels(path)
    scores = score_article(labels, summary_from_labels(labels))
    wrong = {f: s.reason for f, s in scores.items() if s.value != 1.0}
    assert not wrong, f"{labels.id}: {wrong}"


def test_only_labeled_fields_are_scored(labels: Callable[[str], Labels], perfect: dict) -> None:
    scores = score_article(labels("krishiyan-round"), perfect["krishiyan-round"])
    assert set(scores) == {
        "deal_type",
        "parties",
        "target",
        "amount",
        "amount.qualifier",
        "stake_percent",
    }


def test_known_wrong_prediction(labels: Callable[[str], Labels], perfect: dict) -> None:
    wrong: DealSummary = perfect["acme-widget"].model_copy(deep=True)
    wrong.deal_type = DealType.merger
    wrong.amount = Money(value=9e8, currency="USD", text="$900 million")  # the trap
    wrong.valuation = Money(value=9e8, currency="USD", text="$900 million")  # labeled empty
    wrong.parties = [Party(name="Acme", role="acquirer"), Party(name="Widget Labs", role="seller")]
    scores = score_article(labels("acme-widget"), wrong)
    assert scores["deal_type"].value == 0.0
    assert (scores["amount"].value, scores["amount"].hallucinated) == (0.0, 1)
    assert (scores["valuation"].value, scores["valuation"].hallucinated) == (0.0, 1)
    assert scores["parties"].value == pytest.approx(0.5)  # 1 right, 1 wrong role, 1 missed
    assert scores["target"].value == 0.0
    assert scores["amount.qualifier"].value == 0.0  # exact instead of approximately
    assert scores["status"].value == 1.0


def test_failed_article_scores_as_empty(labels: Callable[[str], Labels]) -> None:
    scores = score_article(labels("acme-widget"), None)
    assert scores["no_deal"].reason == "reported no deal"
    assert scores["amount"].value == 0.0 and scores["valuation"].value == 1.0
    assert "amount.qualifier" not in scores  # a missing amount is not counted twice


def test_no_deal_article(labels: Callable[[str], Labels], perfect: dict) -> None:
    invented = perfect["tessellate-earnings"].model_copy(deep=True)
    invented.deal_type = DealType.acquisition
    invented.parties = [Party(name="SAP", role="acquirer")]
    invented.amount = Money(value=642e6, currency="USD", text="$642 million")
    scores = score_article(labels("tessellate-earnings"), invented)
    assert (
        scores["no_deal"].value == 0.0 and "deal_type, parties, amount" in scores["no_deal"].reason
    )
    assert all(scores[f].hallucinated == 1 for f in ("deal_type", "parties", "amount"))
    assert scores["status"].value == 1.0
