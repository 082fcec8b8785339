"""The typer application every command module registers on."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="summarize",
    help="Turn business-deal news into validated, grounded structured summaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
"""Messages, progress and tables go to stderr so stdout stays pure JSON(L)."""
