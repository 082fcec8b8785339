"""Shared corpus for the training tests: generated once per session, it takes a few seconds."""

from __future__ import annotations

import pytest

from training.corpus import Example
from training.generate import examples

CORPUS_SEED = 7
CORPUS_SIZE = 2000


@pytest.fixture(scope="session")
def corpus() -> list[Example]:
    """The first 2,000 examples of the seed the docs use (``--seed 7``)."""
    return list(examples(CORPUS_SIZE, CORPUS_SEED))
