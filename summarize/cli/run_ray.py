"""``summarize run --engine ray``: the same records, written by a Ray cluster's workers.

The driver (``summarize.distributed.driver``) appends every finished batch's records to
the shards in ``--out DIR``, so the output keeps the single-machine guarantees: one record
per article, exactly once across resumes, transient failures retried by the next run, and
progress and cost shown as it goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from summarize.batch import PriceTable
from summarize.batch.cache import default_cache_path
from summarize.batch.progress import (
    batch_progress,
    count_inputs,
    progress_fields,
    resume_lines,
    summary_line,
)
from summarize.cli.app import err
from summarize.distributed.inputs import input_files, is_uri
from summarize.distributed.shards import ShardedOutput
from summarize.distributed.worker import CacheKind
from summarize.exceptions import ConfigError, SummarizeError

EXIT_FAILED = 1
LOCAL_OBJECT_STORE_MB = 512
"""Records are small and streamed: a local Ray needs little shared memory."""


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide to run."""

    address: str | None = None
    """None: start a Ray on this machine (loopback only) and stop it at the end."""
    workers: int | None = None
    """Worker actors; default one per CPU of the cluster."""
    concurrency: int = 16
    """Requests in flight per worker."""
    cache_dir: Path | None = None
    """A shared cache folder every worker mounts; None: each machine's SQLite cache."""
    no_cache: bool = False


def run_on_ray(
    paths: list[str],
    out: Path | None,
    ray_options: RayOptions,
    *,
    summarizer_options: dict[str, Any],
    rpm: float | None,
    tpm: float | None,
    prices: Path | None,
    no_resume: bool,
    max_bytes: int,
) -> None:
    """Summarize ``paths`` on Ray into shards in ``out``; exit 1 on failures or gaps."""
    if out is None:
        raise ConfigError("--engine ray writes a folder of JSONL shards: pass --out DIR")
    if "-" in paths:
        raise ConfigError("--engine ray reads files, folders and URIs; stdin is not one")
    files = input_files(paths)
    try:
        import ray
    except ImportError:
        raise ConfigError(
            "--engine ray needs Ray: pip install 'summarize[ray]' (on every machine of the cluster)"
        ) from None
    from summarize.distributed.driver import run_to_shards
    from summarize.distributed.ray import start_ray, worker_config

    total = None if any(is_uri(f) for f in files) else count_inputs(files)
    cache: CacheKind = "shared" if ray_options.cache_dir else "node"
    if ray_options.no_cache:
        cache = "off"
    local = ray_options.address is None
    output = ShardedOutput(out, resume=not no_resume).open()
    started = False
    try:
        started = start_ray(ray_options.address, object_store_mb=LOCAL_OBJECT_STORE_MB)
        workers = ray_options.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        config = worker_config(
            **summarizer_options,
            concurrency_per_worker=ray_options.concurrency,
            num_workers=workers,
            cache=cache,
            # A local Ray shares this machine's cache; on a cluster, each machine has its own.
            cache_path=ray_options.cache_dir or (default_cache_path() if local else None),
            rpm=rpm,
            tpm=tpm,
            prices=PriceTable.load(prices),
            require_deal=True,
        )
        _say_resuming(output)
        with batch_progress(err, enabled=err.is_terminal) as progress:
            task = progress.add_task("summarizing", total=total)
            outcome = run_to_shards(
                files, output, config, total=total, num_workers=workers, max_bytes=max_bytes,
                on_rows=lambda stats, rows: progress.update(
                    task, advance=rows, **progress_fields(stats)
                ),
                on_retry=lambda message: err.print(message, soft_wrap=True),
            )  # fmt: skip
    except ray.exceptions.RayError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SummarizeError(
            f"the Ray run stopped: {first}; the records so far are in {out}, "
            "run the same command again to go on"
        ) from None
    finally:
        output.close()
        if started:
            ray.shutdown()
    err.print(summary_line(outcome.stats, out), soft_wrap=True)
    if outcome.failure is not None or outcome.missing:
        left = f"{outcome.missing} articles" if outcome.missing else "some articles"
        err.print(
            f"[red]error:[/red] {left} still have no record after {outcome.passes} passes; "
            f"run the same command again to finish them into {out}",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_FAILED)
    if outcome.stats.failed:
        raise typer.Exit(EXIT_FAILED)


def _say_resuming(output: ShardedOutput) -> None:
    for line in resume_lines(output, output.folder):
        err.print(line)
