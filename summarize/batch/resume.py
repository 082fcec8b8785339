"""Exactly-once output: a JSONL file appended one flushed record at a time, resumable after a kill.

Each record goes out in a single ``write`` to a file opened with O_APPEND and no buffering,
so a process killed at any moment leaves whole lines, at worst followed by one partial
line, which the next run cuts off before appending. The ids already in the file are the
articles the next run skips. A lock on the file keeps two runs from appending to it at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from summarize.exceptions import ConfigError

try:
    import fcntl
except ImportError:  # Windows: no advisory lock, the rest works
    fcntl = None  # type: ignore[assignment]


def record_id(record: Mapping[str, Any]) -> str | None:
    """The article id of an output record: a summary's or an error record's."""
    if isinstance(record.get("id"), str):
        return record["id"]
    metadata = record.get("metadata")
    if isinstance(metadata, Mapping) and isinstance(metadata.get("article_id"), str):
        return metadata["article_id"]
    return None


def iter_records(path: Path) -> Iterator[dict[str, Any]]:
    """Complete records of a JSONL output file (a torn last line is left out)."""
    with path.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                return
            if line.strip():
                record = json.loads(line)
                if isinstance(record, dict):
                    yield record


def done_ids(path: Path) -> set[str]:
    """Ids that already have a record in ``path``."""
    if not path.exists():
        return set()
    try:
        return {rid for record in iter_records(path) if (rid := record_id(record)) is not None}
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path} is not a JSONL output file of this tool ({exc}); "
            "choose another --out or pass --no-resume to replace it"
        ) from None


def _cut_torn_tail(handle: IO[bytes]) -> int:
    """Drop a partial last line left by a killed writer; returns the bytes removed."""
    size = handle.seek(0, os.SEEK_END)
    if size == 0:
        return 0
    handle.seek(size - 1)
    if handle.read(1) == b"\n":
        return 0
    chunk = 1 << 16
    end = size
    while end > 0:
        start = max(0, end - chunk)
        handle.seek(start)
        data = handle.read(end - start)
        newline = data.rfind(b"\n")
        if newline >= 0:
            keep = start + newline + 1
            break
        end = start
    else:
        keep = 0
    handle.truncate(keep)
    return size - keep


class OutputLog:
    """Append-only JSONL output that knows which ids it already holds."""

    def __init__(self, path: Path, *, resume: bool = True) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None
        self.torn_bytes = 0
        self.resume = resume
        self.done: set[str] = set()

    def open(self) -> OutputLog:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+b", buffering=0)
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                raise ConfigError(
                    f"another summarize run is writing to {self.path}; wait for it or choose "
                    "another --out"
                ) from None
        if self.resume:
            self.torn_bytes = _cut_torn_tail(handle)
            self.done = done_ids(self.path)
        else:
            handle.truncate(0)
        self._handle = handle
        return self

    def write(self, record: Mapping[str, Any]) -> None:
        """One record, one write: whole on disk (in the page cache) when this returns."""
        assert self._handle is not None, "open() the OutputLog first"
        data = memoryview((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        while data:  # a raw write may be short; finish the line before returning
            data = data[self._handle.write(data) or 0 :]

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()  # also releases the lock
            self._handle = None

    def __enter__(self) -> OutputLog:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()
