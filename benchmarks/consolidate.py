"""Benchmark: group and merge many synthetic summaries; prints time and peak memory.

    python benchmarks/consolidate.py                 # 100,000 summaries, both modes
    python benchmarks/consolidate.py -n 10000 --mode file
    python benchmarks/consolidate.py --hot 0.1       # a tenth of the deals by five big buyers

``memory`` consolidates a list of DealSummary objects held in memory (the API);
``file`` writes them as a ``summarize run`` JSONL first and reads it back in two passes (the
CLI), which keeps memory flat. Synthetic deals are reported 1-4 times each (2.4 on average),
most companies take part in more than one deal, so grouping meets same-company traps at
scale; every summary has an amount with its quote, two parties, two sources and a key fact, and
one in four also mentions the target's last valuation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from summarize.consolidate import consolidate
from summarize.consolidate.api import RunFile
from summarize.schema import (
    DealStatus,
    DealSummary,
    DealType,
    Evidence,
    KeyFact,
    Money,
    Party,
    Qualifier,
    Role,
    RunMetadata,
    Source,
    SourceKind,
)

SYLLABLES = (
    "ka", "lo", "mi", "nu", "ra", "te", "vo", "shi", "an", "del",
    "tor", "vix", "mar", "gen", "pol", "sen", "tak", "bri", "cor", "lum",
)  # fmt: skip
OUTLETS = ["Reuters", "Bloomberg", "Financial Times", "The Information", "Nikkei"]
STATUSES = list(DealStatus)[:5]


def companies(rng: random.Random, count: int) -> list[str]:
    """``count`` different company names (different stems, so no two are the same entity)."""
    stems: set[str] = set()
    while len(stems) < count:
        stems.add("".join(rng.choice(SYLLABLES) for _ in range(4)).capitalize())
    kinds = ["Holdings", "Inc.", "Labs", "Group", "Corp", "Robotics", "Bio"]
    return [f"{stem} {rng.choice(kinds)}" for stem in sorted(stems)]


HOT_BUYERS = ["Microsoft Corp", "Alphabet Inc.", "Blackstone Inc.", "SoftBank Group", "KKR & Co."]


def synthetic(n: int, seed: int = 7, hot: float = 0.0) -> Iterator[tuple[str, DealSummary]]:
    """``n`` summaries of about n/2.5 deals, in shuffled order of publication; a share ``hot``
    of the deals have one of five big buyers, as deal news has."""
    rng = random.Random(seed)
    names = companies(rng, max(10, n // 3))
    start = dt.date(2022, 1, 1)
    made = 0
    deal = 0
    while made < n:
        deal += 1
        buyer, target = rng.sample(names, 2)
        if hot and rng.random() < hot:
            buyer = rng.choice(HOT_BUYERS)
        kind = rng.choice([DealType.acquisition, DealType.minority_investment, DealType.merger])
        day = start + dt.timedelta(days=rng.randrange(1000))
        value = rng.choice([1, 2, 5, 10, 25, 40]) * 10 ** rng.choice([6, 7, 8, 9])
        for report in range(min(rng.choice([1, 2, 2, 3, 4]), n - made)):
            made += 1
            status = STATUSES[min(report + rng.randrange(2), len(STATUSES) - 1)]
            text = f"${value / 1e6:g} million"
            amount = Money(
                value=value,
                currency="USD",
                qualifier=rng.choice([Qualifier.exact, Qualifier.approximately]),
                text=text,
                evidence=Evidence(quote=f"agreed to pay {text} for {target}"),
            )
            outlet = rng.choice(OUTLETS)
            valued = KeyFact(
                text=f"{target} was last valued at ${value * 3 / 1e6:g} million.",
                evidence=Evidence(quote=f"{target}, last valued at ${value * 3 / 1e6:g} million,"),
            )
            summary = DealSummary(
                headline=f"{buyer} to buy {target}",
                deal_type=kind,
                status=status,
                parties=[
                    Party(name=buyer, role=Role.acquirer, evidence=Evidence(quote=buyer)),
                    Party(name=target, role=Role.target, evidence=Evidence(quote=target)),
                ],
                amount=amount,
                sources=[
                    Source(name=outlet, kind=SourceKind.news_agency),
                    Source(name="people familiar with the matter", kind=SourceKind.anonymous),
                ],
                key_facts=[
                    KeyFact(
                        text=f"{buyer} agreed to buy {target}.",
                        evidence=Evidence(quote=f"{buyer} has agreed to acquire {target}"),
                    ),
                    *([valued] if made % 4 == 0 else []),
                ],
            )
            yield (
                f"d{deal}-r{report}",
                summary.model_copy(update={"announced_on": day + dt.timedelta(days=report * 20)}),
            )


def peak_mib() -> float:
    """Peak resident memory of this process so far (MiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def report(mode: str, n: int, deals: int, wall: float, cpu: float) -> None:
    """One line of figures; CPU time is the steadier one on a shared machine."""
    print(
        f"{mode:<9} n={n:>7,}  deals={deals:>7,}  wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
        f"({n / cpu:,.0f} summaries per cpu-second)"
    )


def write_run(path: Path, n: int, hot: float = 0.0) -> None:
    """``n`` synthetic summaries as a ``summarize run`` JSONL file, written as they are made."""
    with path.open("w", encoding="utf-8") as handle:
        for article_id, summary in synthetic(n, hot=hot):
            summary.metadata = RunMetadata(
                provider="bench", model="none", prompt_name="none", prompt_version="0",
                article_id=article_id,
            )  # fmt: skip
            handle.write(summary.model_dump_json() + "\n")


def bench_file(n: int, workers: int, hot: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "runs.jsonl"
        write_run(path, n, hot)
        before = peak_mib()
        started, cpu = time.perf_counter(), time.process_time()
        run = RunFile(path)
        count = sum(1 for _ in run.lines(workers=workers))
        wall = time.perf_counter() - started
        own = time.process_time() - cpu
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        report(f"file -j{workers}", n, count, wall, own + children.ru_utime + children.ru_stime)
        steps = ", ".join(f"{step} {s:.2f} s" for step, s in run.stats.seconds.items())
        print(f"          {steps}")
        print(f"          peak RSS {peak_mib():.0f} MiB (before reading {before:.0f} MiB)")


def bench_memory(n: int, hot: float) -> None:
    items = dict(synthetic(n, hot=hot))
    before = peak_mib()
    started, cpu = time.perf_counter(), time.process_time()
    deals = consolidate(items)
    report("memory", n, len(deals), time.perf_counter() - started, time.process_time() - cpu)
    print(f"          peak RSS {peak_mib():.0f} MiB (summaries alone {before:.0f} MiB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="number of summaries")
    parser.add_argument("--mode", choices=["memory", "file", "both"], default="both")
    parser.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--hot", type=float, default=0.0, help="share of deals made by five big buyers (0-1)"
    )
    args = parser.parse_args()
    if args.mode in ("file", "both"):
        bench_file(args.n, args.workers, args.hot)
    if args.mode in ("memory", "both"):
        bench_memory(args.n, args.hot)


if __name__ == "__main__":
    main()
