"""``summarize show``: a run file and its articles in, an evidence page out."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import summarize.cli  # noqa: F401  (registers commands)
from summarize.cli.app import app
from summarize.schema import DealSummary

from .conftest import ARTICLE_TEXT


def _write_run(path: Path, *summaries: DealSummary) -> Path:
    lines = [json.dumps(s.model_dump(mode="json")) for s in summaries]
    lines.append(
        json.dumps(
            {
                "id": "broken",
                "source": "broken.txt",
                "error": {"type": "ProviderError", "message": "x"},
            }
        )
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_show_writes_a_page_for_each_matched_article(
    tmp_path: Path, full_summary: DealSummary
) -> None:
    (tmp_path / "nordlys.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    orphan = full_summary.model_copy(
        update={"metadata": full_summary.metadata.model_copy(update={"article_id": "gone"})}
    )  # type: ignore[union-attr]
    run = _write_run(tmp_path / "run.jsonl", full_summary, orphan)
    out = tmp_path / "view.html"
    result = CliRunner().invoke(
        app, ["show", str(run), str(tmp_path / "nordlys.txt"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count('<section class="article"') == 1
    # The run was never grounded (no spans): show grounds it (flag policy) to draw highlights.
    assert page.count("<mark ") >= 11
    assert "skipping" in result.output and "gone" in result.output and "broken" in result.output


def test_show_refuses_a_run_with_no_matching_article(
    tmp_path: Path, full_summary: DealSummary
) -> None:
    (tmp_path / "other.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    run = _write_run(tmp_path / "run.jsonl", full_summary)
    result = CliRunner().invoke(
        app, ["show", str(run), str(tmp_path / "other.txt"), "--out", str(tmp_path / "v.html")]
    )
    assert result.exit_code != 0
    assert "no summary matched an article" in str(result.exception)
    assert not (tmp_path / "v.html").exists()


def test_show_refuses_a_file_that_is_not_a_run(tmp_path: Path) -> None:
    (tmp_path / "nordlys.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    run = tmp_path / "run.jsonl"
    run.write_text('{"headline": 3}\n', encoding="utf-8")
    result = CliRunner().invoke(
        app, ["show", str(run), str(tmp_path / "nordlys.txt"), "--out", str(tmp_path / "v.html")]
    )
    assert "run.jsonl:1: not a DealSummary" in str(result.exception)
