"""``summarize schema`` and ``summarize prompts``: what the toolkit produces and how it asks."""

from __future__ import annotations

import json

import typer
from rich.table import Column, Table

from summarize.cli.app import app, err
from summarize.prompts import list_prompts
from summarize.schema import deal_summary_json_schema
from summarize.text.sentences import sentences


@app.command()
def schema() -> None:
    """Print the DealSummary JSON Schema."""
    typer.echo(json.dumps(deal_summary_json_schema(), indent=2))


def _first_sentence(text: str) -> str:
    """A table cell, not the whole header: the description up to its first full stop."""
    found = sentences(text)
    return (found[0].text if found else text).rstrip(".") + "."


@app.command()
def prompts() -> None:
    """List the prompt templates with their versions."""
    # Names are what --prompt takes: never cut them, whatever the terminal width.
    table = Table(
        Column("name", no_wrap=True), "version", "strategy", "description",
        Column("path", overflow="fold"), box=None,
    )  # fmt: skip
    for prompt in list_prompts():
        meta = prompt.meta
        table.add_row(
            meta.name,
            meta.version,
            meta.strategy,
            _first_sentence(meta.description),
            str(prompt.path),
        )
    err.print(table)
