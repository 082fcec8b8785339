"""Exactly once: a run killed with SIGKILL and started again writes every id once, none missing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.batch import OutputLog, done_ids, iter_records, record_id
from summarize.batch.resume import is_transient_record
from summarize.exceptions import ConfigError
from summarize.testing import FaultServer, fake_articles

SUMMARY = {"headline": "h", "metadata": {"article_id": "a1", "provider": "p"}}
ERROR = {"id": "a2", "source": "in.jsonl:2", "error": {"type": "InputError"}}


def write_lines(path: Path, *records: dict[str, object], tail: bytes = b"") -> None:
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in records) + tail)


@pytest.mark.parametrize(
    ("record", "expected"), [(SUMMARY, "a1"), (ERROR, "a2"), ({"headline": "no id"}, None)]
)
def test_record_id_reads_summaries_and_error_records(
    record: dict[str, object], expected: str | None
) -> None:
    assert record_id(record) == expected


@pytest.mark.parametrize(
    ("records", "tail", "ids"),
    [
        ((SUMMARY, ERROR), b"", {"a1", "a2"}),
        ((SUMMARY, ERROR), b'{"id": "a3", "sou', {"a1", "a2"}),
        ((), b'{"id": "a3"', set()),
        ((), b"", set()),
    ],
)
def test_a_torn_last_line_is_cut_before_appending(
    tmp_path: Path, records: tuple[dict[str, object], ...], tail: bytes, ids: set[str]
) -> None:
    out = tmp_path / "out.jsonl"
    write_lines(out, *records, tail=tail)
    with OutputLog(out) as log:
        assert log.done == ids
        assert log.torn_bytes == len(tail)
        log.write({"id": "a4", "error": {}})
    lines = out.read_bytes().splitlines(keepends=True)
    assert all(line.endswith(b"\n") for line in lines)
    assert done_ids(out) == ids | {"a4"}


TRANSIENT = {"id": "a3", "error": {"type": "ProviderError", "cause": "APIConnectionError",
              "message": "local/m: connection failed", "transient": True}}  # fmt: skip
LEGACY_TRANSIENT = {"id": "a5", "error": {"type": "ProviderError", "cause": "InternalServerError",
                    "message": "local/m: HTTP 500: boom after 4 attempts"}}  # fmt: skip
LEGACY_PERMANENT = {"id": "a6", "error": {"type": "ProviderError", "cause": "validation",
                    "message": "the model kept returning output that does not fit"}}  # fmt: skip


@pytest.mark.parametrize(
    ("record", "transient"),
    [(SUMMARY, False), (ERROR, False), (TRANSIENT, True), (LEGACY_TRANSIENT, True),
     (LEGACY_PERMANENT, False)],
)  # fmt: skip
def test_transient_errors_are_told_from_permanent_ones(
    record: dict[str, object], transient: bool
) -> None:
    assert is_transient_record(record) is transient


def test_resume_retries_transient_errors_and_keeps_permanent_ones(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_lines(out, SUMMARY, TRANSIENT, ERROR, LEGACY_TRANSIENT, LEGACY_PERMANENT)
    with OutputLog(out) as log:
        assert log.done == {"a1", "a2", "a6"}
        assert log.retrying == {"a3", "a5"}
        assert log.kept_errors == 2
        log.write({"id": "a3", "headline": "now summarized"})
    ids = [record_id(r) for r in iter_records(out)]
    assert sorted(ids) == ["a1", "a2", "a3", "a6"], "each id once, the transient errors gone"
    assert not list(tmp_path.glob(".out.jsonl.resume-*")), "no temporary file left behind"


def test_a_transient_error_after_a_summary_is_not_retried(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_lines(out, {**TRANSIENT, "id": "a1"}, SUMMARY)
    with OutputLog(out) as log:
        assert log.done == {"a1"}
        assert log.retrying == set()


def test_no_resume_starts_the_file_over(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_lines(out, SUMMARY, ERROR)
    with OutputLog(out, resume=False) as log:
        assert log.done == set()
        log.write({"id": "b"})
    assert done_ids(out) == {"b"}


def test_two_runs_cannot_append_to_one_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with OutputLog(out), pytest.raises(ConfigError, match="another summarize run"):
        OutputLog(out).open()


def test_a_file_that_is_not_jsonl_is_not_resumed(tmp_path: Path) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("dear diary\n")
    with pytest.raises(ConfigError, match="--no-resume"):
        OutputLog(out).open()


def wait_for_lines(path: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        if process.poll() is not None:
            pytest.fail(f"the run ended early: {process.stderr.read().decode()}")  # type: ignore[union-attr]
        time.sleep(0.05)
    pytest.fail(f"{path} never reached {count} lines")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("options", "torn"), [([], False), (["--no-cache"], True)], ids=["cache", "no-cache-torn"]
)
def test_sigkill_then_rerun_writes_every_id_exactly_once(
    tmp_path: Path,
    fake_cli_args: Callable[[FaultServer], list[str]],
    options: list[str],
    torn: bool,
) -> None:
    articles = list(fake_articles(150))
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles))
    out = tmp_path / "out.jsonl"
    with FaultServer(latency_s=0.01) as server:
        command = [
            sys.executable, "-m", "summarize", "run", str(source), "-o", str(out), "-c", "4",
            *fake_cli_args(server), *options,
        ]  # fmt: skip
        first = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        wait_for_lines(out, 30, first)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        assert first.returncode == -signal.SIGKILL
        written = out.read_bytes().count(b"\n")
        assert written < len(articles), "the run finished before it was killed"
        if torn:
            with out.open("ab") as handle:
                handle.write(b'{"headline": "Deal art-0')
        second = subprocess.run(command, capture_output=True, timeout=120)
    assert second.returncode == 0, second.stderr.decode()
    assert f"resuming: {written} articles already in" in second.stderr.decode()
    lines = out.read_bytes().splitlines()
    ids = Counter(record_id(json.loads(line)) for line in lines)
    assert ids == Counter(a.id for a in articles)


@pytest.mark.slow
def test_a_server_killed_mid_batch_then_a_rerun_summarizes_every_article_once(
    tmp_path: Path, fake_cli_args: Callable[[FaultServer], list[str]]
) -> None:
    """The server dies after a few answers; the rest become transient error records; the same
    command, once a server answers again, redoes exactly those and keeps the rest."""
    articles = list(fake_articles(20))
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles))
    out = tmp_path / "out.jsonl"

    def command(server: FaultServer) -> list[str]:
        return [
            sys.executable, "-m", "summarize", "run", str(source), "-o", str(out), "-c", "2",
            "--no-cache", *fake_cli_args(server),
        ]  # fmt: skip

    with FaultServer(latency_s=0.2, process=True) as dying:
        first = subprocess.Popen(command(dying), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        wait_for_lines(out, 5, first)
        assert dying._child is not None
        os.kill(dying._child.pid, signal.SIGKILL)
        _, stderr = first.communicate(timeout=120)
    assert first.returncode == 1, stderr.decode()
    records = list(iter_records(out))
    failed = [r for r in records if "error" in r]
    assert failed and all(is_transient_record(r) for r in failed), failed[:1]
    assert "transient, retried by a rerun" in stderr.decode()

    with FaultServer() as alive:
        second = subprocess.run(command(alive), capture_output=True, timeout=120)
    assert second.returncode == 0, second.stderr.decode()
    assert f"retrying {len(failed)} that failed for a transient reason" in second.stderr.decode()
    final = list(iter_records(out))
    assert Counter(record_id(r) for r in final) == Counter(a.id for a in articles)
    assert not [r for r in final if "error" in r]
