"""Resumed ids as sorted digests: every id found, no other id found."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarize.distributed.ids import contains, digest_array


@given(
    done=st.sets(st.text(min_size=1, max_size=20), max_size=60),
    other=st.sets(st.text(min_size=1, max_size=20), max_size=60),
)
def test_exactly_the_done_ids_are_found(done: set[str], other: set[str]) -> None:
    queries = sorted(done | other)
    found = contains(digest_array(done), queries)
    assert [q for q, hit in zip(queries, found, strict=True) if hit] == sorted(done)


@pytest.mark.parametrize(("done", "queries"), [([], ["a"]), (["a"], []), ([], [])])
def test_empty_sides_find_nothing(done: list[str], queries: list[str]) -> None:
    found = contains(digest_array(done), queries)
    assert found.dtype == np.bool_ and not found.any() and len(found) == len(queries)
