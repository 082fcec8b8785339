"""What every scorer returns, and the null/trap rules every single-value field shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any, TypeVar

from summarize.evals.labels import Accepting, Trap

T = TypeVar("T")
P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class Score:
    """One field of one article: a value in [0, 1], why, and the counts the metrics add up."""

    value: float
    reason: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    produced: int = 0
    """Values the summary produced that the label lets us judge."""
    hallucinated: int = 0
    """Produced values where the label says empty, or that match a trap."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def show(value: Any) -> str:
    """A label or produced value as people read it in reasons and reports."""
    if value is None:
        return "none"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def trap_note(trap: Trap | None) -> str:
    return f"; trap: {trap.note}" if trap else ""


def first_trap(traps: Sequence[Trap], hit: Callable[[Trap], bool]) -> Trap | None:
    return next((t for t in traps if hit(t)), None)


def score_single(
    expected: Accepting[T] | None,
    produced: P | None,
    *,
    same: Callable[[T, P], bool],
    traps: Sequence[Trap] = (),
    hits_trap: Callable[[Trap, P], bool] | None = None,
) -> Score:
    """A field with one value: right (any accepted value), wrong, missed, or hallucinated."""
    trap = None
    if produced is not None and hits_trap is not None:
        trap = first_trap(traps, lambda t: hits_trap(t, produced))
    if expected is None:
        if produced is None:
            return Score(1.0, "empty, as labeled")
        return Score(
            0.0,
            f"produced {show(produced)} where the label is empty{trap_note(trap)}",
            fp=1,
            produced=1,
            hallucinated=1,
        )
    if produced is None:
        return Score(0.0, f"missed {show(expected.value)}", fn=1)
    if any(same(value, produced) for value in expected.accepted()):
        return Score(1.0, f"{show(produced)} matches", tp=1, produced=1)
    return Score(
        0.0,
        f"{show(produced)} instead of {show(expected.value)}{trap_note(trap)}",
        fp=1,
        fn=1,
        produced=1,
        hallucinated=int(trap is not None),
    )
