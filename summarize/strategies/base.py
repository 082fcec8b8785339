"""What every extraction strategy gets: a client, the prompt, retries and a usage meter."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import openai

from summarize.articles import Article
from summarize.exceptions import ProviderError
from summarize.prompts import Prompt
from summarize.providers import Endpoint
from summarize.providers.embedded import ServerDown
from summarize.retry import RetryPolicy, describe_failure, is_transient
from summarize.schema import DealSummary, Usage

T = TypeVar("T")


@dataclass
class CallContext:
    """Per-article state: the shared client plus counters for this article's calls."""

    client: openai.AsyncOpenAI
    endpoint: Endpoint
    prompt: Prompt
    retry: RetryPolicy
    max_reasks: int = 2
    usage: Usage = field(default_factory=Usage)
    requests: int = 0
    attempts: int = 0
    model_seconds: float = 0.0
    """Time spent waiting on the model, to compare against the pipeline's own overhead."""
    decided_by: dict[str, str] = field(default_factory=dict)
    """Per output field, what chose its value: "model" (the model's answer) or "rules" (set
    without asking the model, or the rules overrode its answer). Strategies fill it."""

    async def call(self, make_request: Callable[[], Awaitable[T]]) -> T:
        """Send one request with retries on transient failures; count usage and attempts.

        When this process runs the embedded server, each failure is also reported to it, so a
        crashed or broken server is restarted once and then named as the cause.
        """
        tries = 0
        server = self.endpoint.server
        try:
            async for attempt in self.retry.retrying():
                with attempt:
                    tries += 1
                    self.attempts += 1
                    if server is not None:
                        server.check()
                        generation = server.generation()
                    started = time.perf_counter()
                    try:
                        response = await make_request()
                    except (openai.APIConnectionError, openai.APIStatusError) as exc:
                        if server is not None:
                            await server.failed(getattr(exc, "status_code", None), generation)
                        raise
                    finally:
                        self.model_seconds += time.perf_counter() - started
            if server is not None:
                server.succeeded()
        except ServerDown as exc:
            raise ProviderError(
                str(exc),
                provider=self.endpoint.provider,
                model=self.endpoint.model,
                attempts=tries,
                cause=exc.cause,
                transient=True,
            ) from None
        except (openai.OpenAIError, json.JSONDecodeError) as exc:
            raise ProviderError(
                describe_failure(exc),
                provider=self.endpoint.provider,
                model=self.endpoint.model,
                attempts=tries,
                cause=type(exc).__name__,
                transient=is_transient(exc),
            ) from exc
        self.requests += 1
        self.add_usage(response)
        return response

    def add_usage(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.usage = self.usage + Usage(
                prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            )


class Strategy(Protocol):
    """Turns one article into a DealSummary using the context's prompt and client."""

    async def __call__(self, ctx: CallContext, article: Article) -> DealSummary: ...
