"""``summarize cache stats|clear``: see and empty the store of summaries already paid for."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from summarize.batch import ResultCache
from summarize.cli.app import app, err

cache_app = typer.Typer(
    help="The result cache: summaries by article text and settings, so reruns cost nothing.",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


@cache_app.command()
def stats() -> None:
    """Show where the cache is, how big, and what it holds per model and prompt."""
    with ResultCache() as cache:
        info = cache.stats()
    err.print(f"path: {info.path}")
    err.print(f"entries: {info.entries:,}   size: {info.size_bytes / 1e6:.1f} MB")
    err.print(
        f"tokens stored: {info.prompt_tokens + info.completion_tokens:,} "
        f"({info.prompt_tokens:,} in, {info.completion_tokens:,} out)"
    )
    if info.by_model:
        table = Table("provider/model prompt@version", "entries", box=None)
        for name, count in info.by_model.items():
            table.add_row(name, f"{count:,}")
        err.print(table)


@cache_app.command()
def clear(
    model: Annotated[
        str | None, typer.Option("--model", help="Only entries made with this model.")
    ] = None,
) -> None:
    """Delete cached summaries (all of them, or one model's)."""
    with ResultCache() as cache:
        removed = cache.clear(model=model)
        path = cache.path
    err.print(f"removed {removed:,} entries from {path}")
