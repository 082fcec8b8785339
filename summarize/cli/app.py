"""The typer application every command module registers on."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from summarize.exceptions import InputError

app = typer.Typer(
    name="summarize",
    help="Turn business-deal news into validated, grounded structured summaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
"""Messages, progress and tables go to stderr so stdout stays pure JSON(L)."""


def output_file(path: Path | None) -> Path | None:
    """A file the user asked us to write: its folder is made up front, before any work, so a
    missing folder fails in the first second rather than after the run."""
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot make the folder for {path}: {exc.strerror}") from None
    return path
