"""Fail a run that is below an absolute floor or has dropped against a baseline run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from summarize.evals.runfile import RunFile
from summarize.evals.scorers import FIELDS
from summarize.exceptions import ConfigError

GATE_METRICS: tuple[str, ...] = ("overall", "hallucination_rate", *FIELDS)
LOWER_IS_BETTER = frozenset({"hallucination_rate"})


def parse_min_scores(items: Iterable[str]) -> dict[str, float]:
    """``["parties=0.8", "overall=0.6"]`` → ``{"parties": 0.8, "overall": 0.6}``."""
    floors: dict[str, float] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or name not in GATE_METRICS:
            raise ConfigError(
                f"--min-score {item!r}: use FIELD=VALUE with FIELD one of {', '.join(GATE_METRICS)}"
            )
        try:
            value = float(raw)
        except ValueError:
            raise ConfigError(f"--min-score {item!r}: {raw!r} is not a number") from None
        if not 0 <= value <= 1:
            raise ConfigError(f"--min-score {item!r}: scores run from 0 to 1")
        floors[name] = value
    return floors


def check_gate(
    run: RunFile,
    *,
    min_scores: Mapping[str, float] | None = None,
    baseline: RunFile | None = None,
    max_drop: float = 0.02,
) -> list[str]:
    """Every failed condition as a short phrase; empty when the run passes.

    ``hallucination_rate`` is a ceiling in ``min_scores`` (lower is better) and may not rise by
    more than ``max_drop`` against the baseline; every other metric is a floor.
    """
    failures = []
    for name, floor in (min_scores or {}).items():
        value = run.metric(name)
        if value is None:
            failures.append(f"{name} was not scored")
        elif name in LOWER_IS_BETTER and value > floor:
            failures.append(f"{name} {value:.3f} > {floor:.3f}")
        elif name not in LOWER_IS_BETTER and value < floor:
            failures.append(f"{name} {value:.3f} < {floor:.3f}")
    if baseline is not None:
        for name in GATE_METRICS:
            before, after = baseline.metric(name), run.metric(name)
            if before is None or after is None:
                continue
            drop = (after - before) if name in LOWER_IS_BETTER else (before - after)
            if drop > max_drop + 1e-9:
                failures.append(
                    f"{name} {before:.3f}→{after:.3f} (worse by {drop:.3f} > {max_drop})"
                )
    return failures


def gate_message(failures: list[str]) -> str:
    """One line for the terminal and the CI log."""
    return "eval gate failed: " + "; ".join(failures)
