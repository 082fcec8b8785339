"""A folder of JSONL shards, each an ``OutputLog``: exactly once across all of them.

A distributed run writes its records from one place, the driver, which receives every
finished batch anyway: each shard is appended a flushed record at a time, as ``summarize
run --out`` does, so a run killed at any moment resumes from whole lines. On opening, every
existing shard is resumed with ``OutputLog``'s own rules (a torn last line cut, transient
error records taken out to be retried); a new run never appends to an old shard but starts
the next ``part-NNNNN.jsonl``, and a shard is closed for a fresh one every
``records_per_shard`` records, so downstream readers get files of a bounded size.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

from summarize.batch.resume import OutputLog, lock_file
from summarize.exceptions import ConfigError

SHARD_PATTERN = re.compile(r"part-(\d{5,})\.jsonl")
LOCK_NAME = ".summarize.lock"
RECORDS_PER_SHARD = 100_000


class ShardedOutput:
    """Append-only shards in ``folder``; ``done``/``retrying`` say what a resumed run skips."""

    def __init__(
        self, folder: Path, *, resume: bool = True, records_per_shard: int = RECORDS_PER_SHARD
    ) -> None:
        self.folder = folder
        self.resume = resume
        self.records_per_shard = records_per_shard
        self.done: set[str] = set()
        """Ids with a summary or a permanent error in some shard."""
        self.retrying: set[str] = set()
        """Ids whose only records were transient errors, taken out to be tried again."""
        self.kept_errors = 0
        self.torn_bytes = 0
        self.written = 0
        self._lock: IO[bytes] | None = None
        self._log: OutputLog | None = None
        self._in_shard = 0
        self._next = 0

    def shards(self) -> list[Path]:
        """The shards in the folder, in the order they were written."""
        found = [p for p in self.folder.iterdir() if SHARD_PATTERN.fullmatch(p.name)]
        return sorted(found, key=lambda p: int(SHARD_PATTERN.fullmatch(p.name)[1]))  # type: ignore[index]

    def open(self) -> ShardedOutput:
        if self.folder.exists() and not self.folder.is_dir():
            raise ConfigError(
                f"{self.folder} is a file; a distributed run writes a folder of shards there"
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = (self.folder / LOCK_NAME).open("a+b")
        lock_file(self._lock, self.folder)
        shards = self.shards()
        for shard in shards:
            if not self.resume:
                shard.unlink()
                continue
            with OutputLog(shard) as log:
                self.done |= log.done
                self.retrying |= log.retrying
                self.kept_errors += log.kept_errors
                self.torn_bytes += log.torn_bytes
        self.retrying -= self.done
        if shards:
            self._next = int(SHARD_PATTERN.fullmatch(shards[-1].name)[1]) + 1  # type: ignore[index]
        return self

    def write_line(self, line: str) -> None:
        """One record, serialized already; a new shard when the current one is full."""
        if self._log is None or self._in_shard >= self.records_per_shard:
            self._rotate()
        assert self._log is not None
        self._log.write_line(line)
        self._in_shard += 1
        self.written += 1

    def _rotate(self) -> None:
        if self._log is not None:
            self._log.close()
        path = self.folder / f"part-{self._next:05d}.jsonl"
        self._next += 1
        self._log = OutputLog(path, resume=False).open()
        self._in_shard = 0

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> ShardedOutput:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()
