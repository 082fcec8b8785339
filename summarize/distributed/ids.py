"""The ids a resumed run skips, small enough to send to every reader on a cluster.

Ten million ids as a Python set take about a gigabyte in every process that holds one. As
16-byte digests in one sorted numpy array they take 160 MB, live once per machine in Ray's
object store (numpy arrays are read from it without a copy), and a whole batch is looked up
with one ``searchsorted``. Two ids share a digest with odds of about 10^-25 at that size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

DIGEST_BYTES = 16


def id_digest(article_id: str) -> bytes:
    return hashlib.blake2b(article_id.encode("utf-8"), digest_size=DIGEST_BYTES).digest()


def digest_array(ids: Iterable[str]) -> np.ndarray:
    """The sorted digests of ``ids``, ready for ``contains``."""
    digests = np.array([id_digest(i) for i in ids], dtype=f"S{DIGEST_BYTES}")
    digests.sort()
    return digests


def contains(digests: np.ndarray, ids: Sequence[str]) -> np.ndarray:
    """For each id, whether its digest is in the sorted array ``digests``."""
    if not len(digests) or not len(ids):
        return np.zeros(len(ids), dtype=bool)
    wanted = np.array([id_digest(i) for i in ids], dtype=f"S{DIGEST_BYTES}")
    where = np.searchsorted(digests, wanted).clip(max=len(digests) - 1)
    return digests[where] == wanted
