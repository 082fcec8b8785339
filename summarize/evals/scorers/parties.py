"""parties: a role-aware set, scored with precision, recall and F1; plus target accuracy.

A produced party counts as right when it names the same company as a labeled party
(``summarize.names.same_entity``: legal suffixes, the label's aliases, fuzzy spelling) and its role
is the labeled role or one of ``accept_roles``. The right company in the wrong role is a false
positive and leaves the labeled party missed. ``optional`` parties are neither required nor
penalised; the same company repeated in the same role counts once.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarize.evals.labels import ExpectedParty, Trap
from summarize.evals.scorers.base import Score
from summarize.names import AliasTable, same_entity
from summarize.schema import Party, Role


def f1(tp: int, fp: int, fn: int) -> float:
    """F1 of one set; 1.0 when nothing was expected and nothing produced."""
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


def score_parties(
    expected: Sequence[ExpectedParty],
    produced: Sequence[Party],
    traps: Sequence[Trap] = (),
    aliases: AliasTable | None = None,
) -> Score:
    """Set F1 over (company, role) pairs."""
    matched: set[int] = set()
    tp = fp = hallucinated = 0
    notes: list[str] = []
    for party in produced:
        same = [i for i, e in enumerate(expected) if same_entity(party.name, e.name, aliases)]
        role_ok = [i for i in same if party.role in expected[i].roles()]
        free = [i for i in role_ok if i not in matched]
        if free:
            matched.add(free[0])
            tp += 0 if expected[free[0]].optional else 1
        elif role_ok:
            notes.append(f"{party.name} repeated")
        elif same:
            fp += 1
            labeled = expected[same[0]].role.value
            notes.append(f"{party.name} as {party.role.value}, labeled {labeled}")
        else:
            fp += 1
            trap = next(
                (t for t in traps if t.name and same_entity(party.name, t.name, aliases)), None
            )
            if trap is not None or not expected:
                hallucinated += 1
            notes.append(
                f"extra {party.name} ({party.role.value})"
                + (f"; trap: {trap.note}" if trap else "")
            )
    missed = [e for i, e in enumerate(expected) if i not in matched and not e.optional]
    notes += [f"missed {e.name} ({e.role.value})" for e in missed]
    fn = len(missed)
    value = f1(tp, fp, fn)
    reason = "; ".join(notes) or ("all parties match" if tp else "empty, as labeled")
    return Score(
        value, reason, tp=tp, fp=fp, fn=fn, produced=len(produced), hallucinated=hallucinated
    )


def required_targets(expected: Sequence[ExpectedParty]) -> list[ExpectedParty]:
    return [e for e in expected if e.role is Role.target and not e.optional]


def score_target(
    expected: Sequence[ExpectedParty],
    produced: Sequence[Party],
    aliases: AliasTable | None = None,
) -> Score:
    """1.0 when every labeled target was produced with an accepted role (the deal's subject)."""
    found, missing = [], []
    for target in required_targets(expected):
        hit = any(
            p.role in target.roles() and same_entity(p.name, target.name, aliases) for p in produced
        )
        (found if hit else missing).append(target.name)
    if missing:
        return Score(0.0, "target not found: " + ", ".join(missing), fn=1)
    return Score(1.0, "target found: " + ", ".join(found), tp=1)
