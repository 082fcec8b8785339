"""The shared cache: a summary per content address, whole or absent, from any process."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from summarize.batch import cache_key
from summarize.batch.sharedcache import SharedCache
from summarize.exceptions import ConfigError
from summarize.schema import DealSummary, RunMetadata, Usage

SETTINGS = {"provider": "openai", "model": "m", "base_url": "http://x/v1", "prompt": "p"}


def summary(headline: str = "Deal a") -> DealSummary:
    meta = RunMetadata(
        provider="openai", model="m", prompt_name="p", prompt_version="1",
        usage=Usage(prompt_tokens=10, completion_tokens=2), article_id="a",
    )  # fmt: skip
    return DealSummary(headline=headline, deal_type=None, status=None, metadata=meta)


def test_a_summary_put_is_got_back_by_its_key(tmp_path: Path) -> None:
    cache = SharedCache(tmp_path / "shared")
    key = cache_key("an article", SETTINGS)
    assert cache.get(key) is None
    cache.put(key, summary())
    assert cache.get(key) == summary()
    assert (cache.hits, cache.misses) == (1, 1)
    assert cache.path(key).relative_to(tmp_path / "shared").parts[:2] == (key[:2], key[2:4])
    assert not list((tmp_path / "shared").rglob("*.tmp")), "no temporary file is left"


def test_an_entry_of_an_older_schema_is_a_miss(tmp_path: Path) -> None:
    cache = SharedCache(tmp_path)
    key = cache_key("an article", SETTINGS)
    cache.path(key).parent.mkdir(parents=True)
    cache.path(key).write_text('{"headline": 3, "parties": "none"}')
    assert cache.get(key) is None


def _put_many(root: Path, worker: int) -> None:
    cache = SharedCache(root)
    for i in range(50):
        cache.put(cache_key(f"article {i}", SETTINGS), summary(f"Deal {i}"))


def test_processes_writing_the_same_keys_leave_whole_entries(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_put_many, args=(tmp_path, n)) for n in range(2)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=60)
    cache = SharedCache(tmp_path)
    found = [cache.get(cache_key(f"article {i}", SETTINGS)) for i in range(50)]
    assert [s.headline if s else None for s in found] == [f"Deal {i}" for i in range(50)]


def test_a_folder_that_cannot_be_made_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(ConfigError, match="cannot use"):
        SharedCache(tmp_path / "file" / "cache")
