"""Helpers for testing and benchmarking code that calls a model, with no model at all."""

from __future__ import annotations

from summarize.testing.faultserver import (
    FAULT_KINDS,
    Event,
    Faults,
    FaultServer,
    fake_article,
    fake_articles,
    fake_summary,
)

__all__ = [
    "FAULT_KINDS",
    "Event",
    "FaultServer",
    "Faults",
    "fake_article",
    "fake_articles",
    "fake_summary",
]
