"""What the progress bar and the closing summary line say."""

from __future__ import annotations

from pathlib import Path

from summarize.batch import BatchStats
from summarize.batch.progress import count_inputs, progress_fields, summary_line
from summarize.schema import Usage


def test_count_inputs_counts_lines_and_article_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    folder = tmp_path / "news"
    (folder / "deep").mkdir(parents=True)
    for name in ("one.txt", "two.html", "deep/three.md", "notes.pdf"):
        (folder / name).write_text("text")
    assert count_inputs([tmp_path / "a.jsonl", folder, tmp_path / "single.txt"]) == 6
    assert count_inputs([folder, "-"]) is None


def test_summary_line_and_fields_show_counts_tokens_and_cost() -> None:
    stats = BatchStats(succeeded=7, failed=1, cached=2, skipped=5, duplicates=1, cost=0.01234)
    stats.usage = Usage(prompt_tokens=12_000, completion_tokens=800)
    line = summary_line(stats, Path("out/run.jsonl"))
    for part in ("7 summarized", "1 failed", "2 from cache", "5 already in run.jsonl",
                 "1 duplicate ids skipped", "12,800 tokens (12,000 in, 800 out)", "$0.0123",
                 "-> out/run.jsonl"):  # fmt: skip
        assert part in line
    assert progress_fields(stats) == {
        "tokens": "12,800", "cost": "$0.0123", "notes": "[red]1 failed[/red] 2 cached",
    }  # fmt: skip


def test_an_unknown_price_shows_as_unknown() -> None:
    assert "$?" in summary_line(BatchStats(cost=None), None)
