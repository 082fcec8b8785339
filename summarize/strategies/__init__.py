"""Extraction strategies, chosen by a prompt's ``strategy`` header.

``structured``: one instructor call for capable models. ``fielded``: short, grammar-constrained
questions over candidates found in the article, for the small embedded model.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from summarize.strategies.base import CallContext, Strategy
from summarize.strategies.fielded import fielded
from summarize.strategies.reader import reader
from summarize.strategies.structured import structured

STRATEGIES: dict[str, Strategy] = {"structured": structured, "fielded": fielded, "reader": reader}


@cache
def strategy_fingerprint(name: str) -> str:
    """A hash of the code behind a strategy, so caches and cassettes notice a changed rule."""
    package = Path(__file__).parent
    files = [package / "base.py", package / f"{name}.py"]
    if name in ("fielded", "reader"):
        files += [package / "candidates.py", package / "cues.py", package.parent / "money.py"]
    if name == "reader":
        files += [package / "fielded.py", package / "structured.py"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


__all__ = ["STRATEGIES", "CallContext", "Strategy", "strategy_fingerprint"]
