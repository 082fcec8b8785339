"""Past one machine: summaries on a Ray cluster, with the single-machine guarantees.

``summarize_dataset`` maps a Ray Dataset of ``{id, text}`` rows to records; ``summarize run
--engine ray`` reads files with Ray, runs the same workers, and writes exactly-once JSONL
shards. Ray is optional (``pip install 'summarize[ray]'``): importing this package does not
import it; the calls that need it import it.
"""

from __future__ import annotations

from summarize.distributed.ray import map_summaries, start_ray, summarize_dataset, worker_config
from summarize.distributed.shards import ShardedOutput
from summarize.distributed.worker import PromptFile, SummarizeWorker, WorkerConfig

__all__ = [
    "PromptFile",
    "ShardedOutput",
    "SummarizeWorker",
    "WorkerConfig",
    "map_summaries",
    "start_ray",
    "summarize_dataset",
    "worker_config",
]
