"""Shards: resumed with OutputLog's rules across every file, a new shard per run, one writer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.distributed import ShardedOutput
from summarize.exceptions import ConfigError

from .conftest import shard_ids

OK = {"headline": "h", "metadata": {"article_id": "a1"}}
TRANSIENT = {"id": "a2", "error": {"type": "ProviderError", "cause": "APIConnectionError",
             "message": "connection failed", "transient": True}}  # fmt: skip
PERMANENT = {"id": "a3", "error": {"type": "InputError", "cause": "input", "transient": False}}


def write_shard(folder: Path, name: str, *records: dict[str, object], tail: bytes = b"") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    (folder / name).write_bytes(lines + tail)


def test_resume_reads_every_shard_and_retries_transient_errors(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_shard(out, "part-00000.jsonl", OK, TRANSIENT)
    write_shard(out, "part-00001.jsonl", PERMANENT, tail=b'{"id": "a4", "he')
    with ShardedOutput(out) as shards:
        assert shards.done == {"a1", "a3"}
        assert shards.retrying == {"a2"}
        assert (shards.kept_errors, shards.torn_bytes) == (1, len(b'{"id": "a4", "he'))
        shards.write_line(json.dumps({"id": "a2", "headline": "now"}))
    assert sorted(p.name for p in out.glob("part-*")) == [
        "part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl",
    ]  # fmt: skip
    assert shard_ids(out) == {"a1": 1, "a2": 1, "a3": 1}


def test_a_transient_error_in_one_shard_and_a_summary_in_another_is_done(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_shard(out, "part-00000.jsonl", {**TRANSIENT, "id": "a1"})
    write_shard(out, "part-00001.jsonl", OK)
    with ShardedOutput(out) as shards:
        assert (shards.done, shards.retrying) == ({"a1"}, set())
    assert shard_ids(out) == {"a1": 1}


def test_a_full_shard_is_closed_for_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with ShardedOutput(out, records_per_shard=2) as shards:
        for i in range(5):
            shards.write_line(json.dumps({"id": f"a{i}"}))
    sizes = [len(p.read_text().splitlines()) for p in sorted(out.glob("part-*.jsonl"))]
    assert sizes == [2, 2, 1]


def test_no_resume_removes_the_old_shards_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_shard(out, "part-00000.jsonl", OK)
    (out / "notes.txt").write_text("mine")
    with ShardedOutput(out, resume=False) as shards:
        assert shards.done == set()
        shards.write_line(json.dumps(PERMANENT))
    assert shard_ids(out) == {"a3": 1}
    assert (out / "notes.txt").read_text() == "mine"


def test_two_runs_cannot_write_one_folder(tmp_path: Path) -> None:
    with (
        ShardedOutput(tmp_path / "out"),
        pytest.raises(ConfigError, match="another summarize run is writing to"),
    ):
        ShardedOutput(tmp_path / "out").open()


def test_a_file_is_not_a_folder_of_shards(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_text("")
    with pytest.raises(ConfigError, match="is a file"):
        ShardedOutput(tmp_path / "out.jsonl").open()
