"""How a field reader asks for a decision the text does not settle: choose one of these options.

The strategy supplies the chooser (a model behind a grammar, or anything else); the reader only
says which question (a prompt block such as ``buyer``) and which options. A single option is
taken without asking.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol


class Choice(NamedTuple):
    """The option chosen (None: no answer among the options) and whether a model chose it."""

    answer: str | None
    by_model: bool


class Chooser(Protocol):
    async def __call__(self, block: str, options: list[str]) -> Choice: ...
