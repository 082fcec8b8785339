"""amount and valuation: value and currency scored together, the qualifier scored on its own.

The value is right when the currency matches and it is within ``EXACT_TOLERANCE`` of the label
for an exact amount, or ``APPROX_TOLERANCE`` when the article hedges it ("about", "more than",
"up to", a range); for a range the upper bound must match too. Both are in base units, so
"Rs 450 crore" and "4.5 billion rupees" agree. A label's ``accept`` alternatives (the converted
figure in parentheses, the equity value next to the enterprise value) are right too, each judged
by the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarize.evals.labels import ExpectedMoney, Trap
from summarize.evals.scorers.base import Score, first_trap, trap_note
from summarize.money import values_match
from summarize.schema import Money, Qualifier

EXACT_TOLERANCE = 0.01
"""±1%: absorbs rounding ("$2.15 billion" written as 2.1e9 is off by 2.3% and is wrong)."""
APPROX_TOLERANCE = 0.05
"""±5% when the article itself hedges the amount."""
TRAP_TOLERANCE = 0.01


def tolerance(expected: ExpectedMoney) -> float:
    """The relative tolerance the label allows."""
    return EXACT_TOLERANCE if expected.qualifiers() == {Qualifier.exact} else APPROX_TOLERANCE


def show_money(money: Money | ExpectedMoney) -> str:
    upper = f"-{money.upper:,.6g}" if money.upper else ""
    return f"{money.currency} {money.value:,.6g}{upper}"


def _hits(trap: Trap, produced: Money) -> bool:
    if not isinstance(trap.value, int | float):
        return False
    same_currency = trap.currency is None or trap.currency.upper() == produced.currency
    return same_currency and values_match(
        float(trap.value), produced.value, tolerance=TRAP_TOLERANCE
    )


def _problems(expected: ExpectedMoney, produced: Money) -> list[str]:
    """Why ``produced`` is not this labeled amount; empty when it is."""
    problems = []
    if produced.currency != expected.currency:
        problems.append(f"currency {produced.currency}, expected {expected.currency}")
    tol = tolerance(expected)
    if not values_match(expected.value, produced.value, tolerance=tol):
        problems.append(
            f"value {produced.value:,.6g} not within ±{tol:.0%} of {expected.value:,.6g}"
        )
    if expected.upper is not None and not (
        produced.upper is not None and values_match(expected.upper, produced.upper, tolerance=tol)
    ):
        problems.append(f"upper bound {produced.upper or 'none'}, expected {expected.upper:,.6g}")
    return problems


def matched_amount(expected: ExpectedMoney, produced: Money) -> ExpectedMoney | None:
    """The labeled amount or ``accept`` alternative that ``produced`` matches, if any."""
    return next((m for m in expected.accepted() if not _problems(m, produced)), None)


def score_money(
    expected: ExpectedMoney | None, produced: Money | None, traps: Sequence[Trap] = ()
) -> Score:
    """Value and currency: right (the label or an ``accept`` alternative, each with its own
    tolerance), wrong, missed, or hallucinated (label empty / trap matched)."""
    trap = first_trap(traps, lambda t: _hits(t, produced)) if produced is not None else None
    if expected is None:
        if produced is None:
            return Score(1.0, "empty, as labeled")
        why = f"produced {show_money(produced)} where the label is empty{trap_note(trap)}"
        return Score(0.0, why, fp=1, produced=1, hallucinated=1)
    if produced is None:
        return Score(0.0, f"missed {show_money(expected)} ({expected.text!r})", fn=1)
    match = matched_amount(expected, produced)
    if match is not None:
        also = "" if match is expected else f" (accepted: {match.text!r})"
        return Score(1.0, f"{show_money(produced)} matches{also}", tp=1, produced=1)
    why = "; ".join(_problems(expected, produced)) + trap_note(trap)
    return Score(0.0, why, fp=1, fn=1, produced=1, hallucinated=int(trap is not None))


def score_qualifier(expected: ExpectedMoney, produced: Money) -> Score:
    """Scored only when both amounts exist, so a missing amount is not counted twice.

    When the produced amount matches an ``accept`` alternative, that alternative's qualifier is
    the one to get right (an enterprise value "about $2bn" next to an equity value "$1.6bn").
    """
    label = matched_amount(expected, produced) or expected
    if produced.qualifier in label.qualifiers():
        return Score(1.0, f"{produced.qualifier.value} matches", tp=1)
    return Score(0.0, f"{produced.qualifier.value} instead of {label.qualifier.value}", fp=1, fn=1)
