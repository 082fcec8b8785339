"""Command line: ``summarize run|schema|prompts|serve|eval|consolidate|cache``.

Each command lives in its own module and registers on the shared ``app``.
"""

from __future__ import annotations

import sys

from rich.markup import escape

from summarize.cli import cache, consolidate, eval, info, run, serve, show  # noqa: F401  (registers commands)
from summarize.cli.app import app, err
from summarize.exceptions import SummarizeError


def main() -> None:
    """Entry point: one-line errors for everything we raise on purpose, never a traceback."""
    try:
        app()
    except SummarizeError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", markup=True, soft_wrap=True)
        sys.exit(2)
    except OSError as exc:  # a path we were given cannot be read or written
        where = f"{exc.filename}: " if exc.filename else ""
        message = escape(where + (exc.strerror or str(exc)))
        err.print(f"[red]error:[/red] {message}", markup=True, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


__all__ = ["app", "main"]
