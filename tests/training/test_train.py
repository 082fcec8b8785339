"""The training loop's pure parts: learning-rate schedule and option handling (no torch)."""

from __future__ import annotations

import dataclasses

import pytest

from training.config import load_config
from training.train import lr_at


@pytest.fixture
def config():  # type: ignore[no-untyped-def]
    base = load_config()
    return dataclasses.replace(
        base, optim=dataclasses.replace(base.optim, lr=1e-3, warmup_steps=10)
    )


def test_warmup_rises_linearly_to_the_peak(config) -> None:  # type: ignore[no-untyped-def]
    assert lr_at(0, config, 100) == pytest.approx(1e-4)
    assert lr_at(9, config, 100) == pytest.approx(1e-3)


@pytest.mark.parametrize(("step", "expected"), [(10, 1e-3), (55, 5e-4), (100, 0.0)])
def test_cosine_decays_to_zero(config, step: int, expected: float) -> None:  # type: ignore[no-untyped-def]
    assert lr_at(step, config, 100) == pytest.approx(expected, abs=1e-9)


def test_constant_schedule_stays_at_the_peak(config) -> None:  # type: ignore[no-untyped-def]
    flat = dataclasses.replace(config, optim=dataclasses.replace(config.optim, schedule="constant"))
    assert lr_at(90, flat, 100) == pytest.approx(1e-3)
