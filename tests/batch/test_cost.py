"""Prices turn tokens into money; --max-cost stops a run before the budget is passed."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.batch import BatchRunner, Budget, ModelPrice, PriceTable, UsageEstimator
from summarize.batch import cost as cost_module
from summarize.cli import app
from summarize.exceptions import ConfigError
from summarize.pipeline import Summarizer
from summarize.schema import Usage
from summarize.testing import FaultServer, fake_articles

FAKE_PRICE = ModelPrice(input=2.0, output=8.0)


@pytest.fixture(autouse=True)
def no_user_prices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's own price file lives in tmp, absent unless a test writes it."""
    path = tmp_path / "config" / "prices.yaml"
    monkeypatch.setattr(cost_module, "user_prices_path", lambda: path)
    return path


@pytest.mark.parametrize(
    ("provider", "model", "expected"),
    [
        ("openai", "gpt-4o-mini", ModelPrice(input=0.15, output=0.60)),
        ("openai", "gpt-4o-mini-2024-07-18", ModelPrice(input=0.15, output=0.60)),
        ("openai", "gpt-4o-2024-08-06", ModelPrice(input=2.50, output=10.00)),
        ("local", "gemma-3-270m", ModelPrice(input=0, output=0)),
        ("openai", "llama-3-70b", None),
    ],
)
def test_packaged_prices(provider: str, model: str, expected: ModelPrice | None) -> None:
    assert PriceTable.load().price(provider, model) == expected


def test_user_files_override_and_extend(tmp_path: Path, no_user_prices: Path) -> None:
    no_user_prices.parent.mkdir()
    no_user_prices.write_text("gpt-4o-mini: {input: 1, output: 2}\nmine: {input: 3, output: 4}\n")
    flag = tmp_path / "flag.yaml"
    flag.write_text("mine: {input: 5, output: 6}\n")
    table = PriceTable.load(flag)
    assert table.price("openai", "gpt-4o-mini") == ModelPrice(input=1, output=2)
    assert table.price("openai", "mine") == ModelPrice(input=5, output=6)


@pytest.mark.parametrize(
    "text",
    ["mine: [1, 2", "- a\n- b\n", "mine: {input: 1}", "mine: {input: -1, output: 1}",
     "mine: {input: 1, output: 1, cached: 0.5}"],
)  # fmt: skip
def test_a_bad_price_file_says_what_to_write(tmp_path: Path, text: str) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=str(path)):
        PriceTable.load(path)


def test_an_unknown_price_cannot_back_a_budget() -> None:
    with pytest.raises(ConfigError, match="--prices FILE"):
        PriceTable.load().require("openai", "llama-3-70b")


def test_cost_is_tokens_times_price_per_million() -> None:
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=500_000)
    assert FAKE_PRICE.cost(usage) == pytest.approx(2.0 + 4.0)


def test_the_estimate_starts_high_and_follows_the_longest_articles() -> None:
    estimator = UsageEstimator()
    first = estimator.estimate(3000)
    assert first.prompt_tokens >= 1000 + estimator.prior_overhead_tokens
    estimator.observe(1000, Usage(prompt_tokens=800, completion_tokens=50))
    estimator.observe(100, Usage(prompt_tokens=300, completion_tokens=90))
    assert estimator.estimate(100) == Usage(prompt_tokens=800, completion_tokens=90)
    assert estimator.estimate(4000).prompt_tokens == 12000  # 3 tokens per char seen at most


async def test_a_reservation_waits_for_articles_in_flight_then_fits() -> None:
    budget = Budget(price=FAKE_PRICE, limit=0.05)
    budget.estimator.observe(100, Usage(prompt_tokens=5000, completion_tokens=1000))  # $0.018
    first = await budget.reserve(100)
    second = await budget.reserve(100)
    assert first and second
    third = asyncio.create_task(budget.reserve(100))
    await asyncio.sleep(0.01)
    assert not third.done()
    budget.settle(first, 100, Usage(prompt_tokens=1000, completion_tokens=100))
    assert await asyncio.wait_for(third, 1) == pytest.approx(0.018)


async def test_a_budget_that_cannot_fit_one_more_article_is_exhausted() -> None:
    budget = Budget(price=FAKE_PRICE, limit=0.02, spent=0.015)
    assert await budget.reserve(1000) is None
    assert budget.exhausted and await budget.reserve(1) is None


async def test_max_cost_stops_before_passing_and_a_rerun_finishes(
    make_summarizer: Callable[..., Summarizer],
) -> None:
    articles = list(fake_articles(40))
    with FaultServer() as server:
        summarizer = make_summarizer(server)
        first = BatchRunner(summarizer, concurrency=4, budget=Budget(FAKE_PRICE, limit=0.05))
        done = [r.id async for r in first.run(articles)]
        rest = BatchRunner(
            summarizer, concurrency=4, budget=Budget(FAKE_PRICE, limit=1.0), skip=set(done)
        )
        later = [r.id async for r in rest.run(articles)]
    assert first.stats.stopped_by_budget
    assert 0 < len(done) < 40
    assert first.stats.cost is not None and first.stats.cost <= 0.05
    assert not rest.stats.stopped_by_budget
    assert sorted(done + later) == [a.id for a in articles]


def test_cli_max_cost_exits_3_and_resumes(
    tmp_path: Path, fake_cli_args: Callable[[FaultServer], list[str]]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n"
                              for a in fake_articles(30)))  # fmt: skip
    prices = tmp_path / "prices.yaml"
    prices.write_text("fake-model: {input: 2.0, output: 8.0}\n")
    out = tmp_path / "out.jsonl"
    with FaultServer() as server:
        args = ["run", str(source), "-o", str(out), "--prices", str(prices), *fake_cli_args(server)]
        stopped = CliRunner().invoke(app, [*args, "--max-cost", "0.03"])
        finished = CliRunner().invoke(app, [*args, "--max-cost", "1"])
    assert stopped.exit_code == 3, stopped.output
    assert "stopped before passing --max-cost $0.03" in stopped.output
    assert finished.exit_code == 0, finished.output
    assert "30 summarized" not in finished.output and "already in out.jsonl" in finished.output
    assert len(out.read_text().splitlines()) == 30
