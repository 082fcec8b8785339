"""Frozen splits: any change to a pinned file fails until a new version is logged and frozen."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from summarize.evals.dataset import freeze_split
from summarize.evals.manifest import (
    MANIFEST_NAME,
    changelog_path,
    entry_heading,
    file_hashes,
    files_digest,
    frozen_problems,
    read_changelog,
    read_manifest,
)
from summarize.exceptions import ConfigError, InputError

from .conftest import ACME_TEXT, LABELS, log_version, write_articles


def problems(root: Path) -> list[str]:
    return frozen_problems(root / "test", "mini", "test", changelog_path(root))


def edit_manifest(root: Path, **changes: object) -> None:
    path = root / "test" / MANIFEST_NAME
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


def test_freeze_pins_every_file(split_dir: Path) -> None:
    manifest = read_manifest(split_dir / "test")
    text = (split_dir / "test" / "tessellate-earnings.txt").read_bytes()
    assert manifest.version == 1 and manifest.dataset == "mini" and manifest.split == "test"
    assert manifest.files["tessellate-earnings.txt"] == hashlib.sha256(text).hexdigest()
    assert set(manifest.files) == {"tessellate-earnings.txt", "tessellate-earnings.yaml"}
    assert manifest.digest == files_digest(manifest.files)
    assert problems(split_dir) == []


def _add(root: Path) -> str:
    write_articles(
        root / "test", {"new-article": LABELS["acme-widget"]}, {"new-article": ACME_TEXT}
    )
    return "2 added (new-article.txt, new-article.yaml)"


def _remove(root: Path) -> str:
    (root / "test" / "tessellate-earnings.yaml").unlink()
    return "1 removed (tessellate-earnings.yaml)"


def _change(root: Path) -> str:
    path = root / "test" / "tessellate-earnings.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notes: relabelled\n", encoding="utf-8")
    return "1 changed (tessellate-earnings.yaml)"


@pytest.mark.parametrize("change", [_add, _remove, _change], ids=["add", "remove", "change"])
def test_any_file_change_without_a_new_version_fails(
    split_dir: Path, change: Callable[[Path], str]
) -> None:
    said = change(split_dir)
    found = problems(split_dir)
    assert len(found) == 1 and said in found[0]
    heading = entry_heading("mini", "test", 2, file_hashes(split_dir / "test"))
    assert f"add '{heading}'" in found[0] and "summarize eval freeze" in found[0]


def test_freeze_refuses_without_a_changelog_entry(split_dir: Path) -> None:
    _add(split_dir)
    before = (split_dir / "test" / MANIFEST_NAME).read_text(encoding="utf-8")
    heading = entry_heading("mini", "test", 2, file_hashes(split_dir / "test"))
    with pytest.raises(ConfigError, match=re.escape(f"add the entry '{heading}'")):
        freeze_split(split_dir, "test")
    assert (split_dir / "test" / MANIFEST_NAME).read_text(encoding="utf-8") == before


def test_freeze_refuses_an_entry_for_other_files(split_dir: Path) -> None:
    log_version(split_dir, "test", 2)  # written before the change below
    _change(split_dir)
    with pytest.raises(ConfigError, match="differs or is empty"):
        freeze_split(split_dir, "test")


def test_freeze_refuses_an_empty_entry(split_dir: Path) -> None:
    _add(split_dir)
    log_version(split_dir, "test", 2, why="")
    with pytest.raises(ConfigError, match="differs or is empty"):
        freeze_split(split_dir, "test")


def test_logged_and_frozen_change_passes(split_dir: Path) -> None:
    _add(split_dir)
    log_version(split_dir, "test", 2, "One more article, written for the brief on SPAC deals.")
    manifest = freeze_split(split_dir, "test")
    assert manifest is not None and manifest.version == 2 and "new-article.txt" in manifest.files
    assert problems(split_dir) == []
    assert freeze_split(split_dir, "test") is None  # nothing changed since


def test_manifest_edited_to_match_without_a_version_bump(split_dir: Path) -> None:
    _change(split_dir)
    files = file_hashes(split_dir / "test")
    edit_manifest(split_dir, files=files, digest=files_digest(files))
    found = problems(split_dir)
    assert any("the manifest changed without a version bump" in p for p in found), found


def test_manifest_files_edited_by_hand(split_dir: Path) -> None:
    _change(split_dir)
    edit_manifest(split_dir, files=file_hashes(split_dir / "test"))
    assert any("its digest does not match its file list" in p for p in problems(split_dir))


def test_version_bumped_by_hand_without_an_entry(split_dir: Path) -> None:
    edit_manifest(split_dir, version=2)
    assert any("no entry for mini/test v2" in p for p in problems(split_dir))


def test_entry_ahead_of_the_manifest(split_dir: Path) -> None:
    log_version(split_dir, "test", 2)
    found = problems(split_dir)
    assert found and "an entry for mini/test v2 but the manifest is v1" in found[0]


@pytest.mark.parametrize(
    ("mess", "message"),
    [
        (
            lambda root: (root / "test" / MANIFEST_NAME).unlink(),
            "a frozen split needs its manifest",
        ),
        (lambda root: changelog_path(root).unlink(), "frozen splits log every version there"),
        (lambda root: edit_manifest(root, split="dev"), "written for mini/dev"),
        (lambda root: edit_manifest(root, colour="red"), "not a valid manifest"),
    ],
)
def test_missing_or_foreign_files(
    split_dir: Path, mess: Callable[[Path], None], message: str
) -> None:
    mess(split_dir)
    found = problems(split_dir)
    assert len(found) == 1 and message in found[0]


def test_freeze_refuses_labels_that_do_not_load(split_dir: Path) -> None:
    (split_dir / "test" / "stray.txt").write_text("An article nobody labelled.", encoding="utf-8")
    log_version(split_dir, "test", 2)
    with pytest.raises(InputError, match=r"stray\.txt has no stray\.yaml labels"):
        freeze_split(split_dir, "test")
    assert read_manifest(split_dir / "test").version == 1


def test_freeze_only_frozen_splits(split_dir: Path) -> None:
    with pytest.raises(ConfigError, match="split mini/dev is not frozen"):
        freeze_split(split_dir, "dev")


def test_changelog_entries_and_their_text(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(
        "# Changelog\nintro\n\n## deals/test v1 (files abcdef012345)\n\nCreated.\n\n"
        "### Why\nBecause.\n\n## deals/dev v3\n\nMore dev articles.\n\n"
        "## Notes on something else\nfree text\n",
        encoding="utf-8",
    )
    first, second = read_changelog(path)
    assert (first.dataset, first.split, first.version, first.digest) == (
        "deals", "test", 1, "abcdef012345",
    )  # fmt: skip
    assert first.body == "Created.\n\n### Why\nBecause." and first.line == 4
    assert (second.split, second.version, second.digest) == ("dev", 3, None)
    assert second.body == "More dev articles."
