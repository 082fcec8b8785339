"""``summarize schema``, ``summarize prompts`` and ``--help``: no model, no network."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.prompts import list_prompts
from summarize.schema import DealSummary, deal_summary_json_schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_schema_prints_the_deal_summary_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == deal_summary_json_schema()
    assert printed["title"] == "DealSummary"
    assert {"headline", "parties", "amount"} <= set(printed["properties"])


def test_printed_schema_accepts_a_real_summary(runner: CliRunner) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    printed = json.loads(runner.invoke(app, ["schema"]).stdout)
    summary = DealSummary(
        headline="Acme buys Widget.", deal_type="acquisition", status="announced",  # type: ignore[arg-type]
        amount={"value": 1e9, "currency": "USD", "text": "$1 billion"},  # type: ignore[arg-type]
    )  # fmt: skip
    jsonschema.validate(summary.model_dump(mode="json", exclude={"metadata", "dropped"}), printed)
    jsonschema.Draft202012Validator.check_schema(printed)


@pytest.mark.parametrize("name", ["deal-structured", "deal-embedded"])
def test_prompts_lists_each_template_with_its_version(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, ["prompts"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stderr.splitlines()]
    version = next(p.version for p in list_prompts() if p.name == name)
    assert [name, version] in [row[:2] for row in rows], result.stderr


def test_prompts_lists_every_template_found(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["prompts"]).stderr
    for prompt in list_prompts():
        assert prompt.name in listed


def test_help_lists_the_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarize", "--help"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for command in ("run", "schema", "prompts", "serve"):
        assert command in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["run", "schema", "prompts"])
def test_each_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout
