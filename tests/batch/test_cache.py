"""The result cache: one answer per text and settings, shared safely by concurrent processes."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarize.batch import ResultCache, cache_key
from summarize.cli import app
from summarize.exceptions import ConfigError
from summarize.schema import DealSummary, RunMetadata, Usage

SETTINGS = {
    "provider": "openai", "model": "gpt-4o-mini", "base_url": "", "prompt": "deal-structured",
    "prompt_version": "1", "grounding": "flag",
}  # fmt: skip


def summary(article_id: str = "a", model: str = "gpt-4o-mini") -> DealSummary:
    meta = RunMetadata(
        provider="openai", model=model, prompt_name="deal-structured", prompt_version="1",
        usage=Usage(prompt_tokens=100, completion_tokens=20), article_id=article_id,
    )  # fmt: skip
    return DealSummary(headline=f"Deal {article_id}", deal_type=None, status=None, metadata=meta)


@pytest.mark.parametrize(
    "change",
    [
        {"text": "another article"},
        {"model": "gpt-4o"},
        {"prompt_version": "2"},
        {"grounding": "strict"},
        {"base_url": "http://localhost:8000/v1"},
        {"provider": "local"},
    ],
)
def test_anything_that_changes_the_answer_changes_the_key(change: dict[str, str]) -> None:
    text = change.pop("text", "an article")
    assert cache_key(text, {**SETTINGS, **change}) != cache_key("an article", SETTINGS)


def test_the_embedded_servers_port_is_not_part_of_the_key() -> None:
    local = {**SETTINGS, "provider": "local"}
    first = cache_key("text", {**local, "base_url": "http://127.0.0.1:41001/v1"})
    assert first == cache_key("text", {**local, "base_url": "http://127.0.0.1:52002/v1"})


def test_put_then_get_returns_the_same_summary() -> None:
    with ResultCache() as cache:
        assert cache.get("k") is None
        cache.put("k", summary())
        assert cache.get("k") == summary()
        assert (cache.hits, cache.misses) == (1, 1)


def test_a_row_from_an_older_schema_is_a_miss(isolated_cache: Path) -> None:
    with ResultCache() as cache:
        cache.put("k", summary())
        cache._db.execute("UPDATE results SET summary = '{\"headline\": 1}'")
        assert cache.get("k") is None


def test_stats_and_clear(isolated_cache: Path) -> None:
    with ResultCache() as cache:
        for i in range(3):
            cache.put(f"a{i}", summary(f"a{i}"))
        cache.put("b", summary("b", model="gpt-4o"))
        info = cache.stats()
        assert info.path == isolated_cache / "results.sqlite"
        assert (info.entries, info.prompt_tokens, info.completion_tokens) == (4, 400, 80)
        assert info.by_model == {
            "openai/gpt-4o-mini deal-structured@1": 3,
            "openai/gpt-4o deal-structured@1": 1,
        }
        assert cache.clear(model="gpt-4o") == 1
        assert cache.clear() == 3
        assert cache.stats().entries == 0


def test_a_broken_cache_file_says_how_to_recover(isolated_cache: Path) -> None:
    (isolated_cache / "results.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(ConfigError, match="--no-cache"):
        ResultCache()


def write_many(path: Path, prefix: str, count: int) -> None:
    with ResultCache(path) as cache:
        for i in range(count):
            cache.put(f"{prefix}-{i}", DealSummary(headline=str(i), deal_type=None, status=None))


def test_concurrent_writer_processes_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    fork = multiprocessing.get_context("fork")  # children start with the modules loaded
    writers = [fork.Process(target=write_many, args=(path, f"w{n}", 150)) for n in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0, 0, 0]
    with ResultCache(path) as cache:
        assert cache.stats().entries == 600
        assert cache.get("w3-149") is not None


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["cache", "stats"], "entries: 2"), (["cache", "clear"], "removed 2 entries")],
)
def test_cache_commands(args: list[str], expected: Any) -> None:
    with ResultCache() as cache:
        cache.put("x", summary("x"))
        cache.put("y", summary("y"))
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert expected in result.output
