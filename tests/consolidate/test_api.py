"""consolidate() inputs, and reading a run file in two passes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarize.articles import Article
from summarize.consolidate import api, consolidate, iter_deals, read_runs
from summarize.consolidate.api import RunFile
from summarize.exceptions import InputError
from summarize.schema import DealSummary

from .conftest import deal


@pytest.fixture
def reports() -> dict[str, DealSummary]:
    return {
        "a": deal(("Acme", "acquirer"), ("Bolt", "target"), article_id="a"),
        "b": deal(("Acme", "acquirer"), ("Bolt", "target"), article_id="b"),
        "c": deal(("Dyna", "acquirer"), ("Cobalt", "target"), article_id="c"),
    }


def ids(deals: Any) -> list[list[str]]:
    return [d.article_ids for d in deals]


def test_summaries_by_id_bare_or_with_articles_give_the_same_deals(
    reports: dict[str, DealSummary],
) -> None:
    expected = [["a", "b"], ["c"]]
    assert ids(consolidate(reports)) == expected
    assert ids(consolidate(list(reports.values()))) == expected
    pairs = [(Article(k, "text", k), s) for k, s in reports.items()]
    assert ids(consolidate(pairs)) == expected
    assert ids(iter_deals(reports)) == expected


def test_summaries_without_ids_are_numbered() -> None:
    bare = [deal(("Acme", "acquirer"), ("Bolt", "target")) for _ in range(2)]
    assert ids(consolidate(bare)) == [["summary-1", "summary-2"]]


def test_repeated_ids_are_refused(reports: dict[str, DealSummary]) -> None:
    with pytest.raises(InputError, match="two summaries have the article id 'a'"):
        consolidate([reports["a"], reports["a"]])


def test_summaries_without_a_deal_are_left_out(reports: dict[str, DealSummary]) -> None:
    nothing = deal(deal_type=None, status=None)
    assert ids(consolidate({**reports, "none": nothing})) == [["a", "b"], ["c"]]


def write_run(path: Path, records: list[Any]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def messy_run(tmp_path: Path, reports: dict[str, DealSummary]) -> Path:
    """A run file with an error record, a blank line, bad lines, a repeat and a non-deal."""
    records = [s.model_dump(mode="json") for s in reports.values()]
    return write_run(
        tmp_path / "run.jsonl",
        [
            records[0],
            {"id": "x", "source": "x.txt", "error": {"type": "ProviderError", "message": "boom"}},
            "",
            records[1],
            "not json",
            {"headline": 3},
            records[1],
            {**records[2], "source": "c.txt"},
            deal(deal_type=None, status=None).model_dump(mode="json"),
        ],
    )


def test_a_run_file_is_read_in_two_passes_with_problems_counted(messy_run: Path) -> None:
    deals, stats = read_runs(messy_run)
    assert ids(deals) == [["a", "b"], ["c"]]
    assert (stats.lines, stats.summaries, stats.errors, stats.invalid) == (8, 4, 1, 2)
    assert (stats.duplicates, stats.no_deal, stats.deals) == (1, 1, 2)
    assert stats.first_problem == "line 5 is not JSON"


@pytest.mark.parametrize("workers", [2, 3, 9])
def test_pieces_read_by_several_processes_add_up_to_one_reading(
    messy_run: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pass 1 split at line starts: same deals, counts, first problem and line numbers."""
    alone = RunFile(messy_run)
    one = list(alone.lines(workers=1))
    monkeypatch.setattr(api, "SPLIT_BYTES", 1)
    split = RunFile(messy_run)
    assert len(split._pieces(messy_run.stat().st_size, workers)) > 1
    assert list(split.lines(workers=workers)) == one
    assert split.stats == alone.stats


def test_reading_a_file_matches_consolidating_in_memory(
    tmp_path: Path, reports: dict[str, DealSummary]
) -> None:
    path = write_run(tmp_path / "run.jsonl", [s.model_dump(mode="json") for s in reports.values()])
    from_file = [d.model_dump() for d in read_runs(path)[0]]
    assert from_file == [d.model_dump() for d in consolidate(reports)]


@pytest.mark.parametrize("name", ["nope.jsonl", "."])
def test_a_missing_run_file_or_a_directory_is_one_line_error(tmp_path: Path, name: str) -> None:
    deals, _ = read_runs(tmp_path / name)
    with pytest.raises(InputError, match=r"cannot read "):
        list(deals)


def test_worker_processes_give_the_same_lines_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "BATCH", 2)
    summaries = [
        deal((f"Buyer{i % 4}", "acquirer"), (f"Target{i % 7}", "target"), article_id=f"r{i}")
        for i in range(12)
    ]
    path = write_run(tmp_path / "run.jsonl", [s.model_dump(mode="json") for s in summaries])
    alone, together = RunFile(path), RunFile(path)
    one = list(alone.lines(workers=1))
    assert list(together.lines(workers=2)) == one
    assert alone.stats == together.stats and together.stats.deals == len(one) > 2
    assert together.stats.groups == len(one)  # known before the first deal: a progress total
    assert [json.loads(line)["article_ids"] for line in one] == [
        d.article_ids for d in consolidate(summaries)
    ]


def test_a_line_that_is_not_utf8_is_counted_not_fatal(
    tmp_path: Path, reports: dict[str, DealSummary]
) -> None:
    path = tmp_path / "run.jsonl"
    good = reports["a"].model_dump_json().encode()
    path.write_bytes(b'{"headline": "caf\xe9"}\n' + good + b"\n")
    deals, stats = read_runs(path)
    assert ids(deals) == [["a"]]
    assert (stats.invalid, stats.first_problem) == (1, "line 1 is not UTF-8 text")


def test_a_file_changed_between_the_passes_is_one_line_error(
    tmp_path: Path, reports: dict[str, DealSummary]
) -> None:
    more = [
        deal((f"Buyer{i}", "acquirer"), (f"Target{i}", "target"), article_id=f"r{i}")
        for i in range(100)  # past the reader's buffer
    ]
    summaries = [*reports.values(), *more]
    path = write_run(tmp_path / "run.jsonl", [s.model_dump(mode="json") for s in summaries])
    deals, _ = read_runs(path)
    first = next(iter(deals))
    assert first.article_ids == ["a", "b"]
    path.write_bytes(b"x" * path.stat().st_size)  # rewritten while pass 2 reads it
    with pytest.raises(InputError, match="changed while it was being read"):
        list(deals)
