"""``summarize schema``, ``summarize prompts`` and ``--help``: no model, no network."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize import recording
from summarize.cli import app
from summarize.prompts import list_prompts
from summarize.providers import DEFAULT_PROMPTS
from summarize.schema import (
    deal_summary_json_schema,
    error_record_json_schema,
    record_json_schema,
)
from tests.cli.conftest import Result

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], record_json_schema()),
        (["--kind", "record"], record_json_schema()),
        (["--kind", "error"], error_record_json_schema()),
        (["--kind", "model"], deal_summary_json_schema()),
    ],
)
def test_schema_prints_the_asked_json_schema(
    runner: CliRunner, args: list[str], expected: dict[str, object]
) -> None:
    result = runner.invoke(app, ["schema", *args])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == expected


def test_the_model_schema_hides_what_the_pipeline_fills() -> None:
    model, record = deal_summary_json_schema(), record_json_schema()
    assert {"metadata", "dropped"} <= set(record["properties"]) - set(model["properties"])
    evidence = record["$defs"]["Evidence"]["properties"]
    assert {"spans", "match", "grounded", "reason"} <= set(evidence)
    assert set(model["$defs"]["Evidence"]["properties"]) == {"quote"}


def test_an_unknown_schema_is_one_line(cli: Callable[..., Result]) -> None:
    code, _, err = cli("schema", "--kind", "yaml")
    assert code != 0
    assert err.strip() == "error: unknown schema 'yaml'; choose one of: record, error, model"


REPLAYED_ARTICLE = "c-ridgeline-cobalt-range"
"""A dev article whose embedded default's answers are recorded: a real, grounded record."""


def test_records_summarize_run_writes_validate_against_the_printed_schemas(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    (article,) = (ROOT / "evals" / "datasets" / "deals").rglob(f"{REPLAYED_ARTICLE}.txt")
    monkeypatch.setenv("SUMMARIZE_EMBEDDED_URL", recording.REPLAY_BASE_URL)
    out = tmp_path / "out.jsonl"
    with recording.article_cassette("deals", DEFAULT_PROMPTS["local"], REPLAYED_ARTICLE):
        code, _, err = cli("run", article, tmp_path / "missing.txt", "--out", out, "--no-cache")
    assert code == 1, err  # the missing file is an error record
    records = [json.loads(line) for line in out.read_text().splitlines()]
    (summary,) = [r for r in records if "error" not in r]
    (error,) = [r for r in records if "error" in r]
    assert summary["parties"] and summary["parties"][0]["evidence"]["spans"], "a grounded record"
    for record, kind in ((summary, "record"), (error, "error")):
        schema = json.loads(CliRunner().invoke(app, ["schema", "--kind", kind]).stdout)
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(record, schema)


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


def test_models_lists_every_embedded_model_with_its_provenance(runner: CliRunner) -> None:
    from summarize.providers.models import MODELS

    result = runner.invoke(app, ["models", "--json"])
    assert result.exit_code == 0, result.output
    listed = {m["model"]: m for m in map(json.loads, result.stdout.splitlines())}
    assert set(listed) == set(MODELS)
    assert sum(m["default"] for m in listed.values()) == 1
    for alias, facts in listed.items():
        assert facts["sha256"] == MODELS[alias].sha256
        assert facts["size_bytes"] == MODELS[alias].size
        assert facts["licence"] and facts["provenance"] and facts["packages"]
