"""Client-side rate limits (requests and tokens per minute), so a batch does not earn 429s.

A token bucket per limit. Tokens are only known after a call, so an article takes its
estimate up front and the difference is settled afterwards; the bucket may go into debt, which
later callers wait off. Retries count too: every extra attempt is charged when settled.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    """``per_minute`` units refilled continuously; holds at most one second's worth (or 1)."""

    per_minute: float
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    _level: float = field(init=False)
    _updated: float = field(init=False)
    _lock: asyncio.Lock = field(init=False, repr=False, default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        if self.per_minute <= 0:
            raise ValueError(f"a rate limit must be positive, not {self.per_minute}")
        self._level = self.capacity
        self._updated = self._now()

    @property
    def capacity(self) -> float:
        return max(self.per_minute / 60.0, 1.0)

    def _now(self) -> float:
        return self.clock()

    def _refill(self) -> None:
        now = self._now()
        self._level = min(self.capacity, self._level + (now - self._updated) * self.per_minute / 60)
        self._updated = now

    async def acquire(self, amount: float = 1.0) -> float:
        """Wait until ``amount`` may be spent, then spend it; returns the seconds waited.

        A request larger than the bucket waits for a full bucket and leaves a debt.
        """
        waited = 0.0
        async with self._lock:  # first come, first served
            while True:
                self._refill()
                needed = min(amount, self.capacity)
                if self._level >= needed:
                    self._level -= amount
                    return waited
                delay = (needed - self._level) * 60 / self.per_minute
                waited += delay
                await asyncio.sleep(delay)

    def charge(self, amount: float) -> None:
        """Book usage found out after the fact (negative gives back an overestimate)."""
        self._refill()
        self._level = min(self.capacity, self._level - amount)


@dataclass
class RateLimits:
    """Requests-per-minute and tokens-per-minute limits; either may be absent."""

    rpm: float | None = None
    tpm: float | None = None
    requests: TokenBucket | None = field(init=False, default=None)
    tokens: TokenBucket | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.requests = TokenBucket(self.rpm) if self.rpm else None
        self.tokens = TokenBucket(self.tpm) if self.tpm else None

    async def acquire(self, estimated_tokens: int) -> None:
        """Before an article's first request."""
        if self.requests is not None:
            await self.requests.acquire(1)
        if self.tokens is not None:
            await self.tokens.acquire(estimated_tokens)

    def settle(self, attempts: int, estimated_tokens: int, actual_tokens: int) -> None:
        """After the article: charge extra attempts and the token estimate's error."""
        if self.requests is not None and attempts > 1:
            self.requests.charge(attempts - 1)
        if self.tokens is not None:
            self.tokens.charge(actual_tokens - estimated_tokens)
