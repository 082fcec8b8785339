"""Retries through a fake HTTP transport: transient failures retried, others raised at once."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator, Callable
from email.utils import format_datetime
from typing import Any

import httpx2
import openai
import pytest
from tenacity import RetryCallState

from summarize.exceptions import ProviderError
from summarize.prompts import load_prompt
from summarize.providers import Endpoint
from summarize.retry import (
    MAX_RETRY_AFTER_S,
    RetryPolicy,
    describe_failure,
    is_transient,
    retry_after_seconds,
)
from summarize.strategies.base import CallContext

NO_WAIT = RetryPolicy(initial_wait_s=0, max_wait_s=0, jitter_s=0)
BASE_URL = "http://test/v1"
COMPLETION = {
    "id": "c1", "object": "chat.completion", "created": 0, "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"},
                 "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10},
}  # fmt: skip

Handler = Callable[[httpx2.Request], httpx2.Response]
Step = int | type[Exception] | httpx2.Response


def error(status: int, headers: dict[str, str] | None = None) -> httpx2.Response:
    return httpx2.Response(status, headers=headers, json={"error": {"message": f"status {status}"}})


class Script:
    """A transport handler that answers each request with the next step, then 200s."""

    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        step = self.steps.pop(0) if self.steps else 200
        if isinstance(step, httpx2.Response):
            return step
        if isinstance(step, type):
            raise step("injected", request=request)  # type: ignore[call-arg]
        if step == 200:
            return httpx2.Response(200, json=COMPLETION)
        return error(step)


@pytest.fixture
async def call() -> AsyncIterator[Callable[..., Any]]:
    """``await call(script, policy=...)``: one chat request through CallContext.call."""
    clients: list[openai.AsyncOpenAI] = []

    async def run(script: Script, policy: RetryPolicy = NO_WAIT) -> tuple[CallContext, Any]:
        client = openai.AsyncOpenAI(
            api_key="x", base_url=BASE_URL, max_retries=0,
            http_client=openai.DefaultAsyncHttpxClient(transport=httpx2.MockTransport(script)),
        )  # fmt: skip
        clients.append(client)
        ctx = CallContext(
            client=client,
            endpoint=Endpoint(provider="openai", model="m", base_url=BASE_URL, api_key="x"),
            prompt=load_prompt("deal-structured"),
            retry=policy,
        )
        response = await ctx.call(
            lambda: client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hi"}]
            )
        )
        return ctx, response

    yield run
    for client in clients:
        await client.close()


async def test_success_counts_one_attempt_and_usage(call: Callable[..., Any]) -> None:
    script = Script(200)
    ctx, response = await call(script)
    assert response.choices[0].message.content == "ok"
    assert (ctx.attempts, ctx.requests, len(script.requests)) == (1, 1, 1)
    assert (ctx.usage.prompt_tokens, ctx.usage.completion_tokens) == (7, 3)


async def test_429_with_retry_after_is_retried_and_succeeds(call: Callable[..., Any]) -> None:
    script = Script(error(429, {"retry-after": "0"}), 200)
    ctx, response = await call(script)
    assert response.choices[0].message.content == "ok"
    assert len(script.requests) == 2
    assert (ctx.attempts, ctx.requests) == (2, 1)


async def test_retry_after_is_honoured(call: Callable[..., Any]) -> None:
    script = Script(error(429, {"retry-after-ms": "300"}), 200)
    started = time.perf_counter()
    await call(script)
    assert time.perf_counter() - started >= 0.29


@pytest.mark.parametrize(
    "steps",
    [(500,), (502, 503), (503, 504, 500), (httpx2.ConnectError,), (httpx2.ReadTimeout,),
     (429, httpx2.ConnectError, 503)],
)  # fmt: skip
async def test_transient_failures_are_retried(call: Callable[..., Any], steps: tuple[Step]) -> None:
    script = Script(*steps, 200)
    ctx, _ = await call(script)
    assert len(script.requests) == len(steps) + 1
    assert ctx.attempts == len(steps) + 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
async def test_client_errors_are_raised_at_once(call: Callable[..., Any], status: int) -> None:
    script = Script(status, 200)
    with pytest.raises(ProviderError) as caught:
        await call(script)
    assert len(script.requests) == 1
    assert caught.value.attempts == 1
    assert f"HTTP {status}" in str(caught.value)
    assert str(caught.value).startswith("openai/m: ")


@pytest.mark.parametrize(
    ("step", "cause", "words"),
    [
        (503, "InternalServerError", "HTTP 503"),
        (429, "RateLimitError", "HTTP 429"),
        (httpx2.ConnectError, "APIConnectionError", "connection failed"),
        (httpx2.ReadTimeout, "APITimeoutError", "request timed out"),
    ],
)
async def test_attempts_are_bounded_and_the_error_names_the_cause(
    call: Callable[..., Any], step: Step, cause: str, words: str
) -> None:
    policy = RetryPolicy(attempts=3, initial_wait_s=0, max_wait_s=0, jitter_s=0)
    script = Script(*[step] * 10)
    with pytest.raises(ProviderError) as caught:
        await call(script, policy)
    assert len(script.requests) == 3
    assert caught.value.attempts == 3
    assert caught.value.cause == cause
    assert words in str(caught.value)
    assert str(caught.value).endswith("after 3 attempts")
    assert "\n" not in str(caught.value)


def status_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    response = error(status, headers)
    response.request = httpx2.Request("POST", f"{BASE_URL}/chat/completions")
    classes = {429: openai.RateLimitError, 500: openai.InternalServerError}
    cls = classes.get(status, openai.APIStatusError)
    return cls(f"status {status}", response=response, body=None)


def http_date(seconds_from_now: float) -> str:
    when = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=seconds_from_now)
    return format_datetime(when, usegmt=True)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "7"}, 7.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"retry-after": "-3"}, 0.0),
        ({"retry-after": "86400"}, MAX_RETRY_AFTER_S),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "900000"}, MAX_RETRY_AFTER_S),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after-ms": "soon", "retry-after": "4"}, 4.0),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),
        ({"retry-after": "whenever"}, None),
        ({}, None),
    ],
)
def test_retry_after_parsing(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after_seconds(status_error(429, headers)) == expected


@pytest.mark.parametrize(("ahead", "low", "high"), [(30, 25, 30.5), (3600, MAX_RETRY_AFTER_S, 120)])
def test_retry_after_http_date_in_the_future(ahead: float, low: float, high: float) -> None:
    seconds = retry_after_seconds(status_error(503, {"retry-after": http_date(ahead)}))
    assert seconds is not None and low <= seconds <= high


def test_retry_after_without_a_response_is_none() -> None:
    assert retry_after_seconds(ValueError("no response")) is None


def state_after(exc: BaseException, attempt: int = 1) -> RetryCallState:
    state = RetryCallState(retry_object=None, fn=None, args=(), kwargs={})  # type: ignore[arg-type]
    state.attempt_number = attempt
    state.set_exception((type(exc), exc, None))
    return state


def test_wait_prefers_the_server_over_backoff() -> None:
    wait = RetryPolicy(initial_wait_s=5, max_wait_s=20, jitter_s=0)._wait()
    assert wait(state_after(status_error(429, {"retry-after": "2"}))) == 2.0
    assert wait(state_after(status_error(500))) == 5.0


def test_backoff_grows_exponentially_up_to_the_cap() -> None:
    wait = RetryPolicy(initial_wait_s=1, max_wait_s=5, jitter_s=0)._wait()
    waits = [wait(state_after(status_error(500), n)) for n in (1, 2, 3, 4)]
    assert waits == [1.0, 2.0, 4.0, 5.0]


def test_jitter_stays_within_its_bound() -> None:
    wait = RetryPolicy(initial_wait_s=1, max_wait_s=60, jitter_s=0.5)._wait()
    for _ in range(20):
        assert 1.0 <= wait(state_after(status_error(500))) <= 1.5


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (status_error(429), True),
        (status_error(500), True),
        (status_error(503), True),
        (status_error(400), False),
        (status_error(401), False),
        (openai.APIConnectionError(request=httpx2.Request("GET", BASE_URL)), True),
        (openai.APITimeoutError(request=httpx2.Request("GET", BASE_URL)), True),
        (ValueError("bad json"), False),
    ],
)
def test_is_transient(exc: BaseException, transient: bool) -> None:
    assert is_transient(exc) is transient


@pytest.mark.parametrize(
    ("exc", "text"),
    [
        (status_error(503), "HTTP 503: status 503"),
        (openai.APITimeoutError(request=httpx2.Request("GET", BASE_URL)), "request timed out"),
        (ValueError("bad json"), "ValueError: bad json"),
    ],
)
def test_describe_failure(exc: BaseException, text: str) -> None:
    assert describe_failure(exc) == text


def test_provider_error_message() -> None:
    exc = ProviderError("HTTP 503: busy", provider="openai", model="m", attempts=1)
    assert str(exc) == "openai/m: HTTP 503: busy after 1 attempt"
    assert str(ProviderError("broken")) == "broken"
