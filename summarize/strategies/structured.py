"""One structured call: for capable models that can fill the whole schema at once.

instructor turns the DealSummary schema into the request (tools, JSON mode, ...), validates
the answer with pydantic, and re-asks with the validation errors a bounded number of times.
Transient HTTP failures are retried around it by our own policy (see ``retry.py``).
"""

from __future__ import annotations

from json import JSONDecodeError

import instructor
from instructor.core import InstructorRetryException
from pydantic import ValidationError
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from summarize.articles import Article
from summarize.exceptions import ProviderError
from summarize.providers import INSTRUCTOR_MODES
from summarize.schema import DealSummary
from summarize.strategies.base import CallContext


def reask_policy(max_reasks: int) -> AsyncRetrying:
    """Re-ask only for invalid output; HTTP failures escape to our transient-retry policy."""
    return AsyncRetrying(
        stop=stop_after_attempt(max_reasks + 1),
        retry=retry_if_exception_type((ValidationError, JSONDecodeError)),
        reraise=True,
    )


async def structured(ctx: CallContext, article: Article) -> DealSummary:
    """Ask for the whole DealSummary in one call."""
    client = instructor.from_openai(ctx.client, mode=INSTRUCTOR_MODES[ctx.endpoint.mode])
    messages = [
        {"role": "system", "content": ctx.prompt.render("system", article=article.text)},
        {"role": "user", "content": ctx.prompt.render("user", article=article.text)},
    ]
    settings = {"temperature": 0.0, **ctx.prompt.meta.settings}

    async def request() -> tuple[DealSummary, object]:
        return await client.chat.completions.create_with_completion(
            model=ctx.endpoint.model,
            response_model=DealSummary,
            messages=messages,
            max_retries=reask_policy(ctx.max_reasks),
            **settings,
        )

    try:
        summary, completion = await ctx.call(request)
    except InstructorRetryException as exc:
        raise ProviderError(
            f"the model kept returning output that does not fit the schema ({exc})".splitlines()[0],
            provider=ctx.endpoint.provider,
            model=ctx.endpoint.model,
            attempts=getattr(exc, "n_attempts", None),
            cause="validation",
        ) from exc
    except (ValidationError, JSONDecodeError) as exc:
        raise ProviderError(
            f"the model's output does not fit the schema: {str(exc).splitlines()[0]}",
            provider=ctx.endpoint.provider,
            model=ctx.endpoint.model,
            attempts=ctx.max_reasks + 1,
            cause="validation",
        ) from exc
    ctx.add_usage(completion)
    return summary
