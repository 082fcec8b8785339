"""A distributed run on a local Ray: exactly once through faults, resumes and killed workers."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarize.distributed import ShardedOutput, SummarizeWorker, WorkerConfig
from summarize.retry import RetryPolicy
from summarize.testing import Faults, FaultServer, fake_articles

from .conftest import MakeConfig, shard_ids, write_jsonl

ray = pytest.importorskip("ray", reason="needs the ray extra")
from summarize.distributed.driver import RunOutcome, run_to_shards  # noqa: E402

pytestmark = pytest.mark.ray
ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests/


def run(
    files: list[str], out: Path, config: WorkerConfig, total: int, **options: Any
) -> tuple[RunOutcome, ShardedOutput]:
    with ShardedOutput(out) as shards:
        outcome = run_to_shards(files, shards, config, total=total, num_workers=2, **options)
    return outcome, shards


@pytest.fixture
def big_jsonl(tmp_path: Path) -> str:
    return str(write_jsonl(tmp_path / "big.jsonl", fake_articles(1000)))


def test_a_thousand_articles_through_twenty_percent_faults_then_a_resume(
    ray_cluster: str, fake_config: MakeConfig, big_jsonl: str, tmp_path: Path
) -> None:
    out = tmp_path / "shards"
    everyone = {a.id for a in fake_articles(1000)}
    faults = Faults(rate=0.2, retry_after_s=0.05, slow_s=0.05, hang_s=1.0, seed=3)
    two_tries = RetryPolicy(attempts=2, initial_wait_s=0.01, max_wait_s=0.05, jitter_s=0.0)
    with FaultServer(faults=faults, latency_s=0.005, process=True) as server:
        config = fake_config(server, timeout_s=0.5, concurrency_per_worker=16, retry=two_tries)
        first, _ = run([big_jsonl], out, config, total=1000)
        ids = shard_ids(out)
        assert ids.keys() == everyone, "every article has a record"
        assert set(ids.values()) == {1}, "and only one"
        assert (first.passes, first.missing, first.failure) == (1, 0, None)
        assert first.stats.succeeded + first.stats.failed == 1000
        transient = first.stats.transient
        assert transient >= 5, "two tries against 20% faults leave some transient failures"

        second, shards = run([big_jsonl], out, fake_config(server, timeout_s=0.5), total=1000)
        faulted = server.stats()
    assert len(shards.retrying) == transient
    assert second.stats.skipped == 1000 - transient
    assert second.stats.done == transient, "only the transient failures ran again"
    assert second.stats.transient < transient
    ids = shard_ids(out)
    assert ids.keys() == everyone and set(ids.values()) == {1}
    assert sum(v for k, v in faulted.items() if k not in ("ok", "peak_in_flight")) > 150


@ray.remote(num_cpus=0)
class Registry:
    """The workers, as each starts (a replacement registers too); kills them on request."""

    def __init__(self) -> None:
        self.handles: list[Any] = []

    def add(self, handle: list[Any]) -> None:
        self.handles.append(handle[0])

    def kill_first(self, restart: bool) -> None:
        ray.kill(self.handles[0], no_restart=not restart)

    def count(self) -> int:
        return len(self.handles)

    def kill_all(self) -> None:
        """A worker Ray Data still waits on after a kill for good would hold its CPU for
        the rest of the session: end them all."""
        for handle in self.handles:
            ray.kill(handle)


class RegisteredWorker(SummarizeWorker):
    def __init__(self, config: WorkerConfig) -> None:
        super().__init__(config)
        me = ray.get_runtime_context().current_actor
        ray.get(ray.get_actor("summarize-test-registry").add.remote([me]))


@pytest.fixture
def registry(ray_cluster: str) -> Iterator[Any]:
    actor = Registry.options(name="summarize-test-registry").remote()
    yield actor
    ray.get(actor.kill_all.remote())
    ray.kill(actor)


def kill_after(server: FaultServer, requests: int, registry: Any, *, restart: bool) -> None:
    """From a second thread: once the server has answered ``requests``, kill a worker as a
    crash would (Ray restarts it in a new process and resends its unfinished blocks)."""

    def watch() -> None:
        while server.stats().get("ok", 0) < requests:
            threading.Event().wait(0.02)
        ray.get(registry.kill_first.remote(restart))

    threading.Thread(target=watch, daemon=True).start()


@pytest.mark.parametrize("restart", [True, False], ids=["restarted", "for-good"])
def test_a_worker_killed_mid_run_is_replaced_and_the_run_ends_exactly_once(
    registry: Any, fake_config: MakeConfig, big_jsonl: str, tmp_path: Path, restart: bool
) -> None:
    out = tmp_path / "shards"
    with FaultServer(latency_s=0.05, process=True) as server:
        config = fake_config(server, concurrency_per_worker=8)
        kill_after(server, 300, registry, restart=restart)
        outcome, _ = run([big_jsonl], out, config, total=1000, worker_class=RegisteredWorker)
        served = server.stats()["ok"]
    ids = shard_ids(out)
    assert ids.keys() == {a.id for a in fake_articles(1000)}
    assert set(ids.values()) == {1}
    assert (outcome.missing, outcome.failure) == (0, None)
    assert served > 1000, "the killed worker's unfinished articles were summarized again"
    started = ray.get(registry.count.remote())
    if restart:  # Ray restarts it in a new process and resends its blocks: one pass
        assert (outcome.passes, started) == (1, 3)
    else:  # gone for good: its blocks come back missing, the next pass has a new pool
        assert (outcome.passes, started) == (2, 4)


def test_a_shared_cache_answers_a_rerun_into_another_folder(
    ray_cluster: str, fake_config: MakeConfig, tmp_path: Path
) -> None:
    source = str(write_jsonl(tmp_path / "in.jsonl", fake_articles(200)))
    with FaultServer(latency_s=0.01, process=True) as server:
        config = fake_config(server, cache="shared", cache_path=tmp_path / "shared")
        first, _ = run([source], tmp_path / "a", config, total=200)
        asked = server.stats()["ok"]
        second, _ = run([source], tmp_path / "b", config, total=200)
        assert server.stats()["ok"] == asked, "the second run asked the model nothing"
    assert (first.stats.cached, second.stats.cached) == (0, 200)
    assert second.stats.usage.total_tokens == 0

    def records(folder: Path) -> dict[str, str]:
        lines = [line for p in folder.glob("part-*.jsonl") for line in p.read_text().splitlines()]
        return {json.loads(line)["metadata"]["article_id"]: line for line in lines}

    assert records(tmp_path / "b") == records(tmp_path / "a")
