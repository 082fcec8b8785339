"""Never pay twice for the same answer: a content-addressed store of summaries in SQLite.

The key is a hash of the article text and everything that changes the answer
(``Summarizer.settings()``: provider, model, endpoint, prompt name and version, grounding) plus
this package's version. WAL mode and a busy timeout make it safe for several processes
writing at once; a write is one short transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from summarize.exceptions import ConfigError
from summarize.schema import DealSummary

CACHE_FILE = "results.sqlite"
BUSY_TIMEOUT_MS = 30_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt TEXT NOT NULL,
    summary TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
)
"""


@cache
def package_version() -> str:
    """Part of every key: an upgrade may change answers, so it starts a fresh cache."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("summarize")
    except PackageNotFoundError:
        return "source"


def default_cache_path() -> Path:
    """``results.sqlite`` in the user cache dir (or ``SUMMARIZE_CACHE_DIR``)."""
    from summarize.providers.embedded import cache_dir

    return cache_dir() / CACHE_FILE


def cache_key(text: str, settings: Mapping[str, Any]) -> str:
    """The content address of one article under one configuration."""
    settings = dict(settings)
    if settings.get("provider") == "local":
        # The embedded server listens on a fresh loopback port each time: not a setting.
        settings.pop("base_url", None)
    material = json.dumps(
        {"settings": settings, "version": package_version(), "text": text},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def decode_summary(data: str | bytes | None) -> DealSummary | None:
    """A cached summary, or None when there is none or it was written by an older schema
    (a miss: the fresh answer replaces it)."""
    if data is None:
        return None
    try:
        return DealSummary.model_validate_json(data)
    except ValueError:
        return None


class SummaryCache(Protocol):
    """What the runner needs of a cache: summaries by content address."""

    def get(self, key: str) -> DealSummary | None: ...

    def put(self, key: str, summary: DealSummary) -> None: ...


@dataclass(frozen=True)
class CacheStats:
    """What the cache holds, for ``summarize cache stats``."""

    path: Path
    entries: int
    size_bytes: int
    by_model: dict[str, int]
    prompt_tokens: int
    completion_tokens: int


class ResultCache:
    """Summaries by content address; open one per process (or per thread)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            self._db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise ConfigError(
                f"cannot use the result cache at {self.path} ({exc}); "
                "delete it or run with --no-cache"
            ) from None
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> DealSummary | None:
        row = self._db.execute("SELECT summary FROM results WHERE key = ?", (key,)).fetchone()
        summary = decode_summary(row[0] if row else None)
        if summary is None:
            self.misses += 1
        else:
            self.hits += 1
        return summary

    def put(self, key: str, summary: DealSummary) -> None:
        meta = summary.metadata
        usage = meta.usage if meta else None
        self._db.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                meta.provider if meta else "",
                meta.model if meta else "",
                f"{meta.prompt_name}@{meta.prompt_version}" if meta else "",
                summary.model_dump_json(),
                usage.prompt_tokens if usage else 0,
                usage.completion_tokens if usage else 0,
                time.time(),
            ),
        )

    def stats(self) -> CacheStats:
        entries, prompt_tokens, completion_tokens = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0) "
            "FROM results"
        ).fetchone()
        by_model = dict(
            self._db.execute(
                "SELECT provider || '/' || model || ' ' || prompt, COUNT(*) FROM results "
                "GROUP BY provider, model, prompt ORDER BY COUNT(*) DESC"
            ).fetchall()
        )
        size = sum(
            p.stat().st_size
            for p in (self.path, self.path.with_name(self.path.name + "-wal"))
            if p.exists()
        )
        return CacheStats(self.path, entries, size, by_model, prompt_tokens, completion_tokens)

    def clear(self, *, model: str | None = None) -> int:
        """Delete every entry (or one model's); returns how many went."""
        if model is None:
            removed = self._db.execute("DELETE FROM results").rowcount
        else:
            removed = self._db.execute("DELETE FROM results WHERE model = ?", (model,)).rowcount
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.execute("VACUUM")
        return removed

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
