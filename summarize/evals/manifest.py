"""Frozen splits: a manifest of every file's sha256, and the CHANGELOG entry each version needs.

A split marked ``frozen: true`` in dataset.yaml (the deals ``test`` split) is scored but never
tuned on, so its files must not change quietly. Its folder holds ``manifest.yaml``: a version, a
digest, and the sha256 of every other file. ``summarize eval freeze`` is the only writer: it bumps
the version, and refuses until ``evals/CHANGELOG.md`` has an entry for the new version whose
heading names the digest of the files being frozen. Loading the split and the CI test run
``frozen_problems``, so a file added, removed or edited without that bump fails both, and so does
a manifest edited by hand (its entry's digest no longer matches).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarize.exceptions import ConfigError

MANIFEST_NAME = "manifest.yaml"
SHORT_DIGEST = 12
"""Hex digits of the files digest a CHANGELOG heading carries."""
CHANGELOG_NAME = "CHANGELOG.md"

_HEADING = re.compile(
    r"^##\s+(?P<dataset>[^\s/]+)/(?P<split>\S+)\s+v(?P<version>\d+)\b(?P<rest>.*)$"
)
_SECTION = re.compile(r"#{1,2}\s")
"""A level-1 or level-2 heading ends the entry above it; ``###`` inside an entry does not."""
_FILES = re.compile(r"\(files (?P<digest>[0-9a-f]+)\)")


class Manifest(BaseModel):
    """``<split>/manifest.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dataset: str
    split: str
    version: int = Field(ge=1)
    digest: str
    """sha256 over the sorted ``files`` lines; ties the manifest to its CHANGELOG entry."""
    files: dict[str, str] = Field(default_factory=dict)
    """Path relative to the split folder → sha256 of its bytes."""

    @property
    def short_digest(self) -> str:
        return self.digest[:SHORT_DIGEST]


@dataclass(frozen=True)
class ChangelogEntry:
    dataset: str
    split: str
    version: int
    digest: str | None
    body: str
    line: int


def changelog_path(dataset_root: Path) -> Path:
    """``evals/CHANGELOG.md`` for a dataset in ``evals/datasets/<name>/``."""
    return dataset_root.parent.parent / CHANGELOG_NAME


def file_hashes(folder: Path) -> dict[str, str]:
    """Every file of the split folder but the manifest, by relative path, with its sha256."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).as_posix() != MANIFEST_NAME
    }


def files_digest(files: dict[str, str]) -> str:
    lines = "".join(f"{sha}  {name}\n" for name, sha in sorted(files.items()))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def entry_heading(dataset: str, split: str, version: int, files: dict[str, str]) -> str:
    """The CHANGELOG heading that version ``version`` of these files needs."""
    return f"## {dataset}/{split} v{version} (files {files_digest(files)[:SHORT_DIGEST]})"


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST_NAME
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Manifest.model_validate(data)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file; a frozen split needs its manifest") from None
    except (yaml.YAMLError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise ConfigError(f"{path}: not a valid manifest ({first}); restore it from git") from None


def read_changelog(path: Path) -> list[ChangelogEntry]:
    """Entries under ``## <dataset>/<split> v<N> (files <digest>)`` headings, with their text."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file; frozen splits log every version there") from None
    entries: list[ChangelogEntry] = []
    current: dict | None = None
    body: list[str] = []

    def close() -> None:
        if current is not None:
            entries.append(ChangelogEntry(**current, body="\n".join(body).strip()))

    for number, line in enumerate(lines, 1):
        if _SECTION.match(line):
            close()
            current, body = None, []
            match = _HEADING.match(line)
            if match:
                files = _FILES.search(match["rest"])
                current = {
                    "dataset": match["dataset"],
                    "split": match["split"],
                    "version": int(match["version"]),
                    "digest": files["digest"] if files else None,
                    "line": number,
                }
        elif current is not None:
            body.append(line)
    close()
    return entries


def _listing(names: list[str], limit: int = 3) -> str:
    more = f", … {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def drift(manifest: Manifest, files: dict[str, str]) -> str | None:
    """What changed since the manifest, in one phrase; None when nothing did."""
    added = sorted(files.keys() - manifest.files.keys())
    removed = sorted(manifest.files.keys() - files.keys())
    changed = sorted(
        n for n in files.keys() & manifest.files.keys() if files[n] != manifest.files[n]
    )
    parts = [
        f"{len(names)} {what} ({_listing(names)})"
        for what, names in (("added", added), ("removed", removed), ("changed", changed))
        if names
    ]
    return "; ".join(parts) or None


def _changelog_problems(
    entries: list[ChangelogEntry], manifest: Manifest, changelog: Path
) -> list[str]:
    mine = [e for e in entries if (e.dataset, e.split) == (manifest.dataset, manifest.split)]
    where = f"{manifest.dataset}/{manifest.split}"
    problems = []
    for version in range(1, manifest.version + 1):
        found = [e for e in mine if e.version == version]
        if not found:
            problems.append(f"{changelog}: no entry for {where} v{version}")
        elif len(found) > 1:
            problems.append(f"{changelog}: {len(found)} entries for {where} v{version}")
        elif not found[0].body:
            problems.append(
                f"{changelog}:{found[0].line}: the entry for {where} v{version} is empty: "
                "say what changed and why"
            )
    current = [e for e in mine if e.version == manifest.version]
    if current and current[0].digest != manifest.short_digest:
        problems.append(
            f"{changelog}:{current[0].line}: the entry for {where} v{manifest.version} names files "
            f"{current[0].digest or '(none)'}, the manifest holds {manifest.short_digest}: the "
            "manifest changed without a version bump"
        )
    ahead = sorted({e.version for e in mine if e.version > manifest.version})
    if ahead:
        problems.append(
            f"{changelog}: an entry for {where} v{ahead[0]} but the manifest is "
            f"v{manifest.version}: run `summarize eval freeze --dataset {manifest.dataset} "
            f"--split {manifest.split}`"
        )
    return problems


def frozen_problems(folder: Path, dataset: str, split: str, changelog: Path) -> list[str]:
    """Everything wrong with a frozen split's files, manifest and CHANGELOG; empty when sound."""
    try:
        manifest = read_manifest(folder)
        entries = read_changelog(changelog)
    except ConfigError as exc:
        return [str(exc)]
    if (manifest.dataset, manifest.split) != (dataset, split):
        return [f"{folder / MANIFEST_NAME}: written for {manifest.dataset}/{manifest.split}"]
    problems = []
    if files_digest(manifest.files) != manifest.digest:
        problems.append(
            f"{folder / MANIFEST_NAME}: its digest does not match its file list (edited by hand?); "
            "restore it from git"
        )
    files = file_hashes(folder)
    changes = drift(manifest, files)
    if changes:
        heading = entry_heading(dataset, split, manifest.version + 1, files)
        problems.append(
            f"{folder}: files differ from manifest v{manifest.version}: {changes}; add "
            f"'{heading}' and why to {changelog}, then run "
            f"`summarize eval freeze --dataset {dataset} --split {split}`"
        )
    return problems + _changelog_problems(entries, manifest, changelog)


def write_manifest(folder: Path, manifest: Manifest) -> None:
    header = (
        f"# Frozen split {manifest.dataset}/{manifest.split}: the sha256 of every file in this "
        "folder.\n# Written by `summarize eval freeze`; never edit it by hand (evals/README.md).\n"
    )
    body = yaml.safe_dump(manifest.model_dump(), sort_keys=False, allow_unicode=True)
    (folder / MANIFEST_NAME).write_text(header + body, encoding="utf-8")


def freeze(folder: Path, dataset: str, split: str, changelog: Path) -> Manifest | None:
    """Write the next manifest version for the split's files as they are now.

    Refuses (``ConfigError``) until the CHANGELOG has a non-empty entry for the new version whose
    heading names these files' digest. Returns None when the files already match the manifest.
    """
    files = file_hashes(folder)
    old = read_manifest(folder) if (folder / MANIFEST_NAME).exists() else None
    if old and old.files == files and old.digest == files_digest(files):
        return None
    version = old.version + 1 if old else 1
    heading = entry_heading(dataset, split, version, files)
    wanted = (dataset, split, version)
    entries = read_changelog(changelog)
    entry = next((e for e in entries if (e.dataset, e.split, e.version) == wanted), None)
    if entry is None or entry.digest != files_digest(files)[:SHORT_DIGEST] or not entry.body:
        found = "" if entry is None else f" (line {entry.line} differs or is empty)"
        raise ConfigError(
            f"{changelog}: add the entry '{heading}' with a line saying what changed and why"
            f"{found}, then run freeze again"
        )
    manifest = Manifest(
        dataset=dataset, split=split, version=version, digest=files_digest(files), files=files
    )
    write_manifest(folder, manifest)
    return manifest
