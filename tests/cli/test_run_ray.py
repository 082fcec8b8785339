"""``summarize run --engine ray``: shards written exactly once, resumed, bad options refused."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.batch.resume import iter_records, record_id
from summarize.testing import Faults, FaultServer, fake_articles

from .conftest import Result


def write_input(path: Path, count: int) -> Path:
    lines = (json.dumps({"id": a.id, "text": a.text}) for a in fake_articles(count))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def shard_ids(folder: Path) -> Counter[str | None]:
    return Counter(
        record_id(r) for shard in folder.glob("part-*.jsonl") for r in iter_records(shard)
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "pass --out DIR"),
        (["-", "--out", "{tmp}/o"], "stdin is not one"),
        (["--out", "{tmp}/o", "--max-cost", "1"], "--max-cost is not enforced"),
        (["--out", "{tmp}/o", "--html", "{tmp}/v.html"], "--html and --consolidate"),
        (["--out", "{tmp}/o", "{tmp}/missing.jsonl"], "no such file"),
    ],
    ids=["no-out", "stdin", "max-cost", "html", "missing-input"],
)
def test_options_a_cluster_cannot_honour_are_one_line_errors(
    cli: Callable[..., Result], tmp_path: Path, extra: list[str], message: str
) -> None:
    source = write_input(tmp_path / "in.jsonl", 3)
    args = [a.format(tmp=tmp_path) for a in extra]
    code, _, err = cli("run", source, "--engine", "ray", "--base-url", "http://x/v1", *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert "Traceback" not in err


def test_ray_options_need_the_ray_engine(cli: Callable[..., Result], tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl", 1)
    code, _, err = cli("run", source, "--ray-address", "auto", "--base-url", "http://x/v1")
    assert code == 2 and "need --engine ray" in err


def test_without_ray_installed_the_error_says_how_to_get_it(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    source = write_input(tmp_path / "in.jsonl", 1)
    code, _, err = cli(
        "run", source, "--engine", "ray", "--base-url", "http://x/v1", "--out", tmp_path / "o"
    )
    assert code == 2
    assert "pip install 'summarize[ray]'" in err


@pytest.mark.ray
def test_a_run_writes_each_id_once_and_a_rerun_resumes(
    ray_cluster: str,
    cli: Callable[..., Result],
    fake_cli_args: Callable[[FaultServer], list[str]],
    tmp_path: Path,
) -> None:
    source = write_input(tmp_path / "in.jsonl", 300)
    out = tmp_path / "shards"
    with FaultServer(latency_s=0.01, process=True) as server:
        args = ["run", source, "--engine", "ray", "--out", out, "-c", "8", *fake_cli_args(server)]
        first = cli(*args)
        second = cli(*args)
    assert first[0] == 0, first[2]
    assert "300 summarized, 0 failed" in first[2]
    assert first[1] == "", "records go to the shards, not stdout"
    assert second[0] == 0, second[2]
    assert "resuming: 300 articles already in" in second[2]
    assert "0 summarized, 0 failed, 300 already in shards" in second[2]
    assert shard_ids(out) == {a.id: 1 for a in fake_articles(300)}


@pytest.mark.ray
@pytest.mark.slow
def test_the_documented_command_on_its_own_local_ray(tmp_path: Path) -> None:
    """`summarize run big.jsonl --engine ray --base-url … --model fake --out shards/`, as in
    the README: it starts and stops a Ray of its own and ends with every id once."""
    pytest.importorskip("ray", reason="needs the ray extra")
    source = write_input(tmp_path / "big.jsonl", 200)
    out = tmp_path / "shards"
    faults = Faults(rate=0.2, hang_s=2.0, retry_after_s=0.05, seed=5)
    with FaultServer(faults=faults, latency_s=0.01, process=True) as server:
        done = subprocess.run(
            [sys.executable, "-m", "summarize", "run", str(source), "--engine", "ray",
             "--base-url", server.url, "--model", "fake", "--out", f"{out}/", "-c", "16"],
            capture_output=True, text=True, timeout=240,
        )  # fmt: skip
        faulted = sum(v for k, v in server.stats().items() if k not in ("ok", "peak_in_flight"))
    assert done.returncode in (0, 1), done.stderr  # 1: a transient failure is left to a rerun
    assert "200 summarized" in done.stderr or "failed (" in done.stderr, done.stderr
    assert shard_ids(out) == {a.id: 1 for a in fake_articles(200)}
    assert faulted >= 20
