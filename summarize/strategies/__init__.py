"""Extraction strategies, chosen by a prompt's ``strategy`` header.

``structured``: one instructor call for capable models. ``fielded``: short, grammar-constrained
questions over candidates found in the article, for the small embedded model.
"""

from __future__ import annotations

from summarize.strategies.base import CallContext, Strategy
from summarize.strategies.fielded import fielded
from summarize.strategies.structured import structured

STRATEGIES: dict[str, Strategy] = {"structured": structured, "fielded": fielded}

__all__ = ["STRATEGIES", "CallContext", "Strategy"]
