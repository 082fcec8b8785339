"""A string found in a text, and where: what the text readers hand back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """``text`` is ``source[start:end]``."""

    text: str
    start: int
    end: int
