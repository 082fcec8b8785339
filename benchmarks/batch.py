"""Batch throughput against a loopback model with fixed latency, as a share of the ideal.

    python benchmarks/batch.py                      # concurrency 8, 32, 64 at 200 ms
    python benchmarks/batch.py --rss-articles 10000 # plus peak RSS over a 10,000-article run
    python benchmarks/batch.py --profile 64         # where the client's CPU time goes

The ideal is concurrency / latency articles per second: what a client that costs nothing
would reach. The fake server (summarize.testing) runs in its own process so its CPU time is
not charged to the client; it answers every request with a fixed valid summary, so this
measures the toolkit's own overhead (request building, HTTP, validation, the runner, the
output file), not a model. Grounding is off: the fake summary carries no quotes to check.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from summarize.articles import Article
from summarize.batch import BatchRunner, OutputLog, ResultCache
from summarize.pipeline import Summarizer
from summarize.providers import Endpoint
from summarize.testing import FaultServer, fake_articles

PROMPT = """\
---
name: bench-json
version: "1"
description: One structured call in JSON mode, answered by the fake server.
strategy: structured
---
{% block system %}Extract the business deal the article reports, as JSON.{% endblock %}
{% block user %}{{ article }}{% endblock %}
"""
FILLER = 30
"""Sentences of padding per fake article: about 3 KB, a typical news article."""


@dataclass
class Figures:
    concurrency: int
    articles: int
    seconds: float
    cpu_ms_per_article: float
    latency_s: float

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    @property
    def ideal(self) -> float:
        return self.concurrency / self.latency_s

    def line(self) -> str:
        return (
            f"concurrency {self.concurrency:>3}: {self.rate:7.1f} articles/s of ideal "
            f"{self.ideal:6.1f} = {self.rate / self.ideal:.2f} x ideal  "
            f"({self.articles} articles in {self.seconds:.1f}s, "
            f"client CPU {self.cpu_ms_per_article:.2f} ms/article)"
        )


def rss_mb() -> float:
    """Current resident set size of this process."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux


async def run_once(
    url: str, prompt: Path, out: Path, concurrency: int, articles: Iterator[Article],
    count: int, latency_s: float, samples: dict[int, float] | None = None,
    cache: ResultCache | None = None,
) -> Figures:  # fmt: skip
    endpoint = Endpoint(
        provider="openai", model="fake-model", base_url=url, api_key="bench", mode="json"
    )
    summarizer = Summarizer(
        endpoint=endpoint, prompt=str(prompt), grounding="off", concurrency=concurrency
    )
    warm = next(fake_articles(1, start=10**7))
    await summarizer.summarize(warm)  # connection and one-time preparation out of the timing
    runner = BatchRunner(summarizer, concurrency=concurrency, cache=cache)
    cpu = time.process_time()
    started = time.perf_counter()
    with OutputLog(out, resume=False) as log:
        async for result in runner.run(articles):
            log.write(result.record())
            if samples is not None and runner.stats.done % 1000 == 0:
                samples[runner.stats.done] = rss_mb()
    seconds = time.perf_counter() - started
    cpu_ms = (time.process_time() - cpu) / count * 1000
    await summarizer.aclose()
    if runner.stats.failed:
        raise SystemExit(f"{runner.stats.failed} articles failed; the figures would mislead")
    return Figures(concurrency, count, seconds, cpu_ms, latency_s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="*", default=[8, 32, 64])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per request")
    parser.add_argument(
        "--seconds", type=float, default=8.0, help="ideal duration of each throughput run"
    )
    parser.add_argument("--rss-articles", type=int, default=0, help="articles for the RSS run")
    parser.add_argument("--profile", type=int, metavar="CONCURRENCY", help="profile one run")
    parser.add_argument(
        "--sort", default="tottime", choices=["tottime", "cumulative"], help="profile order"
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="write every result to a fresh SQLite cache, as `run` does",
    )
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        FaultServer(latency_s=args.latency, process=True, max_lifetime_s=3600) as server,
    ):
        prompt = Path(tmp) / "bench-json.j2"
        prompt.write_text(PROMPT, encoding="utf-8")
        out = Path(tmp) / "out.jsonl"
        size = len(next(fake_articles(1, filler=FILLER)).text)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, latency "
              f"{args.latency * 1000:.0f} ms, fake articles of ~{size} chars")  # fmt: skip
        for concurrency in [args.profile] if args.profile else args.concurrency:
            count = int(concurrency / args.latency * args.seconds)
            articles = fake_articles(count, filler=FILLER)
            cache = ResultCache(Path(tmp) / f"cache-{concurrency}.sqlite") if args.cache else None
            job = run_once(
                server.url, prompt, out, concurrency, articles, count, args.latency, cache=cache
            )
            if args.profile:
                profiler = cProfile.Profile()
                figures = profiler.runcall(asyncio.run, job)
                report = io.StringIO()
                stats = pstats.Stats(profiler, stream=report).sort_stats(args.sort)
                stats.print_stats(40)
                print(report.getvalue())
            else:
                figures = asyncio.run(job)
            print(figures.line(), flush=True)
        if args.rss_articles:
            samples: dict[int, float] = {}
            before = rss_mb()
            articles = fake_articles(args.rss_articles, filler=FILLER)
            job = run_once(
                server.url, prompt, out, 64, articles, args.rss_articles, args.latency, samples
            )
            figures = asyncio.run(job)
            print(figures.line())
            curve = ", ".join(f"{n // 1000}k: {mb:.0f}" for n, mb in sorted(samples.items()))
            print(f"RSS over {args.rss_articles:,} articles (MB): start {before:.0f}, {curve}; "
                  f"peak {peak_rss_mb():.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
