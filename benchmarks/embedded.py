"""Embedded-model speed: seconds per article, and overhead over the raw llama.cpp calls.

Runs the embedded strategy over the eval dataset's articles through the loopback server (the
real path), records every completion request it sends, then replays exactly those prompts,
grammars and token limits in-process with ``llama_cpp.Llama`` (no HTTP, no pipeline) in the same
order, so llama.cpp's prefix reuse helps both sides equally. Prints per-article times, the
seconds per 800 words, and the ratio pipeline / raw.

    python benchmarks/embedded.py [--prompt deal-embedded] [--limit 31]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from pathlib import Path

import openai

from summarize.articles import read_file
from summarize.pipeline import Summarizer
from summarize.providers import Endpoint
from summarize.providers.embedded import EMBEDDED_MODEL_ALIAS, EmbeddedServer, model_path

DATASET = Path(__file__).resolve().parent.parent / "evals" / "datasets" / "deals" / "dev"
"""The dev split only: the frozen test split is scored in aggregate, never article by article."""


async def run_pipeline(
    url: str, prompt: str, paths: list[Path]
) -> tuple[list[dict], list[list[dict]]]:
    """Summarize each article; return per-article timings and the requests each one sent."""
    captured: list[dict] = []

    async def hook(request: object) -> None:
        if request.url.path.endswith("/completions"):  # type: ignore[attr-defined]
            captured.append(json.loads(request.content))  # type: ignore[attr-defined]

    endpoint = Endpoint(provider="local", model=EMBEDDED_MODEL_ALIAS, base_url=url, api_key="none")
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
        rows.append(
            {
                "id": article.id,
                "words": len(article.text.split()),
                "wall_s": wall,
                "model_s": summary.metadata.model_latency_s if summary.metadata else 0.0,
                "requests": len(captured) - before,
            }
        )
        requests.append(captured[before:])
    await summarizer.aclose()
    return rows, requests


def run_raw(requests: list[list[dict]], threads: int) -> list[float]:
    """The same completion calls made in-process, without HTTP or the pipeline."""
    import llama_cpp

    llm = llama_cpp.Llama(
        model_path=str(model_path()), n_ctx=8192, n_threads=threads, n_threads_batch=threads,
        n_batch=512, verbose=False,
    )  # fmt: skip
    times = []
    for article_requests in requests:
        started = time.perf_counter()
        for body in article_requests:
            grammar = (
                llama_cpp.LlamaGrammar.from_string(body["grammar"], verbose=False)
                if body.get("grammar")
                else None
            )
            llm.create_completion(
                prompt=body["prompt"], max_tokens=body.get("max_tokens", 16),
                temperature=body.get("temperature", 0.0), grammar=grammar,
            )  # fmt: skip
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt", default="deal-embedded")
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    paths = sorted(DATASET.glob("*.txt"))[: args.limit]
    threads = os.cpu_count() or 1
    with EmbeddedServer(model=model_path(), n_threads=threads) as server:
        # Warm-up: load weights and the first prompt outside the measurement.
        asyncio.run(run_pipeline(server.url, args.prompt, paths[:1]))
        rows, requests = asyncio.run(run_pipeline(server.url, args.prompt, paths))
    raw = run_raw(requests, threads)
    print(f"{'article':40} {'words':>5} {'reqs':>4} {'pipeline s':>10} {'raw s':>7}")
    for row, raw_s in zip(rows, raw, strict=True):
        name, words, reqs = row["id"][:40], row["words"], row["requests"]
        print(f"{name:40} {words:5d} {reqs:4d} {row['wall_s']:10.2f} {raw_s:7.2f}")
    total_wall = sum(r["wall_s"] for r in rows)
    total_raw = sum(raw)
    words = sum(r["words"] for r in rows)
    with_calls = [(r, t) for r, t in zip(rows, raw, strict=True) if r["requests"]]
    print()
    print(f"articles: {len(rows)}, model calls: {sum(r['requests'] for r in rows)}")
    print(f"mean seconds per article: {statistics.mean(r['wall_s'] for r in rows):.2f}")
    print(f"seconds per 800 words:    {total_wall / words * 800:.2f}")
    print(f"pipeline total {total_wall:.2f}s vs raw llama.cpp calls {total_raw:.2f}s")
    if with_calls:
        ratio = sum(r["wall_s"] for r, _ in with_calls) / max(sum(t for _, t in with_calls), 1e-9)
        print(f"ratio pipeline / raw (articles that called the model): {ratio:.2f}")


if __name__ == "__main__":
    main()
