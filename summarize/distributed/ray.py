"""Summaries on a Ray cluster: ``summarize_dataset`` maps a Ray Dataset of articles to records.

Ray Data does the scheduling: ``map_batches`` with a pool of ``num_workers`` actors, each a
``SummarizeWorker`` holding one Summarizer and keeping ``concurrency_per_worker`` requests in
flight. A worker that dies (node lost, process killed) is replaced by the pool and its
unfinished batches run again elsewhere; a batch's output reaches the caller only once its
task completes, so no row comes out twice from one task.
"""

from __future__ import annotations

import logging
import math
import os
import sys
from pathlib import Path
from typing import Any

from summarize.batch.cost import PriceTable
from summarize.distributed.worker import CacheKind, PromptFile, SummarizeWorker, WorkerConfig
from summarize.exceptions import ConfigError
from summarize.pipeline import Summarizer
from summarize.providers import choose_provider
from summarize.retry import RetryPolicy

LOOPBACK_ENV = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
"""Set to 0, a local Ray takes 127.0.0.1 as its node address and listens on loopback only
(Ray's own switch for single-machine use on desktops), not on every interface."""
CALLS_PER_WORKER = 2
"""Blocks a worker serves at once, so one slow article does not idle it at a block's end."""


def start_ray(
    address: str | None = None, *, num_cpus: int | None = None, object_store_mb: int | None = None
) -> bool:
    """Connect to ``address`` (``auto``, ``ray://host:10001``, ``host:6379``), or start a Ray
    on this machine, on loopback only; True when a local Ray was started (stop it after).

    Ray logs errors only: the run's own progress and summary lines say what is going on.
    """
    if address is None:
        if "ray" in sys.modules and os.environ.get(LOOPBACK_ENV) != "0":
            from ray._private import ray_constants  # read when ray was imported

            ray_constants.ENABLE_RAY_CLUSTER = False
        os.environ[LOOPBACK_ENV] = "0"
    import ray

    if ray.is_initialized():
        return False
    options: dict[str, Any] = {
        "logging_level": logging.ERROR,
        "include_dashboard": False,
        "log_to_driver": True,
    }
    if address is None:
        options.update(num_cpus=num_cpus or os.cpu_count() or 1)
        if object_store_mb:
            options.update(object_store_memory=object_store_mb * 1024 * 1024)
    try:
        ray.init(address=address, **options)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"cannot reach the Ray cluster at {address}: {first}") from None
    _quiet_ray_data()
    return address is None


def _quiet_ray_data() -> None:
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def worker_config(
    *,
    provider: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    prompt: str | None = None,
    mode: str | None = None,
    grounding: str | None = None,
    concurrency_per_worker: int = 16,
    num_workers: int = 2,
    cache: CacheKind = "node",
    cache_path: Path | None = None,
    rpm: float | None = None,
    tpm: float | None = None,
    prices: PriceTable | None = None,
    retry: RetryPolicy | None = None,
    require_deal: bool = False,
    **summarizer_options: Any,
) -> WorkerConfig:
    """Resolve the settings once, on the driver, where a bad one fails before any work.

    Rate limits are the whole run's: each worker gets ``1/num_workers`` of them.
    """
    endpoint = summarizer_options.get("endpoint")
    chosen = (
        endpoint.provider
        if endpoint
        else choose_provider(provider, base_url=base_url, api_key=api_key)
    )
    if chosen == "local":
        raise ConfigError(
            "a Ray run needs a model server its workers can share: pass --base-url "
            "(vLLM or any OpenAI-compatible server) or set OPENAI_API_KEY; the embedded "
            "model serves one machine (run without --engine ray)"
        )
    summarizer = Summarizer(
        provider=provider, model=model, base_url=base_url, api_key=api_key, prompt=prompt,
        mode=mode, grounding=grounding, retry=retry, **summarizer_options,  # type: ignore[arg-type]
    )  # fmt: skip
    endpoint = summarizer.endpoint
    if cache == "shared" and cache_path is None:
        raise ConfigError("a shared cache needs a folder every worker can reach (--cache-dir)")
    table = prices or PriceTable.load()
    return WorkerConfig(
        endpoint=endpoint,
        prompt=PromptFile.of(summarizer.prompt),
        grounding=summarizer.grounding,
        concurrency=concurrency_per_worker,
        retry=summarizer.retry,
        max_reasks=summarizer.max_reasks,
        cache=cache,
        cache_path=cache_path,
        price=table.price(endpoint.provider, endpoint.model),
        rpm=rpm / num_workers if rpm else None,
        tpm=tpm / num_workers if tpm else None,
        require_deal=require_deal,
    )


def map_summaries(
    ds: Any,
    config: WorkerConfig,
    *,
    num_workers: int = 2,
    worker_cpus: float = 0.5,
    worker_class: type[SummarizeWorker] = SummarizeWorker,
    rows_per_block: int | None = None,
) -> Any:
    """``ds`` mapped through a pool of ``num_workers`` worker actors.

    Ray runs a few batches of ``concurrency / 2`` rows at once per block, and two blocks at
    once per worker, so every block of ``concurrency`` rows or more keeps a worker's requests
    in flight. A block goes to one worker: a dataset of a few huge blocks (one big file)
    needs ``rows_per_block`` to be spread over the workers (it costs a Ray task per block,
    so leave it off for datasets of small blocks).

    ``worker_class`` may be a subclass that adds to each worker (metrics, a log line per
    batch); it must keep ``__call__``'s contract.
    """
    from ray.data import ActorPoolStrategy

    if num_workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {num_workers}")
    per_batch = max(1, math.ceil(config.concurrency / 2))
    if rows_per_block:
        ds = ds.repartition(target_num_rows_per_block=rows_per_block)
    return ds.map_batches(
        worker_class,
        fn_constructor_kwargs={"config": config},
        batch_size=per_batch,
        batch_format="numpy",
        compute=ActorPoolStrategy(
            size=num_workers,
            max_concurrent_calls_per_actor=CALLS_PER_WORKER,
            max_tasks_in_flight_per_actor=CALLS_PER_WORKER,
        ),
        num_cpus=worker_cpus,
    )


def summarize_dataset(
    ds: Any,
    *,
    provider: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    prompt: str | None = None,
    concurrency_per_worker: int = 16,
    num_workers: int = 2,
    worker_cpus: float = 0.5,
    rows_per_block: int | None = None,
    **options: Any,
) -> Any:
    """Summarize a Ray Dataset of ``{id, text}`` rows (other columns pass through).

    Each row out carries ``record``, the JSON line ``summarize run --out`` writes (a summary
    or an error record), and ``status`` (``ok``/``error``), ``transient``, ``cached``,
    ``cost`` (USD, NaN without a price), ``prompt_tokens`` and ``completion_tokens``.
    ``options``: ``api_key``, ``mode``, ``grounding``, ``cache`` (``node``, ``shared`` with
    ``cache_path``, ``off``), ``rpm``/``tpm`` for the whole run, ``prices``, ``retry``,
    ``require_deal``. ``rows_per_block`` splits big blocks (see ``map_summaries``). Lazy,
    like every Dataset: nothing runs until it is consumed.
    """
    config = worker_config(
        provider=provider, model=model, base_url=base_url, prompt=prompt,
        concurrency_per_worker=concurrency_per_worker, num_workers=num_workers, **options,
    )  # fmt: skip
    return map_summaries(
        ds, config, num_workers=num_workers, worker_cpus=worker_cpus, rows_per_block=rows_per_block
    )
