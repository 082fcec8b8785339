"""What a run costs: a per-model price table, and a budget that stops a run before it is passed.

Prices come from the packaged ``prices.yaml``, then the user's ``prices.yaml`` in their config
directory, then a ``--prices`` file, later ones winning. The embedded model costs nothing.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import platformdirs
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarize.exceptions import ConfigError
from summarize.schema import Usage

FREE_PROVIDERS = frozenset({"local"})
"""Providers that run on the user's machine: their tokens cost nothing."""


class ModelPrice(BaseModel):
    """USD per million tokens for one model."""

    model_config = ConfigDict(extra="forbid")

    input: float = Field(ge=0)
    output: float = Field(ge=0)

    def cost(self, usage: Usage) -> float:
        return (usage.prompt_tokens * self.input + usage.completion_tokens * self.output) / 1e6


def user_prices_path() -> Path:
    """The user's own price file, read when it exists."""
    return Path(platformdirs.user_config_dir("summarize")) / "prices.yaml"


def _read_prices(text: str, where: str) -> dict[str, ModelPrice]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML ({exc})".splitlines()[0]) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected 'model: {{input: X, output: Y}}' entries")
    prices = {}
    for model, entry in data.items():
        try:
            prices[str(model)] = ModelPrice.model_validate(entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"]) or "entry"
            raise ConfigError(
                f"{where}: price for {model!r}, {loc}: {first['msg']} "
                "(write 'MODEL: {input: USD_PER_M, output: USD_PER_M}')"
            ) from None
    return prices


@dataclass(frozen=True)
class PriceTable:
    """Model name → price; a dated name uses the longest entry it starts with."""

    prices: Mapping[str, ModelPrice] = field(default_factory=dict)

    @classmethod
    def load(cls, *extra: Path | None) -> PriceTable:
        """Packaged prices, then the user's file, then ``extra`` files."""
        packaged = resources.files("summarize.batch").joinpath("prices.yaml").read_text("utf-8")
        prices = _read_prices(packaged, "packaged prices.yaml")
        for path in (user_prices_path(), *extra):
            if path is None or (path == user_prices_path() and not path.is_file()):
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read price file ({exc.strerror})") from None
            prices.update(_read_prices(text, str(path)))
        return cls(prices)

    def price(self, provider: str, model: str) -> ModelPrice | None:
        """The price for a model, or None when nobody told us."""
        if provider in FREE_PROVIDERS:
            return ModelPrice(input=0, output=0)
        if model in self.prices:
            return self.prices[model]
        matches = [name for name in self.prices if model.startswith(name)]
        return self.prices[max(matches, key=len)] if matches else None

    def require(self, provider: str, model: str) -> ModelPrice:
        """The price, or a ConfigError saying how to add one."""
        price = self.price(provider, model)
        if price is None:
            raise ConfigError(
                f"no price known for model {model!r}, so --max-cost cannot be enforced; put "
                f"'{model}: {{input: USD_PER_M, output: USD_PER_M}}' in a file, pass --prices FILE"
            )
        return price


@dataclass
class UsageEstimator:
    """Guesses an article's tokens before the call, from what earlier articles used.

    Deliberately high: the budget and the token rate limit must hold even for the longest
    article, so it scales by the most tokens per character seen so far.
    """

    prior_overhead_tokens: int = 4000
    """Prompt tokens besides the article (instructions, schema) before anything is observed."""
    prior_completion_tokens: int = 1500
    _prompt_per_char: float = 0.0
    _overhead: int = 0
    _completion: int = 0
    observed: int = 0

    def observe(self, chars: int, usage: Usage) -> None:
        if usage.total_tokens == 0:
            return
        self.observed += 1
        self._prompt_per_char = max(self._prompt_per_char, usage.prompt_tokens / max(chars, 1))
        self._overhead = max(self._overhead, usage.prompt_tokens)
        self._completion = max(self._completion, usage.completion_tokens)

    def estimate(self, chars: int) -> Usage:
        if not self.observed:
            return Usage(
                prompt_tokens=chars // 3 + self.prior_overhead_tokens,
                completion_tokens=self.prior_completion_tokens,
            )
        prompt = max(self._overhead, math.ceil(self._prompt_per_char * chars))
        return Usage(prompt_tokens=prompt, completion_tokens=self._completion)


@dataclass
class Budget:
    """Spending so far, and whether one more article fits under ``limit`` (USD).

    An article reserves its (high) estimate before its call and books its real cost after.
    When only in-flight reservations stand in the way it waits for them to settle; when even
    the money already spent leaves no room, the budget is exhausted and the run stops.
    """

    price: ModelPrice | None
    limit: float | None = None
    spent: float = 0.0
    reserved: float = 0.0
    usage: Usage = field(default_factory=Usage)
    estimator: UsageEstimator = field(default_factory=UsageEstimator)
    exhausted: bool = False
    """Set once an article could not fit: no further article starts."""
    _settled: asyncio.Event | None = field(default=None, repr=False)

    async def reserve(self, chars: int) -> float | None:
        """Hold the most an article may cost; None when it cannot fit (the run stops)."""
        if self.limit is None or self.price is None:
            return 0.0
        while not self.exhausted:
            estimate = self.price.cost(self.estimator.estimate(chars))
            if self.spent + estimate > self.limit:
                self.exhausted = True
                break
            if self.spent + self.reserved + estimate <= self.limit:
                self.reserved += estimate
                return estimate
            if self._settled is None:
                self._settled = asyncio.Event()
            await self._settled.wait()  # an article in flight will settle and free room
        return None

    def settle(self, reserved: float, chars: int, usage: Usage) -> float | None:
        """Release a reservation and book what the article really used; returns its cost."""
        self.reserved = max(0.0, self.reserved - reserved)
        self.usage = self.usage + usage
        self.estimator.observe(chars, usage)
        cost = self.price.cost(usage) if self.price is not None else None
        self.spent += cost or 0.0
        if self._settled is not None:
            self._settled.set()
            self._settled = None
        return cost

    @property
    def cost(self) -> float | None:
        return self.spent if self.price is not None else None


def format_cost(cost: float | None) -> str:
    """``$0.0123``, or ``$?`` when the model has no price."""
    if cost is None:
        return "$?"
    return f"${cost:.4f}" if cost < 1 else f"${cost:,.2f}"
