"""Batch runs: many articles, full speed, flat memory, no answer paid for twice, nothing lost.

``summarize_many`` is the one-call API; ``BatchRunner`` exposes running totals; the cache,
resumable output, price table and rate limits are usable on their own.
"""

from __future__ import annotations

from summarize.batch.cache import ResultCache, cache_key, default_cache_path
from summarize.batch.cost import Budget, ModelPrice, PriceTable, UsageEstimator, format_cost
from summarize.batch.limits import RateLimits, TokenBucket
from summarize.batch.resume import OutputLog, done_ids, iter_records, record_id
from summarize.batch.runner import BatchResult, BatchRunner, BatchStats, ErrorInfo, summarize_many

__all__ = [
    "BatchResult",
    "BatchRunner",
    "BatchStats",
    "Budget",
    "ErrorInfo",
    "ModelPrice",
    "OutputLog",
    "PriceTable",
    "RateLimits",
    "ResultCache",
    "TokenBucket",
    "UsageEstimator",
    "cache_key",
    "default_cache_path",
    "done_ids",
    "format_cost",
    "iter_records",
    "record_id",
    "summarize_many",
]
