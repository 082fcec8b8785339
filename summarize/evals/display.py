"""Expected and produced values as short strings, for side-by-side reports."""

from __future__ import annotations

from enum import Enum
from typing import Any

from summarize.evals.labels import Accepting, ExpectedMoney, Labels
from summarize.schema import DealSummary, Money


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _money(money: Money | ExpectedMoney | None) -> str:
    if money is None:
        return "—"
    upper = f"–{money.upper:,.0f}" if money.upper else ""
    return f"{money.currency} {money.value:,.0f}{upper} ({money.qualifier.value}; {money.text!r})"


def expected_text(labels: Labels, field: str) -> str:
    """The label for ``field`` as people read it; '(not labeled)' when the label omits it."""
    e = labels.expected
    base = field.split(".")[0]
    if not e.is_labeled(base) and field != "target":
        return "(not labeled)"
    if field == "no_deal":
        return "no deal" if e.no_deal else "a deal"
    if field == "target":
        return ", ".join(p.name for p in e.parties if p.role.value == "target" and not p.optional)
    if field in ("amount", "valuation"):
        money = getattr(e, field)
        return " or ".join(_money(m) for m in money.accepted()) if money else "—"
    if field.endswith(".qualifier"):
        money = getattr(e, base)
        return ", ".join(sorted(q.value for q in money.qualifiers())) if money else "—"
    if field == "parties":
        return (
            "; ".join(
                f"{p.name} ({'/'.join(r.value for r in [p.role, *p.accept_roles])}"
                f"{', optional' if p.optional else ''})"
                for p in e.parties
            )
            or "—"
        )
    if field == "key_people":
        return "; ".join(p.name for p in e.key_people) or "—"
    if field in ("sources", "key_facts"):
        return "; ".join(getattr(e, field)) or "—"
    value = getattr(e, field)
    if isinstance(value, Accepting):
        return " or ".join(_plain(v) for v in value.accepted())
    return _plain(value)


def produced_text(summary: DealSummary | None, field: str) -> str:
    """The summary's value for ``field`` as people read it."""
    if summary is None:
        return "(no summary)"
    base = field.split(".")[0]
    if field == "no_deal":
        return "a deal" if summary.is_deal else "no deal"
    if field == "target":
        return ", ".join(p.name for p in summary.parties if p.role.value == "target") or "—"
    if field in ("amount", "valuation"):
        return _money(getattr(summary, field))
    if field.endswith(".qualifier"):
        money = getattr(summary, base)
        return money.qualifier.value if money else "—"
    if field == "parties":
        return "; ".join(f"{p.name} ({p.role.value})" for p in summary.parties) or "—"
    if field in ("sources", "key_people"):
        return "; ".join(item.name for item in getattr(summary, field)) or "—"
    if field == "key_facts":
        return "; ".join(f.text for f in summary.key_facts) or "—"
    return _plain(getattr(summary, field))
