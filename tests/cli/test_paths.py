"""Paths the user names: a folder where a file belongs, a missing folder, an unreadable file.

Each is a short error and exit code 2 before any work starts, never a traceback; a missing
output folder is made.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.cli import consolidate as consolidate_module

from .conftest import Result

SEEDS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "seeds"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["run", "{seeds}", "--out", "{dir}"], "'--out'"),
        (["run", "{seeds}", "--html", "{dir}"], "'--html'"),
        (["show", "{run}", "{seeds}", "--out", "{dir}"], "'--out'"),
        (["show", "{dir}", "{seeds}", "--out", "{tmp}/x.html"], "'RUN.jsonl'"),
        (["eval", "--replay", "--out", "{dir}"], "'--out'"),
        (["eval", "--replay", "--baseline", "{dir}"], "'--baseline'"),
        (["consolidate", "{run}", "--out", "{dir}"], "'--out'"),
        (["consolidate", "{run}", "--html", "{dir}"], "'--html'"),
        (["consolidate", "{dir}"], "'RUNS'"),
    ],
)
def test_a_folder_where_a_file_belongs_is_refused_up_front(
    cli: Callable[..., Result], tmp_path: Path, args: list[str], option: str
) -> None:
    run = tmp_path / "run.jsonl"
    run.write_text("", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    code, _, err = cli(*(a.format(seeds=SEEDS, dir=folder, run=run, tmp=tmp_path) for a in args))
    flat = " ".join(err.replace("│", " ").split()).lower()  # the usage box wraps its lines
    assert code == 2
    assert "is a directory" in flat and option.lower() in flat
    assert "traceback" not in flat


def test_output_folders_are_made(cli: Callable[..., Result], tmp_path: Path) -> None:
    run = tmp_path / "run.jsonl"
    run.write_text("", encoding="utf-8")
    out, html = tmp_path / "a" / "deals.jsonl", tmp_path / "b" / "c" / "deals.html"
    code, _, err = cli("consolidate", run, "--out", out, "--html", html)
    assert code == 0, err
    assert out.exists() and html.exists()


def test_an_output_folder_that_cannot_be_made_is_one_line(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    run = tmp_path / "run.jsonl"
    run.write_text("", encoding="utf-8")
    code, _, err = cli("consolidate", run, "--out", blocker / "deals.jsonl")
    assert code == 2
    assert err.strip().startswith("error: cannot make the folder for") and "\n" not in err.strip()


def test_any_other_file_error_is_one_line(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last guard: an OSError about a path reaches the user as its file and reason."""

    def denied(path: Path) -> dict[str, object]:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(consolidate_module, "read_dates", denied)
    run = tmp_path / "run.jsonl"
    run.write_text("", encoding="utf-8")
    code, _, err = cli("consolidate", run, "--dates", tmp_path / "dates.yaml")
    assert code == 2
    assert err.strip() == f"error: {tmp_path / 'dates.yaml'}: Permission denied"
