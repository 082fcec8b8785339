"""Exactly-once output: a JSONL file appended one flushed record at a time, resumable after a kill.

Each record goes out in a single ``write`` to a file opened with O_APPEND and no buffering,
so a process killed at any moment leaves whole lines, at worst followed by one partial
line, which the next run cuts off before appending. The ids already in the file are the
articles the next run skips, except those whose error was transient (the server was down,
slow or crashed): their error records are taken out, atomically, and the articles are tried
again. A lock on the file keeps two runs from appending to it at once.
"""

from __future__ import annotations

import json
import os
import re
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


_TRANSIENT_CAUSES = frozenset(
    {"APIConnectionError", "APITimeoutError", "RateLimitError", "InternalServerError",
     "JSONDecodeError", "server_crashed", "server_failing"}
)  # fmt: skip
_TRANSIENT_MESSAGE = re.compile(r"HTTP (?:429|5\d\d)\b|connection failed|timed out|crashed")


def is_transient_record(record: Mapping[str, Any]) -> bool:
    """True for an error record whose cause another run may cure.

    Records carry ``error.transient``; files written before it existed are judged by the
    cause and message they recorded.
    """
    error = record.get("error")
    if not isinstance(error, Mapping):
        return False
    if isinstance(error.get("transient"), bool):
        return error["transient"]
    if error.get("type") != "ProviderError":
        return False
    return error.get("cause") in _TRANSIENT_CAUSES or bool(
        _TRANSIENT_MESSAGE.search(str(error.get("message") or ""))
    )


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


def _read_ids(path: Path) -> tuple[set[str], set[str], int]:
    """Ids with a lasting record, ids with only transient errors, and permanent error count."""
    done: set[str] = set()
    transient: set[str] = set()
    errors: set[str] = set()
    if not path.exists():
        return done, transient, 0
    try:
        for record in iter_records(path):
            if (rid := record_id(record)) is None:
                continue
            if is_transient_record(record):
                transient.add(rid)
            else:
                done.add(rid)
                if "error" in record:
                    errors.add(rid)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path} is not a JSONL output file of this tool ({exc}); "
            "choose another --out or pass --no-resume to replace it"
        ) from None
    return done, transient - done, len(errors)


def done_ids(path: Path) -> set[str]:
    """Ids a resumed run skips: those with a summary or a permanent error in ``path``."""
    return _read_ids(path)[0]


def lock_file(handle: IO[bytes], path: Path) -> None:
    """Hold an exclusive lock on an open file, or say which run holds it (ConfigError)."""
    if fcntl is None:
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise ConfigError(
            f"another summarize run is writing to {path}; wait for it or choose another --out"
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
        """Ids this run skips: a summary or a permanent error is already in the file."""
        self.retrying: set[str] = set()
        """Ids whose only record was a transient error, taken out so this run tries again."""
        self.kept_errors = 0
        """Permanent error records left in place (bad input, no deal)."""

    def open(self) -> OutputLog:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+b", buffering=0)
        lock_file(handle, self.path)
        if self.resume:
            self.torn_bytes = _cut_torn_tail(handle)
            self.done, self.retrying, self.kept_errors = _read_ids(self.path)
            if self.retrying:
                handle = self._drop_transient_errors(handle)
        else:
            handle.truncate(0)
        self._handle = handle
        return self

    def _drop_transient_errors(self, old: IO[bytes]) -> IO[bytes]:
        """Rewrite the file without its transient error records, never losing a line.

        The new file is written beside the old one, flushed and locked *before* it replaces
        the old name, so a kill at any moment leaves one whole file and no second run can
        slip in between.
        """
        tmp = self.path.with_name(f".{self.path.name}.resume-{os.getpid()}")
        new = tmp.open("w+b", buffering=0)
        lock_file(new, tmp)
        try:
            with self.path.open("rb") as source:
                for line in source:
                    record = json.loads(line) if line.strip() else None
                    if (
                        isinstance(record, dict)
                        and is_transient_record(record)
                        and record_id(record) in self.retrying
                    ):
                        continue
                    new.write(line)
            os.fsync(new.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            new.close()
            tmp.unlink(missing_ok=True)
            raise
        old.close()
        return new

    def write(self, record: Mapping[str, Any]) -> None:
        """One record, one write: whole on disk (in the page cache) when this returns."""
        self.write_line(json.dumps(record, ensure_ascii=False))

    def write_line(self, line: str) -> None:
        """A record already serialized (by a worker elsewhere), written as ``write`` does."""
        assert self._handle is not None, "open() the OutputLog first"
        assert "\n" not in line, "a record is one line"
        data = memoryview((line + "\n").encode("utf-8"))
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
