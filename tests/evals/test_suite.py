"""The eval suite in CI: replay the shipped datasets from cassettes and print the per-field table.

Run it alone with ``pytest -m eval -s``; re-record after a prompt or model change with
``summarize eval --record`` (see evals/README.md).
"""

from __future__ import annotations

import pytest
from rich.console import Console

from summarize import recording
from summarize.evals.dataset import (
    DATASETS_DIR,
    ArticlesDirMissing,
    Dataset,
    label_files,
    load_dataset,
)
from summarize.evals.gate import check_gate, gate_message
from summarize.evals.report import print_report
from summarize.evals.runner import run_eval

EMBEDDED_DEFAULT = {"provider": "local"}
"""The configuration the shipped cassettes were recorded with (``summarize eval --record``)."""

DEV_FLOORS = {
    # Measured on the 93-article dev split (31 articles the rules were tuned on, 62 new ones).
    "parties": 0.75,  # 0.78
    "target": 0.68,  # 0.71
    "amount": 0.75,  # 0.78
    "status": 0.77,  # 0.80
    "deal_type": 0.85,  # 0.88
    "overall": 0.75,  # 0.781
    "key_people": 0.75,  # 0.79
    "sources": 0.4,  # 0.44
    "consideration": 0.75,  # 0.78
    "key_facts": 0.38,  # 0.41
}
"""Regression guards on the deals dev split (issue 6): the rules were tuned on these articles,
so the floors catch breakage, not a lack of generality; the test split's floors do that."""

TEST_FLOORS: dict[str, float] = {}
"""Floors on the frozen deals test split, set from one measured replay and never tuned towards:
one line per field, ``"status": 0.55,  # measured 0.60, floor = measured - 0.05``. Empty until
the split has articles and cassettes (issue 16); while empty the test below is skipped."""


def cassette_ids(dataset: str) -> set[str]:
    """Article ids with a recorded cassette under any prompt (cassettes/eval/<dataset>/*/)."""
    return {p.stem for p in (recording.EVAL_CASSETTES_DIR / dataset).glob("*/*.yaml")}


def replayable(dataset: str, split: str | None) -> Dataset:
    """The split to replay, or a skip saying what it still lacks (articles, shared texts,
    cassettes). A frozen split whose files changed is not skipped: loading it fails."""
    root = DATASETS_DIR / dataset
    if split and not label_files(root / split):
        pytest.skip(f"{dataset}/{split} has no articles yet")
    try:
        data = load_dataset(dataset, split)
    except ArticlesDirMissing as exc:
        pytest.skip(str(exc))
    if split and not {c.id for c in data.cases} & cassette_ids(dataset):
        pytest.skip(
            f"no cassettes recorded for {data.label} yet: "
            f"summarize eval --record --dataset {dataset} --split {split}"
        )
    return data


@pytest.mark.eval
@pytest.mark.parametrize(
    ("dataset", "split"), [("deals", "dev"), ("deals", "test"), ("seeds", None)]
)
def test_shipped_dataset_replays(
    dataset: str, split: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_eval(replayable(dataset, split), EMBEDDED_DEFAULT, replay=True)
    with capsys.disabled():
        print_report(run, Console(width=120), worst=3)  # a frozen split prints aggregates only
    errors = [f"{a.id}: {a.error.message}" for a in run.articles if a.error]
    assert not errors, f"{len(errors)} articles did not replay; first: {errors[0]}"
    assert run.config.articles == len(run.articles) > 0
    assert run.baselines.keys() <= run.fields.keys() and "status" in run.baselines


@pytest.mark.eval
def test_embedded_default_meets_its_dev_floors() -> None:
    run = run_eval(replayable("deals", "dev"), EMBEDDED_DEFAULT, replay=True)
    failures = check_gate(run, min_scores=DEV_FLOORS)
    assert not failures, gate_message(failures)
    assert run.grounding, "the run has no grounding statistics"
    ungrounded = {f: g for f, g in run.grounding.items() if g.grounded < g.total}
    assert not ungrounded, f"values the embedded default output without support: {ungrounded}"


@pytest.mark.eval
def test_embedded_default_meets_its_test_floors() -> None:
    data = replayable("deals", "test")
    if not TEST_FLOORS:
        pytest.skip("TEST_FLOORS is empty: set it from a measured replay of deals/test")
    run = run_eval(data, EMBEDDED_DEFAULT, replay=True)
    failures = check_gate(run, min_scores=TEST_FLOORS)
    assert not failures, gate_message(failures)  # per-field numbers only: never tune on test


@pytest.mark.eval
def test_consolidation_eval_replays(capsys: pytest.CaptureFixture[str]) -> None:
    """Per-article summaries from cassettes, consolidated and scored against groups.yaml."""
    from summarize.evals.consolidation import print_consolidation_report, run_consolidation_eval
    from summarize.schema import DealSummary

    run = run_eval("consolidation", EMBEDDED_DEFAULT, replay=True)
    summaries = {
        a.id: DealSummary.model_validate(a.prediction) if a.prediction else None
        for a in run.articles
    }
    report = run_consolidation_eval(load_dataset("consolidation").root, summaries)
    with capsys.disabled():
        print_consolidation_report(report, Console(width=120))
    # Floors at what the embedded default reaches today: merging reports never mixes two deals.
    assert report["grouping"]["precision"] == 1.0
    assert report["grouping"]["f1"] == 1.0  # every group exactly right, the Quillon pair too
    assert report["merged_accuracy"] >= 0.95  # 0.98 over 11 groups, 4 of them held out
    assert report["conflicts"]["recall"] == 1.0  # €1.2bn vs €1.4bn stays an explicit conflict
    assert report["conflicts"]["false"] == 0  # no conflict where the labels agree
