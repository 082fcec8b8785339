"""How the price is paid: cash, stock or both, from cue phrases."""

from __future__ import annotations

from summarize.fields.cues import CONSIDERATION_CUES, Cue, best_cue, find_cues, outermost
from summarize.schema import Consideration, DealType
from summarize.text.phrases import pattern

CONSIDERATION_ORDER = [
    c.value for c in (Consideration.mixed, Consideration.cash, Consideration.stock)
]
"""Which payment wins a tie of cue weights."""

UNDECIDED_PAYMENT = pattern("consideration", "undecided")
"""The article says the form of payment is still open: no consideration to report."""


def consideration(text: str, region_end: int, kind: DealType) -> tuple[Consideration, Cue] | None:
    """How the price is paid and the cue that says so; a phrase inside a longer one ("in cash"
    in "in cash and stock") counts only as the longer one. Rounds and joint ventures have no
    price to pay."""
    if kind in (DealType.funding_round, DealType.joint_venture):
        return None
    if UNDECIDED_PAYMENT.search(text):
        return None
    found_cues = outermost(find_cues(CONSIDERATION_CUES, text, region_end))
    found = best_cue(found_cues, CONSIDERATION_ORDER, minimum=2.0)
    return (Consideration(found[0]), found[1]) if found else None
