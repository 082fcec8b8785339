"""Ray throughput against the single-process runner at the same total concurrency.

    python benchmarks/ray.py                          # 2 workers x 16 and x 32, at 200 ms
    python benchmarks/ray.py --workers 2 --per-worker 32 --latency 0.2 --seconds 15

Both runs talk to the same loopback fake server (summarize.testing, its own process) with a
fixed latency, so the ideal is total concurrency / latency articles per second. The Ray run
is the whole `summarize run --engine ray` path (read the JSONL, workers, driver, shards) on
a local Ray; its rate is given end to end (worker start-up included) and in the steady state
(first request to last record). Ray's overhead per article is the CPU time of every process
of the run (driver, workers, raylet, GCS) per article once requests flow, less the single
process's, and the wall time per article it adds at that concurrency.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# ray package, in this process and in every Ray worker that inherits the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402

from summarize.distributed import (  # noqa: E402
    ShardedOutput,
    SummarizeWorker,
    start_ray,
    worker_config,
)
from summarize.providers import Endpoint  # noqa: E402
from summarize.testing import FaultServer, fake_articles  # noqa: E402


def _load_batch_benchmark():  # type: ignore[no-untyped-def]
    """benchmarks/batch.py, for its prompt and its single-process run."""
    spec = importlib.util.spec_from_file_location("bench_batch", HERE / "batch.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


batch = _load_batch_benchmark()
TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> dict[int, float]:
    """CPU seconds of ``root`` and of every process below it, by pid.

    Ray's processes (GCS, raylet, workers) are children of the driver that started them;
    one that has ended is no longer listed.
    """
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / TICKS
    tree = {}
    for pid, seconds in cpu.items():
        walk = pid
        while walk not in (0, 1, root) and walk in parents:
            walk = parents[walk]
        if walk == root:
            tree[pid] = seconds
    return tree


def spent_s(before: dict[int, float], after: dict[int, float], leave_out: set[int]) -> float:
    """CPU seconds spent between two ``tree_cpu`` readings, by the processes not left out."""
    return sum(s - before.get(pid, 0.0) for pid, s in after.items() if pid not in leave_out)


@dataclass
class RayFigures:
    workers: int
    per_worker: int
    articles: int
    seconds: float
    steady_rate: float
    """From the first request the server saw to the last record."""
    startup_s: float
    """Reading, starting the workers, their first imports: once per run."""
    cpu_ms_per_article: float
    latency_s: float

    @property
    def ideal(self) -> float:
        return self.workers * self.per_worker / self.latency_s

    def line(self) -> str:
        rate = self.articles / self.seconds
        return (
            f"ray {self.workers} x {self.per_worker:>2}:        {rate:7.1f} articles/s "
            f"= {rate / self.ideal:.2f} x ideal end to end, {self.steady_rate / self.ideal:.2f}"
            f" x ideal from the first request ({self.startup_s:.1f}s in); CPU of all the "
            f"run's processes {self.cpu_ms_per_article:.2f} ms/article"
        )


def timed_worker(folder: Path) -> type[SummarizeWorker]:
    """A worker that notes its own CPU time after each batch, in ``folder/<pid>``.

    Ray ends a run's workers before the driver can read their CPU from /proc, so they say it
    themselves: from the start of their first batch (their imports left out) to their last.
    """

    class TimedWorker(SummarizeWorker):
        first_cpu: float | None = None

        async def __call__(self, batch: Any) -> Any:
            if self.first_cpu is None:
                self.first_cpu = time.process_time()
            out = await super().__call__(batch)
            with (folder / str(os.getpid())).open("a") as note:
                note.write(f"{self.first_cpu} {time.process_time()}\n")
            return out

    return TimedWorker


def workers_cpu_s(folder: Path) -> tuple[float, set[int]]:
    """The workers' CPU seconds over their batches, and their pids."""
    total, pids = 0.0, set()
    for note in folder.iterdir():
        first, last = note.read_text().splitlines()[-1].split()
        total += float(last) - float(first)
        pids.add(int(note.name))
    return total, pids


def run_ray(
    server: FaultServer, prompt: Path, tmp: Path, workers: int, per_worker: int, count: int,
    latency_s: float, server_pid: int,
) -> RayFigures:  # fmt: skip
    from summarize.distributed.driver import run_to_shards

    source = tmp / f"in-{workers}x{per_worker}.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for article in fake_articles(count, filler=batch.FILLER):
            handle.write(json.dumps({"id": article.id, "text": article.text}) + "\n")
    endpoint = Endpoint(
        provider="openai", model="fake-model", base_url=server.url, api_key="bench", mode="json"
    )
    config = worker_config(
        endpoint=endpoint, prompt=str(prompt), grounding="off", cache="off",
        concurrency_per_worker=per_worker, num_workers=workers,
    )  # fmt: skip
    notes = tmp / f"cpu-{workers}x{per_worker}"
    notes.mkdir()
    first: list[tuple[float, dict[int, float]]] = []  # the server's first request, the CPU then
    done = threading.Event()
    served = server.stats().get("ok", 0)

    def watch() -> None:
        while not done.wait(0.02):
            if server.stats().get("ok", 0) > served:
                first.append((time.perf_counter(), tree_cpu(os.getpid())))
                return

    threading.Thread(target=watch, daemon=True).start()
    started = time.perf_counter()
    with ShardedOutput(tmp / f"out-{workers}x{per_worker}", resume=False) as shards:
        outcome = run_to_shards(
            [str(source)], shards, config, total=count, num_workers=workers,
            worker_class=timed_worker(notes),
        )  # fmt: skip
    ended = time.perf_counter()
    done.set()
    if outcome.stats.failed or outcome.missing:
        raise SystemExit(f"{outcome.stats.failed} failed, {outcome.missing} missing")
    worker_s, worker_pids = workers_cpu_s(notes)
    # The driver and Ray's own processes (raylet, GCS), the workers left out: they said theirs.
    first_at, first_tree = first[0]
    rest_s = spent_s(first_tree, tree_cpu(os.getpid()), {server_pid, *worker_pids})
    return RayFigures(
        workers, per_worker, count, ended - started, count / (ended - first_at),
        first_at - started, (worker_s + rest_s) / count * 1000, latency_s,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--per-worker", type=int, nargs="*", default=[16, 32])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per request")
    parser.add_argument("--seconds", type=float, default=15.0, help="ideal length of a run")
    args = parser.parse_args()
    load = os.getloadavg()
    with (
        tempfile.TemporaryDirectory() as folder,
        FaultServer(latency_s=args.latency, process=True, max_lifetime_s=3600) as server,
    ):
        tmp = Path(folder)
        prompt = tmp / "bench-json.j2"
        prompt.write_text(batch.PROMPT, encoding="utf-8")
        assert server._child is not None
        server_pid = server._child.pid
        print(
            f"{os.cpu_count()} CPUs, load {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}, latency "
            f"{args.latency * 1000:.0f} ms, fake articles of "
            f"~{len(next(fake_articles(1, filler=batch.FILLER)).text)} chars",
            flush=True,
        )
        t0 = time.perf_counter()
        start_ray(num_cpus=os.cpu_count(), object_store_mb=512)
        print(f"local Ray started in {time.perf_counter() - t0:.1f}s (once per cluster)")
        for per_worker in args.per_worker:
            total = args.workers * per_worker
            count = int(total / args.latency * args.seconds)
            single_cpu = tree_cpu(os.getpid())  # counted as Ray's is
            articles = fake_articles(count, filler=batch.FILLER)
            job = batch.run_once(
                server.url, prompt, tmp / "single.jsonl", total, articles, count, args.latency
            )
            single = asyncio.run(job)
            single_s = spent_s(single_cpu, tree_cpu(os.getpid()), {server_pid})
            single_tree_ms = single_s / count * 1000
            print(f"single process {single.line()}", flush=True)
            figures = run_ray(
                server, prompt, tmp, args.workers, per_worker, count, args.latency,
                server_pid,
            )  # fmt: skip
            print(figures.line(), flush=True)
            steady_wall = count / figures.steady_rate
            print(
                f"  Ray's overhead per article: {figures.cpu_ms_per_article - single_tree_ms:+.2f}"
                f" ms of CPU, {(steady_wall - single.seconds) / count * 1000:+.2f} ms of wall "
                f"time at {total} in flight (plus {figures.startup_s:.1f}s once per run)",
                flush=True,
            )
    print(f"load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
