"""``summarize schema``, ``prompts`` and ``models``: what the toolkit writes, how it asks, and
which embedded models it can run."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Column, Table

from summarize.cli.app import app, err
from summarize.exceptions import ConfigError
from summarize.prompts import list_prompts
from summarize.schema import (
    deal_summary_json_schema,
    error_record_json_schema,
    record_json_schema,
)
from summarize.text.sentences import sentences

SCHEMAS = {
    "record": record_json_schema,
    "error": error_record_json_schema,
    "model": deal_summary_json_schema,
}


@app.command()
def schema(
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="record: a summary as 'summarize run' writes it; error: an error record; "
            "model: what the model is asked to fill.",
        ),
    ] = "record",
) -> None:
    """Print a JSON Schema: by default, of the summary records 'summarize run' writes."""
    if kind not in SCHEMAS:
        raise ConfigError(f"unknown schema {kind!r}; choose one of: {', '.join(SCHEMAS)}")
    typer.echo(json.dumps(SCHEMAS[kind](), indent=2))


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


@app.command()
def models(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per model.")] = False,
) -> None:
    """List the embedded models: size, licence, provenance, sha256, and whether installed."""
    from summarize.providers import DEFAULT_PROMPTS, embedded_model_for
    from summarize.providers.models import MODELS, installed

    default = embedded_model_for(DEFAULT_PROMPTS["local"])
    for model in MODELS.values():
        facts = {
            "model": model.alias, "default": model.alias == default, "size_bytes": model.size,
            "kind": "instruct" if model.instruct else "base", "licence": model.licence,
            "installed": installed(model), "packages": model.packages,
            "provenance": model.provenance, "sha256": model.sha256,
        }  # fmt: skip
        if as_json:
            typer.echo(json.dumps(facts))
            continue
        state = "installed" if installed(model) else f"not installed: pip install {model.packages}"
        err.print(
            f"[bold]{model.alias}[/bold]{' (default)' if facts['default'] else ''}\n"
            f"  {model.size / 2**20:,.0f} MiB, {facts['kind']}, {model.licence}, {state}\n"
            f"  {model.provenance}\n  sha256 {model.sha256}",
            soft_wrap=True,
            highlight=False,
        )
