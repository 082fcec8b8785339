"""One structured call: for capable models that can fill the whole schema at once.

instructor decides what the request looks like for each mode (tools, JSON mode, ...) and how
to re-ask after invalid output; it does so once per prompt and mode here, not once per call.
Preparing a call through instructor rebuilds a wrapper class and the DealSummary JSON schema
and walks the model tree for async validators: about 14 of the 17 ms of CPU an article costs,
which capped a batch at ~60 articles/s. The request itself goes through ``ctx.call``, so
transient HTTP failures meet our retry policy (Retry-After included) unwrapped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, partial
from json import JSONDecodeError
from typing import Any

import instructor
from instructor.utils.providers import Provider
from instructor.v2.core.registry import mode_registry
from instructor.v2.core.response import handle_response_model
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from summarize.articles import Article
from summarize.exceptions import ProviderError
from summarize.prompts import Prompt
from summarize.providers import INSTRUCTOR_MODES
from summarize.schema import DealSummary
from summarize.strategies.base import CallContext

_SLOT = "\x00summarize-slot-{}\x00"
"""Stands in for a message's text while instructor shapes the request around it."""


class TruncatedOutput(ValueError):
    """The model stopped at its token limit: the JSON is cut short."""


@dataclass(frozen=True)
class RequestShape:
    """What instructor adds to a request in one mode: text after each message, extra fields."""

    suffixes: tuple[str, ...]
    extra: dict[str, Any]
    mode: instructor.Mode

    def messages(self, contents: list[str]) -> list[dict[str, str]]:
        roles = ("system", "user")
        return [
            {"role": role, "content": text + suffix}
            for role, text, suffix in zip(roles, contents, self.suffixes, strict=True)
        ]


@cache
def request_shape(mode_name: str) -> RequestShape:
    """Ask instructor once how it shapes a DealSummary request in this mode."""
    mode = INSTRUCTOR_MODES[mode_name]
    slots = [_SLOT.format(i) for i in range(2)]
    template = [{"role": r, "content": s} for r, s in zip(("system", "user"), slots, strict=True)]
    _, kwargs = handle_response_model(DealSummary, mode=mode, messages=template)
    messages = kwargs.pop("messages")
    if [m["role"] for m in messages] != ["system", "user"] or not all(
        isinstance(m["content"], str) and m["content"].startswith(s)
        for m, s in zip(messages, slots, strict=True)
    ):
        raise NotImplementedError(f"instructor reshapes messages in mode {mode_name!r}")
    suffixes = tuple(m["content"][len(s) :] for m, s in zip(messages, slots, strict=True))
    return RequestShape(suffixes=suffixes, extra=kwargs, mode=mode)


def parse_completion(raw: bytes) -> ChatCompletion:
    """Read a chat completion body: validated in Rust when it fits, leniently when it does not.

    The openai client's own parsing walks the response in Python (about 0.6 ms an answer);
    pydantic's JSON validator does the same in a few microseconds. Servers that bend the
    schema (extra or missing fields from llama.cpp, vLLM, ...) fall back to the SDK's lenient
    ``construct``, which is what the client would have done.
    """
    try:
        return ChatCompletion.model_validate_json(raw)
    except ValidationError:
        data = json.loads(raw)  # malformed bodies raise JSONDecodeError, a transient fault
        if not isinstance(data, dict):
            text = raw.decode(errors="replace")
            raise JSONDecodeError("the completion is not a JSON object", text, 0) from None
        return ChatCompletion.construct(**data)


def _answer_text(completion: Any, mode: instructor.Mode) -> str:
    choice = completion.choices[0]
    if choice.finish_reason == "length":
        raise TruncatedOutput("the answer was cut off at the token limit")
    message = choice.message
    if mode is instructor.Mode.TOOLS:
        calls = message.tool_calls or []
        if not calls:
            raise TruncatedOutput("the answer has no tool call")
        return calls[0].function.arguments
    text = message.content or ""
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if 0 <= start < end else text


async def _complete(ctx: CallContext, body: dict[str, Any]) -> ChatCompletion:
    raw = await ctx.client.post("/chat/completions", body=body, cast_to=bytes)
    return parse_completion(raw)


def _render(prompt: Prompt, article: Article) -> list[str]:
    return [prompt.render(block, article=article.text) for block in ("system", "user")]


async def structured(ctx: CallContext, article: Article) -> DealSummary:
    """Ask for the whole DealSummary in one call; re-ask a bounded number of times."""
    shape = request_shape(ctx.endpoint.mode)
    kwargs: dict[str, Any] = {
        "model": ctx.endpoint.model,
        "messages": shape.messages(_render(ctx.prompt, article)),
        "temperature": 0.0,
        **ctx.prompt.meta.settings,
        **shape.extra,
    }
    reask = mode_registry.get_handlers(Provider.OPENAI, shape.mode).reask_handler
    problem: Exception | None = None
    for asked in range(ctx.max_reasks + 1):
        completion = await ctx.call(partial(_complete, ctx, kwargs))
        try:
            return DealSummary.model_validate_json(_answer_text(completion, shape.mode))
        except (ValidationError, JSONDecodeError, TruncatedOutput) as exc:
            problem = exc
            if asked < ctx.max_reasks:
                kwargs = reask(kwargs=kwargs, response=completion, exception=exc)
    assert problem is not None
    cause = "truncated" if isinstance(problem, TruncatedOutput) else "validation"
    raise ProviderError(
        f"the model kept returning output that does not fit the schema: "
        f"{str(problem).splitlines()[0]}",
        provider=ctx.endpoint.provider,
        model=ctx.endpoint.model,
        attempts=ctx.attempts,
        cause=cause,
    ) from problem


__all__ = ["parse_completion", "request_shape", "structured"]
