"""The eval suite in CI: replay the shipped datasets from cassettes and print the per-field table.

Run it alone with ``pytest -m eval -s``; re-record after a prompt or model change with
``summarize eval --record`` (see evals/README.md).
"""

from __future__ import annotations

import pytest
from rich.console import Console

from summarize.evals.report import print_report
from summarize.evals.runner import run_eval

EMBEDDED_DEFAULT = {"provider": "local"}
"""The configuration the shipped cassettes were recorded with (``summarize eval --record``)."""


@pytest.mark.eval
@pytest.mark.parametrize("dataset", ["deals", "seeds"])
def test_shipped_dataset_replays(dataset: str, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_eval(dataset, EMBEDDED_DEFAULT, replay=True)
    with capsys.disabled():
        print_report(run, Console(width=120), worst=3)
    errors = [f"{a.id}: {a.error.message}" for a in run.articles if a.error]
    assert not errors, f"{len(errors)} articles did not replay; first: {errors[0]}"
    assert run.config.articles == len(run.articles) > 0
