"""A synthetic corpus of deal articles whose facts are known by construction.

``example(rng, index)`` writes one article and its compact DealSummary target; the pieces:
``names`` (invented companies and people), ``amounts`` and ``dates`` (phrases checked against the
toolkit's own readers), ``facts`` (what a deal is), ``sentences`` (hand-written patterns),
``compose`` (an article from the facts), ``target`` (the labels, quotes cut from the article).
"""

from training.corpus.build import Example, example

__all__ = ["Example", "example"]
