"""Retry transient provider failures with tenacity; everything else fails at once.

Transient: connection errors, timeouts, 429 (honouring Retry-After) and 5xx. A 400 or 401 will
not get better by asking again, so it is raised on the first attempt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

MAX_RETRY_AFTER_S = 120.0
"""Never sleep longer than this on a server's say-so."""


def is_transient(exc: BaseException) -> bool:
    """True for failures that another attempt may cure."""
    if isinstance(exc, openai.APIConnectionError | openai.APITimeoutError):
        return True
    if isinstance(exc, json.JSONDecodeError):  # a response body that is not JSON: a glitch
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    return False


def retry_after_seconds(exc: BaseException) -> float | None:
    """The wait a 429/503 response asks for, from Retry-After (seconds or HTTP date)."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    value = response.headers.get("retry-after-ms")
    if value:
        try:
            return min(float(value) / 1000, MAX_RETRY_AFTER_S)
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER_S)
    except ValueError:
        pass
    try:
        import datetime as dt

        when = parsedate_to_datetime(value)
        return min(
            max((when - dt.datetime.now(when.tzinfo)).total_seconds(), 0.0), MAX_RETRY_AFTER_S
        )
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts in total, and the exponential backoff with jitter."""

    attempts: int = 4
    initial_wait_s: float = 0.5
    max_wait_s: float = 20.0
    jitter_s: float = 0.5

    def _wait(self) -> Any:
        backoff = wait_exponential_jitter(
            initial=self.initial_wait_s, max=self.max_wait_s, jitter=self.jitter_s
        )

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            asked = retry_after_seconds(exc) if exc else None
            return asked if asked is not None else backoff(state)

        return wait

    def retrying(self) -> AsyncRetrying:
        """A tenacity controller for ``async for attempt in policy.retrying()``."""
        return AsyncRetrying(
            stop=stop_after_attempt(self.attempts),
            wait=self._wait(),
            retry=retry_if_exception(is_transient),
            reraise=True,
        )


def describe_failure(exc: BaseException) -> str:
    """A one-line cause for error records: status and the server's message."""
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}: {exc.message}"
    if isinstance(exc, openai.APITimeoutError):
        return "request timed out"
    if isinstance(exc, openai.APIConnectionError):
        return f"connection failed: {exc.__cause__ or exc}"
    if isinstance(exc, json.JSONDecodeError):
        return f"the response body is not JSON ({exc.msg})"
    return f"{type(exc).__name__}: {exc}"
