"""Rate limits hold over a run: requests and tokens per minute, misestimates included."""

from __future__ import annotations

import time

import pytest

from summarize.batch import BatchRunner, RateLimits, TokenBucket
from summarize.pipeline import Summarizer
from summarize.testing import fake_articles


async def timed(bucket: TokenBucket, amounts: list[float]) -> float:
    started = time.monotonic()
    for amount in amounts:
        await bucket.acquire(amount)
    return time.monotonic() - started


async def test_a_full_bucket_lets_one_seconds_worth_through_at_once() -> None:
    bucket = TokenBucket(per_minute=6000)  # 100 per second
    assert await timed(bucket, [1] * 100) < 0.1


async def test_past_the_burst_the_rate_holds() -> None:
    bucket = TokenBucket(per_minute=6000)
    await timed(bucket, [1] * 100)
    assert 0.45 <= await timed(bucket, [1] * 50) < 1.5


async def test_usage_found_out_later_is_a_debt_the_next_caller_waits_off() -> None:
    bucket = TokenBucket(per_minute=600)  # 10 per second, holds 10
    await bucket.acquire(10)
    bucket.charge(3)
    assert await timed(bucket, [1]) >= 0.35


async def test_an_overestimate_is_given_back() -> None:
    bucket = TokenBucket(per_minute=600)
    await bucket.acquire(10)
    bucket.charge(-10)
    assert await timed(bucket, [10]) < 0.05


@pytest.mark.parametrize("rate", [0, -5])
def test_a_rate_must_be_positive(rate: float) -> None:
    with pytest.raises(ValueError):
        TokenBucket(per_minute=rate)


@pytest.mark.parametrize(
    "limits", [RateLimits(rpm=1200), RateLimits(tpm=60 * 20 * 3300)], ids=["rpm", "tpm"]
)
async def test_the_runner_keeps_to_the_limits(
    stub_summarizer: Summarizer, limits: RateLimits
) -> None:
    """60 articles at 20 per second (3,300 tokens each): a second's worth at once, then 2 s."""
    runner = BatchRunner(stub_summarizer, concurrency=8, limits=limits)
    started = time.monotonic()
    results = [r async for r in runner.run(fake_articles(60))]
    elapsed = time.monotonic() - started
    assert len(results) == 60
    assert 1.8 <= elapsed < 3.5
