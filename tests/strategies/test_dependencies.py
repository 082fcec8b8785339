"""A strategy's fingerprint covers every package file behind its answers, and only those."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from summarize.strategies import strategy_fingerprint
from summarize.strategies.dependencies import PACKAGE_DIR, dependency_files, fingerprint

FIELDED = [p.relative_to(PACKAGE_DIR).as_posix() for p in dependency_files("fielded")]
CHANGE = b"\n# changed\n"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package, to change files in."""
    root = tmp_path_factory.mktemp("copy") / "summarize"
    shutil.copytree(PACKAGE_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


@contextmanager
def appended(path: Path, extra: bytes) -> Iterator[None]:
    """``path`` with ``extra`` at its end, as it was afterwards."""
    original = path.read_bytes()
    path.write_bytes(original + extra)
    try:
        yield
    finally:
        path.write_bytes(original)


def test_the_copy_has_the_same_fingerprint(package: Path) -> None:
    assert fingerprint("fielded", package) == strategy_fingerprint("fielded")


@pytest.mark.parametrize("relative", FIELDED)
def test_changing_any_dependency_changes_the_fingerprint(package: Path, relative: str) -> None:
    with appended(package / relative, CHANGE):
        assert fingerprint("fielded", package) != strategy_fingerprint("fielded")


@pytest.mark.parametrize("relative", ["cli/run.py", "evals/runner.py", "consolidate/api.py"])
def test_files_outside_the_answer_path_do_not_count(package: Path, relative: str) -> None:
    assert relative not in FIELDED
    with appended(package / relative, CHANGE):
        assert fingerprint("fielded", package) == strategy_fingerprint("fielded")


@pytest.mark.parametrize(
    "relative",
    ["fields/people.py", "names.py", "grounding/verify.py", "grounding/values.py", "money.py",
     "text/dates.py", "text/sentences.py", "strategies/base.py", "phrases/status.yaml",
     "phrases/amount.yaml"],
)  # fmt: skip
def test_the_rules_strategy_depends_on(relative: str) -> None:
    assert relative in FIELDED


def test_a_module_imported_lazily_joins_the_set(package: Path) -> None:
    extra = package / "fields" / "extra.py"
    extra.write_text("RULE = 1\n")
    try:
        with appended(package / "fields" / "lede.py", b"\n\ndef _later() -> None:\n"
                      b"    import summarize.fields.extra\n"):  # fmt: skip
            found = [
                p.relative_to(package).as_posix() for p in dependency_files("fielded", package)
            ]
    finally:
        extra.unlink()
    assert "fields/extra.py" in found


def test_the_structured_strategy_does_not_depend_on_the_field_readers() -> None:
    structured = [p.relative_to(PACKAGE_DIR).as_posix() for p in dependency_files("structured")]
    assert "strategies/structured.py" in structured
    assert not any(p.startswith("fields/") or p == "strategies/fielded.py" for p in structured)
    assert not any(p.startswith("phrases/") for p in structured)
