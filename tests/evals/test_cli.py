"""``summarize eval`` and ``summarize eval diff`` end to end with a fake summarizer."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
import yaml
from typer.testing import CliRunner

import summarize.cli
import summarize.pipeline
from summarize.cli.app import app
from summarize.evals.dataset import Dataset
from summarize.evals.oracle import summary_from_labels
from summarize.exceptions import ConfigError
from summarize.schema import DealStatus

from .conftest import LABELS, FakeSummarizer, log_version


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


def test_dev_and_test_side_by_side(cli: dict, split_dir: Path, tmp_path: Path) -> None:
    out, md, html = tmp_path / "run.json", tmp_path / "r.md", tmp_path / "r.html"
    cli["answers"]["tessellate-earnings"].status = DealStatus.announced
    result = invoke(
        "--dataset", str(split_dir), "--split", "dev,test",
        "--out", str(out), "--markdown", str(md), "--report", str(html),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "mini: dev (2 articles) vs test (1 articles)" in result.output
    assert re.search(r"status\s+1\.000\s+0\.000\s+-1\.000", result.output)
    runs = {p.name: json.loads(p.read_text()) for p in tmp_path.glob("run.*.json")}
    assert set(runs) == {"run.dev.json", "run.test.json"} and not out.exists()
    assert runs["run.test.json"]["config"]["frozen"] and runs["run.test.json"]["articles"]
    assert {p.name for p in tmp_path.glob("r.*.html")} == {"r.dev.html", "r.test.html"}
    text = md.read_text()
    assert text.startswith("## Generalisation: mini") and "## Eval: mini/dev" in text
    assert "## Eval: mini/test frozen v1 · " in text
    assert "tessellate" not in text.split("## Eval: mini/test")[1]  # test stays aggregate


def test_frozen_split_hides_articles_unless_asked(cli: dict, split_dir: Path) -> None:
    cli["answers"]["tessellate-earnings"] = RuntimeError("model went away")
    hidden = invoke("--dataset", str(split_dir), "--split", "test")
    assert hidden.exit_code == 0, hidden.output
    assert "tessellate" not in hidden.output and "1 errors" in hidden.output
    assert "per-article results hidden" in hidden.output
    shown = invoke("--dataset", str(split_dir), "--split", "test", "--show-articles")
    assert "tessellate-earnings: RuntimeError: model went away" in shown.output


def test_gates_take_one_split(cli: dict, split_dir: Path) -> None:
    result = invoke("--dataset", str(split_dir), "--split", "dev,test", "--min-score", "overall=1")
    assert isinstance(result.exception, ConfigError)
    assert "gate one split at a time" in str(result.exception)


def test_freeze_command(cli: dict, split_dir: Path) -> None:
    assert "nothing to freeze" in invoke("freeze", "-d", str(split_dir), "-s", "test").output
    (split_dir / "test" / "tessellate-earnings.yaml").write_text(
        yaml.safe_dump({"id": "tessellate-earnings", **LABELS["tessellate-earnings"], "notes": "n"})
    )
    refused = invoke("freeze", "--dataset", str(split_dir), "--split", "test")
    assert isinstance(refused.exception, ConfigError) and "## mini/test v2 (files" in str(
        refused.exception
    )
    log_version(split_dir, "test", 2, "Relabelled after a second reading.")
    done = invoke("freeze", "--dataset", str(split_dir), "--split", "test")
    assert done.exit_code == 0 and "froze mini/test v2: 2 files, digest " in done.output


def test_diff_of_frozen_runs(cli: dict, split_dir: Path, tmp_path: Path) -> None:
    base, new = tmp_path / "base.json", tmp_path / "new.json"
    invoke("--dataset", str(split_dir), "--split", "test", "--out", str(base))
    cli["answers"]["tessellate-earnings"].status = DealStatus.announced
    invoke("--dataset", str(split_dir), "--split", "test", "--out", str(new))
    hidden = invoke("diff", str(base), str(new))
    assert "tessellate" not in hidden.output and "1 articles moved" in hidden.output
    assert "tessellate-earnings" in invoke("diff", str(base), str(new), "--show-articles").output


def test_missing_articles_dir_is_one_line(
    seeds_without_texts: Path, capsys: pytest.CaptureFixture
) -> None:
    argv = ["summarize", "eval", "--dataset", str(seeds_without_texts)]
    with pytest.raises(SystemExit) as info, patch.object(sys, "argv", argv):
        summarize.cli.main()
    err = capsys.readouterr().err
    missing = seeds_without_texts.parent / "no-shared-folder" / "seeds"
    assert info.value.code == 2 and err.count("\n") == 1
    assert err.startswith(f"error: dataset 'seeds' reads its articles from {missing}, which does ")
