"""Extraction strategies, chosen by a prompt's ``strategy`` header.

``structured``: one instructor call for capable models. ``fielded``: short, grammar-constrained
questions over candidates found in the article, for the small embedded model.
"""

from __future__ import annotations

from functools import cache

from summarize.strategies.base import CallContext, Strategy
from summarize.strategies.dependencies import fingerprint
from summarize.strategies.fielded import fielded
from summarize.strategies.reader import reader
from summarize.strategies.structured import structured

STRATEGIES: dict[str, Strategy] = {"structured": structured, "fielded": fielded, "reader": reader}


@cache
def strategy_fingerprint(name: str) -> str:
    """A hash of the code and phrase data behind a strategy's answers (its whole dependency
    set in the package), so caches and run files notice a changed rule."""
    return fingerprint(name)


__all__ = ["STRATEGIES", "CallContext", "Strategy", "strategy_fingerprint"]
