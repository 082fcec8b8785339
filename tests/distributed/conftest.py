"""Distributed tests: workers on the loopback fault server, Ray where a test needs it."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from summarize.articles import Article
from summarize.batch.resume import iter_records, record_id
from summarize.distributed import WorkerConfig, worker_config
from summarize.providers import Endpoint
from summarize.retry import RetryPolicy
from summarize.testing import FaultServer

MakeConfig = Callable[..., WorkerConfig]


@pytest.fixture
def fake_config(fake_prompt: Path, fast_retry: RetryPolicy) -> MakeConfig:
    """WorkerConfigs for a fake server (``server``), with short timeouts and retry waits."""

    def make(server: FaultServer, *, timeout_s: float = 5.0, **options: Any) -> WorkerConfig:
        endpoint = Endpoint(
            provider="openai", model="fake-model", base_url=server.url, api_key="test",
            mode="json", timeout_s=timeout_s,
        )  # fmt: skip
        defaults: dict[str, Any] = {
            "prompt": str(fake_prompt), "grounding": "off", "retry": fast_retry, "cache": "off",
        }  # fmt: skip
        return worker_config(endpoint=endpoint, **{**defaults, **options})

    return make


def write_jsonl(path: Path, articles: Iterable[Article]) -> Path:
    path.write_text(
        "".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles),
        encoding="utf-8",
    )
    return path


def shard_ids(folder: Path) -> Counter[str | None]:
    """How many records each id has across a folder's shards."""
    return Counter(
        record_id(record) for shard in sorted(folder.glob("part-*.jsonl"))
        for record in iter_records(shard)
    )  # fmt: skip
