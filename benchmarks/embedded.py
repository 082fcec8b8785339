"""Embedded-model speed: seconds per article, tokens, and overhead over the raw llama.cpp calls.

Runs a prompt's strategy over dev articles through the loopback server (the real path: launcher,
HTTP, pipeline, grounding), records every completion request it sends, then replays exactly
those requests in-process with ``llama_cpp.Llama`` (no HTTP, no pipeline) in the same order, so
llama.cpp's prefix reuse helps both sides equally. Prints per-article seconds and tokens, the
median for articles of about 300 words, and the ratio toolkit / raw for the same tokens.

    python benchmarks/embedded.py [--prompt deal-reader] [--model ALIAS] [--limit 30]
                                  [--words 200-400]

Dev split only: the frozen test split is scored in aggregate, never article by article.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import httpx2
import openai

from summarize.articles import read_file
from summarize.pipeline import Summarizer
from summarize.prompts import load_prompt
from summarize.providers import Endpoint
from summarize.providers.embedded import EmbeddedServer
from summarize.providers.models import DEFAULT_MODEL, model_path

DATASET = Path(__file__).resolve().parent.parent / "evals" / "datasets" / "deals" / "dev"


async def run_pipeline(
    url: str, alias: str, prompt: str, paths: list[Path]
) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    """Summarize each article; return per-article timings and the requests each one sent."""
    captured: list[dict[str, Any]] = []

    async def hook(request: httpx2.Request) -> None:
        if request.url.path.endswith("/completions"):
            captured.append(json.loads(request.content))

    endpoint = Endpoint(provider="local", model=alias, base_url=url, api_key="none", mode="json")
    summarizer = Summarizer(endpoint=endpoint, prompt=prompt, grounding="strict")
    summarizer._client = openai.AsyncOpenAI(  # capture what goes over the wire
        base_url=url,
        api_key="none",
        max_retries=0,
        http_client=openai.DefaultAsyncHttpxClient(event_hooks={"request": [hook]}),
    )
    rows, requests = [], []
    for path in paths:
        article = read_file(path)
        before = len(captured)
        started = time.perf_counter()
        summary = await summarizer.summarize(article)
        wall = time.perf_counter() - started
        meta = summary.metadata
        rows.append(
            {
                "id": article.id,
                "words": len(article.text.split()),
                "wall_s": wall,
                "requests": len(captured) - before,
                "prompt_tokens": meta.usage.prompt_tokens if meta else 0,
                "output_tokens": meta.usage.completion_tokens if meta else 0,
            }
        )
        requests.append(captured[before:])
    await summarizer.aclose()
    return rows, requests


def run_raw(alias: str, requests: list[list[dict[str, Any]]], threads: int) -> list[float]:
    """The same completion calls made in-process, without HTTP or the pipeline."""
    import llama_cpp

    from summarize.providers.llama_server import disable_extra_buffers, repack_allowed

    if not repack_allowed():
        disable_extra_buffers()  # the same weights layout the server uses
    llm = llama_cpp.Llama(
        model_path=str(model_path(alias)), n_ctx=8192, n_threads=threads,
        n_threads_batch=threads, n_batch=512, logits_all=False, verbose=False,
    )  # fmt: skip

    def replay(article_requests: list[dict[str, Any]]) -> None:
        for body in article_requests:
            common = {
                "max_tokens": body.get("max_tokens", 16),
                "temperature": body.get("temperature", 0.0),
            }
            if "messages" in body:
                llm.create_chat_completion(
                    messages=body["messages"], response_format=body.get("response_format"), **common
                )
            else:
                grammar = body.get("grammar")
                llm.create_completion(
                    prompt=body["prompt"],
                    grammar=llama_cpp.LlamaGrammar.from_string(grammar, verbose=False)
                    if grammar
                    else None,
                    **common,
                )

    if requests:
        replay(requests[0])  # warm-up, as on the toolkit side: weights and the shared prefix
    times = []
    for article_requests in requests:
        started = time.perf_counter()
        replay(article_requests)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt", default="deal-reader")
    parser.add_argument("--model", default=None, help="an embedded model ('summarize models')")
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument(
        "--words", default=None, metavar="MIN-MAX",
        help="only articles of this many words, e.g. 200-400 for the 300-word target",
    )  # fmt: skip
    args = parser.parse_args()
    alias = args.model or load_prompt(args.prompt).meta.embedded_model or DEFAULT_MODEL
    paths = sorted(DATASET.glob("*.txt"))
    if args.words:
        low, high = (int(n) for n in args.words.split("-"))
        paths = [p for p in paths if low <= len(read_file(p).text.split()) <= high]
    paths = paths[: args.limit]
    threads = os.cpu_count() or 1
    with EmbeddedServer(model=model_path(alias), alias=alias, n_threads=threads) as server:
        # Warm-up: load weights and the prompt's shared prefix outside the measurement.
        asyncio.run(run_pipeline(server.url, alias, args.prompt, paths[:1]))
        rows, requests = asyncio.run(run_pipeline(server.url, alias, args.prompt, paths))
    raw = run_raw(alias, requests, threads)
    widths = (-36, 5, 4, 5, 4, 9, 6)
    head = ("article", "words", "reqs", "in", "out", "toolkit s", "raw s")
    print(
        " ".join(f"{h:{'<' if w < 0 else '>'}{abs(w)}}" for h, w in zip(head, widths, strict=True))
    )
    for row, raw_s in zip(rows, raw, strict=True):
        print(
            f"{row['id'][:36]:36} {row['words']:5d} {row['requests']:4d} "
            f"{row['prompt_tokens']:5d} {row['output_tokens']:4d} {row['wall_s']:9.2f} {raw_s:6.2f}"
        )
    near_300 = [r["wall_s"] for r in rows if 200 <= r["words"] <= 400]
    with_calls = [(r, t) for r, t in zip(rows, raw, strict=True) if r["requests"]]
    print()
    print(f"model {alias}, prompt {args.prompt}, {threads} threads, {len(rows)} articles")
    print(
        f"median seconds per article:            {statistics.median(r['wall_s'] for r in rows):.2f}"
    )
    if near_300:
        n, median = len(near_300), statistics.median(near_300)
        print(f"median for 200-400 word articles (n={n}): {median:.2f}")
    print(
        f"median prompt tokens / output tokens:  "
        f"{statistics.median(r['prompt_tokens'] for r in rows):.0f} / "
        f"{statistics.median(r['output_tokens'] for r in rows):.0f}"
    )
    print(f"most output tokens in one article:      {max(r['output_tokens'] for r in rows)}")
    if with_calls:
        toolkit = sum(r["wall_s"] for r, _ in with_calls)
        bare = sum(t for _, t in with_calls)
        ratio = toolkit / max(bare, 1e-9)
        print(f"toolkit {toolkit:.1f}s vs raw llama.cpp {bare:.1f}s: ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
