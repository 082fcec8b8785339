"""``summarize consolidate runs.jsonl --out deals.jsonl`` end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli.app import app
from summarize.exceptions import InputError

from .conftest import deal, money


@pytest.fixture
def run_file(tmp_path: Path) -> Path:
    summaries = [
        deal(
            ("Acme", "acquirer"),
            ("Bolt", "target"),
            article_id="a",
            amount=money(2e9, "$2 billion", quote="pays $2 billion"),
        ),
        deal(("Acme", "acquirer"), ("Bolt", "target"), article_id="b", status="completed"),
        deal(("Dyna", "acquirer"), ("Cobalt", "target"), article_id="c"),
    ]
    lines = [json.dumps(s.model_dump(mode="json")) for s in summaries]
    lines.insert(1, json.dumps({"id": "x", "source": "x.txt", "error": {"message": "timeout"}}))
    path = tmp_path / "runs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(app, ["consolidate", *args])


def test_consolidate_writes_one_record_per_deal(run_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "deals.jsonl"
    result = invoke(str(run_file), "--out", str(out))
    assert result.exit_code == 0, result.output
    deals = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["article_ids"] for d in deals] == [["a", "b"], ["c"]]
    assert deals[0]["amount"]["support"][0]["quote"] == "pays $2 billion"
    assert "3 summaries → 2 deals" in result.output and "skipped 1 error line" in result.output
    assert re.search(r"\(read \d+\.\d s, group \d+\.\d s, merge \d+\.\d s\)", result.output)


def test_consolidate_prints_to_stdout_and_writes_html(run_file: Path, tmp_path: Path) -> None:
    html = tmp_path / "deals.html"
    articles = tmp_path / "a.txt"
    articles.write_text("Acme agreed to buy Bolt; Acme pays $2 billion in cash for it.", "utf-8")
    dates = tmp_path / "dates.yaml"
    dates.write_text("a: 2024-01-02\nb: 2024-03-01\n", encoding="utf-8")
    result = invoke(
        str(run_file), "--html", str(html), "--articles", str(articles), "--dates", str(dates)
    )
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout.splitlines()[0])
    assert [e["date"] for e in first["status_timeline"]] == ["2024-01-02", "2024-03-01"]
    assert "<mark>pays $2 billion</mark>" not in html.read_text(encoding="utf-8")  # no spans
    assert "pays $2 billion" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a: [1, 2]\n", "a: ['1', '2'] is not a YYYY-MM-DD date"),
        ("- a\n", "write one 'article-id: 2024-05-01' per line"),
        ("a: 2024-13-01\n", "a: '2024-13-01' is not a YYYY-MM-DD date"),
        (b"a: 2024-01-02 caf\xe9\n", "not UTF-8 text"),
    ],
)
def test_bad_dates_file_is_one_line_error(
    run_file: Path, tmp_path: Path, content: str | bytes, message: str
) -> None:
    dates = tmp_path / "dates.yaml"
    dates.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = invoke(str(run_file), "--dates", str(dates))
    assert isinstance(result.exception, InputError)
    assert message in str(result.exception)
