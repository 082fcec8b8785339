"""The Ray worker without Ray: a batch in, one record per row out, the runner's own records."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from summarize.batch import BatchRunner
from summarize.distributed import PromptFile, SummarizeWorker, WorkerConfig
from summarize.pipeline import Summarizer
from summarize.prompts import load_prompt
from summarize.testing import Faults, FaultServer, fake_articles

from .conftest import MakeConfig

MakeWorker = Callable[[WorkerConfig], SummarizeWorker]
TIMINGS = ("latency_s", "model_latency_s")
"""Differ between any two runs of the same article."""


@pytest.fixture
async def make_worker() -> AsyncIterator[MakeWorker]:
    made: list[SummarizeWorker] = []

    def make(config: WorkerConfig) -> SummarizeWorker:
        made.append(SummarizeWorker(config))
        return made[-1]

    yield make
    for worker in made:
        await worker.aclose()


def batch_of(count: int, **extra: list[Any]) -> dict[str, np.ndarray]:
    articles = list(fake_articles(count))
    columns = {"id": [a.id for a in articles], "text": [a.text for a in articles], **extra}
    return {name: np.array(values, dtype=object) for name, values in columns.items()}


def without_timings(record: dict[str, Any]) -> dict[str, Any]:
    metadata = {k: v for k, v in record["metadata"].items() if k not in TIMINGS}
    return {**record, "metadata": metadata}


async def test_rows_come_back_in_order_with_their_records_and_other_columns(
    fake_config: MakeConfig, make_worker: MakeWorker
) -> None:
    batch = batch_of(5, lang=["en", "de", "en", "fr", "en"])
    with FaultServer() as server:
        out = await make_worker(fake_config(server))(batch)
    assert list(out["id"]) == list(batch["id"])
    assert list(out["lang"]) == list(batch["lang"])
    assert "text" not in out, "the article text is not carried on"
    assert list(out["status"]) == ["ok"] * 5
    records = [json.loads(r) for r in out["record"]]
    assert [r["headline"] for r in records] == [f"Deal {i}" for i in batch["id"]]
    assert [r["metadata"]["article_id"] for r in records] == list(batch["id"])
    assert all(out["prompt_tokens"] > 0) and all(out["completion_tokens"] > 0)
    assert np.isnan(out["cost"]).all(), "the fake model has no price"


async def test_records_are_those_the_single_machine_runner_writes(
    fake_config: MakeConfig, make_worker: MakeWorker, fake_prompt: Path
) -> None:
    batch = batch_of(4)
    with FaultServer() as server:
        config = fake_config(server, require_deal=True)
        out = await make_worker(config)(batch)
        summarizer = Summarizer(
            endpoint=config.endpoint, prompt=str(fake_prompt), grounding="off", retry=config.retry
        )
        runner = BatchRunner(summarizer, concurrency=4, require_deal=True)
        alone = {r.id: r.record() async for r in runner.run(fake_articles(4))}
        await summarizer.aclose()
    for article_id, line in zip(out["id"], out["record"], strict=True):
        assert without_timings(json.loads(line)) == without_timings(alone[article_id])


async def test_bad_input_becomes_an_error_record_and_skipped_rows_stay_bare(
    fake_config: MakeConfig, make_worker: MakeWorker
) -> None:
    batch = batch_of(4, problem=[None, "in.jsonl:2: bad JSONL line: oops", None, None])
    batch["text"][2] = "   "
    batch["skip"] = np.array([False, False, False, True])
    with FaultServer() as server:
        out = await make_worker(fake_config(server))(batch)
        requests = server.stats().get("ok", 0)
    assert list(out["status"]) == ["ok", "error", "error", "skipped"]
    assert requests == 1, "only the good article reached the model"
    bad_line, empty = (json.loads(out["record"][i])["error"] for i in (1, 2))
    assert bad_line["type"] == empty["type"] == "InputError"
    assert "bad JSONL line" in bad_line["message"]
    assert "is empty" in empty["message"]
    assert out["record"][3] == "" and out["id"][3] == batch["id"][3]
    assert {"problem", "skip"}.isdisjoint(out)


async def test_concurrent_batches_share_one_worker_s_requests_in_flight(
    fake_config: MakeConfig, make_worker: MakeWorker
) -> None:
    with FaultServer(latency_s=0.05) as server:
        worker = make_worker(fake_config(server, concurrency_per_worker=6))
        batches = [batch_of(40)] * 3
        outs = await asyncio.gather(*(worker(b) for b in batches))
        peak = server.stats()["peak_in_flight"]
    assert peak == 6
    assert all(list(out["status"]) == ["ok"] * 40 for out in outs)


async def test_a_transient_failure_is_marked_so_a_resume_retries_it(
    fake_config: MakeConfig, make_worker: MakeWorker
) -> None:
    with FaultServer(faults=Faults(rate=1.0, mix={"503": 1})) as server:
        out = await make_worker(fake_config(server))(batch_of(2))
    assert list(out["status"]) == ["error", "error"]
    assert list(out["transient"]) == [True, True]
    assert json.loads(out["record"][0])["error"]["transient"] is True


def test_a_prompt_travels_as_its_bytes_and_keeps_its_fingerprint(
    fake_prompt: Path, tmp_path: Path
) -> None:
    prompt = load_prompt(str(fake_prompt))
    copy = PromptFile.of(prompt).load(tmp_path)
    assert copy.path != prompt.path
    assert (copy.name, copy.version, copy.fingerprint) == (
        prompt.name, prompt.version, prompt.fingerprint,
    )  # fmt: skip
