"""Shared fixtures for the command-line tests."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.cli import main

Result = tuple[int, str, str]
"""(exit code, stdout, stderr)"""


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Result]:
    """Run the real entry point in-process: ``cli("run", path, stdin=...) -> (code, out, err)``."""

    def invoke(*args: str | Path, stdin: str | None = None) -> Result:
        monkeypatch.setattr(sys, "argv", ["summarize", *map(str, args)])
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            main()
        out, err = capsys.readouterr()
        code = exited.value.code
        return (code if isinstance(code, int) else (0 if code is None else 1)), out, err

    return invoke
