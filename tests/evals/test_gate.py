"""The CI gate: absolute floors and the maximum drop against a baseline."""

from __future__ import annotations

import pytest

from summarize.evals.dataset import Dataset
from summarize.evals.gate import check_gate, gate_message, parse_min_scores
from summarize.evals.oracle import OracleSummarizer
from summarize.evals.runfile import RunFile
from summarize.evals.runner import run_eval_async
from summarize.exceptions import ConfigError


@pytest.fixture
async def run(mini: Dataset) -> RunFile:
    return await run_eval_async(mini, OracleSummarizer(mini))


def lowered(run: RunFile, field: str, value: float) -> RunFile:
    changed = run.model_copy(deep=True)
    if field == "overall":
        changed.totals.overall = value
    elif field == "hallucination_rate":
        changed.totals.hallucination_rate = value
    else:
        changed.fields[field].value = value
    return changed


@pytest.mark.parametrize(
    ("items", "parsed"),
    [
        (["parties=0.8"], {"parties": 0.8}),
        (["overall=0.5", "amount=0.7"], {"overall": 0.5, "amount": 0.7}),
        (["hallucination_rate=0"], {"hallucination_rate": 0.0}),
        ([], {}),
    ],
)
def test_parse_min_scores(items: list[str], parsed: dict[str, float]) -> None:
    assert parse_min_scores(items) == parsed


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("parties", "FIELD=VALUE"),
        ("partys=0.8", "FIELD=VALUE"),
        ("parties=high", "not a number"),
        ("parties=80", "0 to 1"),
    ],
)
def test_parse_min_scores_errors(item: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_min_scores([item])


@pytest.mark.parametrize(
    ("field", "value", "floors", "failed"),
    [
        ("parties", 0.7, {"parties": 0.8}, ["parties 0.700 < 0.800"]),
        ("parties", 0.8, {"parties": 0.8}, []),
        ("overall", 0.4, {"overall": 0.5, "parties": 0.8}, ["overall 0.400 < 0.500"]),
        (
            "hallucination_rate",
            0.1,
            {"hallucination_rate": 0.0},
            ["hallucination_rate 0.100 > 0.000"],
        ),
    ],
)
def test_floors(run: RunFile, field: str, value: float, floors: dict, failed: list[str]) -> None:
    assert check_gate(lowered(run, field, value), min_scores=floors) == failed


def test_unscored_field_fails(run: RunFile) -> None:
    assert check_gate(run, min_scores={"valuation.qualifier": 0.5}) == [
        "valuation.qualifier was not scored"
    ]


@pytest.mark.parametrize(
    ("field", "value", "failed"),
    [
        ("parties", 0.99, False),  # within the allowed drop
        ("parties", 0.97, True),
        ("overall", 0.95, True),
        ("hallucination_rate", 0.01, False),
        ("hallucination_rate", 0.05, True),  # lower is better: a rise is the drop
    ],
)
def test_baseline(run: RunFile, field: str, value: float, failed: bool) -> None:
    failures = check_gate(lowered(run, field, value), baseline=run, max_drop=0.02)
    assert bool(failures) is failed
    if failed:
        assert failures[0].startswith(field) and "worse by" in failures[0]


def test_gate_message_is_one_line() -> None:
    message = gate_message(["parties 0.700 < 0.800", "overall 0.400 < 0.500"])
    assert message == "eval gate failed: parties 0.700 < 0.800; overall 0.400 < 0.500"
