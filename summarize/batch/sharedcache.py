"""A result cache many machines can share: one file per summary under a common folder.

The SQLite cache (``cache.py``) is safe for several processes on one machine, but SQLite's
locking does not hold on network filesystems, so a cluster cannot share it. This store needs
nothing but a folder every worker mounts (NFS, EFS, Filestore, a bucket through a FUSE
mount): each summary is written to a temporary name and renamed into place under its
content address (``cache_key``), so a reader sees a whole entry or none, and two workers
writing the same key write the same answer.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from summarize.batch.cache import decode_summary
from summarize.exceptions import ConfigError
from summarize.schema import DealSummary


class SharedCache:
    """Summaries by content address, as ``ROOT/ab/cd/<key>.json`` files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"cannot use {root} as a shared cache ({exc.strerror})") from None
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        """Two levels of fan-out keep folders small at millions of entries."""
        return self.root / key[:2] / key[2:4] / f"{key}.json"

    def get(self, key: str) -> DealSummary | None:
        try:
            data: bytes | None = self.path(key).read_bytes()
        except FileNotFoundError:
            data = None
        summary = decode_summary(data)
        if summary is None:
            self.misses += 1
        else:
            self.hits += 1
        return summary

    def put(self, key: str, summary: DealSummary) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{key}.{uuid.uuid4().hex}.tmp")
        try:
            tmp.write_text(summary.model_dump_json(), encoding="utf-8")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    def close(self) -> None:
        """Nothing is held open; here so both caches close the same way."""
