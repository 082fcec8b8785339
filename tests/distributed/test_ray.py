"""summarize_dataset and the Ray it runs on: records beside the caller's columns, loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize import summarize_dataset
from summarize.distributed import worker_config
from summarize.exceptions import ConfigError
from summarize.testing import FaultServer, fake_articles

from .conftest import MakeConfig


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"provider": "local"}, "needs a model server"),
        ({"base_url": "http://127.0.0.1:9/v1", "cache": "shared"}, "--cache-dir"),
    ],
    ids=["embedded-model", "shared-cache-without-folder"],
)
def test_settings_that_cannot_work_on_a_cluster_fail_on_the_driver(
    options: dict[str, object], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match=message):
        worker_config(**options)  # type: ignore[arg-type]


def test_rate_limits_are_shared_out_between_the_workers(fake_prompt: Path) -> None:
    config = worker_config(
        base_url="http://127.0.0.1:9/v1", model="m", prompt=str(fake_prompt), num_workers=4,
        rpm=600, tpm=1_000_000,
    )  # fmt: skip
    assert (config.rpm, config.tpm) == (150, 250_000)


@pytest.mark.ray
def test_a_dataset_gets_its_records_beside_its_own_columns(
    ray_cluster: str, fake_config: MakeConfig, fake_prompt: Path, fast_retry: object
) -> None:
    import ray

    articles = list(fake_articles(60))
    rows = [{"id": a.id, "text": a.text, "outlet": f"wire-{i % 3}"} for i, a in enumerate(articles)]
    with FaultServer(process=True) as server:
        config = fake_config(server)
        out = summarize_dataset(
            ray.data.from_items(rows), endpoint=config.endpoint, prompt=str(fake_prompt),
            grounding="off", retry=fast_retry, cache="off", concurrency_per_worker=8,
        ).take_all()  # fmt: skip
    assert sorted(r["id"] for r in out) == [a.id for a in articles]
    for row in out:
        assert row["outlet"] == f"wire-{int(row['id'][-3:]) % 3}"
        assert row["status"] == "ok"
        assert json.loads(row["record"])["metadata"]["article_id"] == row["id"]
        assert "text" not in row


@pytest.mark.ray
def test_a_local_ray_listens_on_loopback_only(ray_cluster: str) -> None:
    import ray

    assert ray_cluster.startswith("127.0.0.1:")
    assert {node["NodeManagerAddress"] for node in ray.nodes()} == {"127.0.0.1"}
