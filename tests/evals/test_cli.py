"""``summarize eval`` and ``summarize eval diff`` end to end with a fake summarizer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summarize.cli
import summarize.pipeline
from summarize.cli.app import app
from summarize.evals.dataset import Dataset
from summarize.evals.oracle import summary_from_labels
from summarize.exceptions import ConfigError
from summarize.schema import DealStatus

from .conftest import FakeSummarizer


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, mini: Dataset) -> dict[str, Any]:
    """Swap the real Summarizer for canned answers; the dict holds the answers and the options."""
    state: dict[str, Any] = {"answers": {c.id: summary_from_labels(c.labels) for c in mini.cases}}

    def fake(**options: Any) -> FakeSummarizer:
        state["options"] = options
        return FakeSummarizer(state["answers"])

    monkeypatch.setattr(summarize.pipeline, "Summarizer", fake)
    return state


def invoke(*args: str):
    return CliRunner().invoke(app, ["eval", *args])


def test_eval_writes_run_markdown_and_html(cli: dict, mini_dir: Path, tmp_path: Path) -> None:
    out, md, html = tmp_path / "run.json", tmp_path / "r.md", tmp_path / "r.html"
    result = invoke(
        "--dataset", str(mini_dir), "--model", "m1", "--prompt", "deal-structured",
        "-c", "2", "--out", str(out), "--markdown", str(md), "--report", str(html),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "overall 1.000" in result.output and "parties" in result.output
    assert json.loads(out.read_text())["totals"]["overall"] == 1.0
    assert md.read_text().startswith("## Eval: mini")
    assert "<details" in html.read_text()
    assert cli["options"]["model"] == "m1" and cli["options"]["prompt"] == "deal-structured"
    assert cli["options"]["concurrency"] == 2


def test_gate_min_score_fails_with_one_line(cli: dict, mini_dir: Path) -> None:
    cli["answers"]["acme-widget"].status = DealStatus.rumored
    result = invoke(
        "--dataset", str(mini_dir), "--min-score", "status=0.9", "--min-score", "parties=0.9"
    )
    assert result.exit_code == 1
    assert "eval gate failed: status 0.500 < 0.900" in result.output
    assert "parties" not in result.output.split("eval gate failed")[1]


def test_gate_baseline(cli: dict, mini_dir: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    assert invoke("--dataset", str(mini_dir), "--out", str(base)).exit_code == 0
    assert invoke("--dataset", str(mini_dir), "--baseline", str(base)).exit_code == 0
    cli["answers"]["acme-widget"].status = DealStatus.rumored
    result = invoke("--dataset", str(mini_dir), "--baseline", str(base), "--max-drop", "0.02")
    assert result.exit_code == 1 and "status 1.000→0.500" in result.output


def test_diff_command(cli: dict, mini_dir: Path, tmp_path: Path) -> None:
    base, new = tmp_path / "base.json", tmp_path / "new.json"
    invoke("--dataset", str(mini_dir), "--out", str(base))
    cli["answers"]["acme-widget"].status = DealStatus.rumored
    invoke("--dataset", str(mini_dir), "--out", str(new))
    result = invoke("diff", str(base), str(new))
    assert result.exit_code == 0, result.output
    assert "base.json → new.json" in result.output and "acme-widget" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--replay", "--record"], "exclude each other"),
        (["--min-score", "colour=1"], "FIELD=VALUE"),
        (["--dataset", "no-such-dataset"], "no dataset"),
    ],
)
def test_usage_errors_before_any_model_call(cli: dict, args: list[str], message: str) -> None:
    result = invoke(*args)
    assert isinstance(result.exception, ConfigError) and message in str(result.exception)
    assert "options" not in cli


def test_bad_run_file_for_diff(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = invoke("diff", str(bad), str(bad))
    assert "not an eval run file" in str(result.exception)
