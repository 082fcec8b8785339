"""Load an eval dataset: articles and their labels, one split at a time (evals/datasets/FORMAT.md).

A dataset may declare splits (``dev`` to tune on, a frozen ``test`` nobody tunes on), each a
sub-folder of articles. Problems are one-line errors naming the file, before any model is called.
The label models live in ``labels.py`` and are re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationError, model_validator

from summarize.articles import Article, read_file
from summarize.evals.labels import (
    DEAL_FIELDS,
    AcceptedMoney,
    Accepting,
    Expected,
    ExpectedMoney,
    ExpectedParty,
    ExpectedPerson,
    Labels,
    MoneyLabel,
    Strict,
    Trap,
    TrapField,
    load_labels,
    one_line,
    read_yaml,
)
from summarize.evals.manifest import (
    MANIFEST_NAME,
    Manifest,
    changelog_path,
    freeze,
    frozen_problems,
    read_manifest,
)
from summarize.exceptions import ConfigError, InputError

DATASETS_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets"
"""Where ``--dataset NAME`` looks when run from a source checkout."""

SPLIT_NAME = re.compile(r"[a-z][a-z0-9_-]*")


class SplitMeta(Strict):
    """One split under ``splits:`` in dataset.yaml."""

    description: str = ""
    frozen: bool = False
    """Scored, never tuned on: its files are pinned by ``manifest.yaml`` (see manifest.py)."""


class DatasetMeta(Strict):
    """``dataset.yaml``."""

    name: str = Field(min_length=1)
    version: int | str
    description: str = ""
    articles_dir: str | None = None
    """Where the ``<id>.txt`` files live, relative to this folder (default: this folder)."""
    splits: dict[str, SplitMeta] = Field(default_factory=dict)
    """Sub-folders holding the articles; none: the articles sit next to dataset.yaml."""
    default_split: str | None = None
    """The split used when none is asked for; never a frozen one."""

    @model_validator(mode="after")
    def _splits(self) -> DatasetMeta:
        bad = [name for name in self.splits if not SPLIT_NAME.fullmatch(name)]
        if bad:
            raise ValueError(f"split name {bad[0]!r}: use lowercase letters, digits, - and _")
        if self.splits and self.articles_dir:
            raise ValueError("articles_dir and splits cannot be combined")
        if self.splits and self.default_split not in self.splits:
            raise ValueError(f"default_split must name one of the splits: {', '.join(self.splits)}")
        if not self.splits and self.default_split is not None:
            raise ValueError("default_split without splits")
        if self.default_split and self.splits[self.default_split].frozen:
            raise ValueError(
                f"default_split {self.default_split!r} is frozen: pick a split to tune on"
            )
        return self


@dataclass(frozen=True)
class Case:
    """One article and its labels."""

    id: str
    article: Article
    labels: Labels
    labels_path: Path


@dataclass(frozen=True)
class Dataset:
    meta: DatasetMeta
    root: Path
    cases: tuple[Case, ...]
    split: str | None = None
    """The split these cases come from; None for a dataset without splits."""
    split_version: int | None = None
    """The manifest version of a frozen split."""

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def folder(self) -> Path:
        """Where the label files live: the split's folder, or the dataset's."""
        return self.root / self.split if self.split else self.root

    @property
    def frozen(self) -> bool:
        return bool(self.split and self.meta.splits[self.split].frozen)

    @property
    def label(self) -> str:
        """``deals/test`` for a split, ``seeds`` otherwise."""
        return f"{self.name}/{self.split}" if self.split else self.name

    @property
    def external_articles(self) -> bool:
        """True when the article texts live outside the dataset folder (not written by us)."""
        return self.meta.articles_dir is not None


class ArticlesDirMissing(ConfigError):
    """The dataset reads its texts from an ``articles_dir`` this checkout does not have."""


def resolve_dataset(name_or_path: str | Path) -> Path:
    """The folder of a dataset given by name (``deals``) or by path."""
    path = Path(name_or_path)
    if path.is_file() and path.name == "dataset.yaml":
        return path.parent
    if path.is_dir():
        return path
    for base in (Path.cwd() / "evals" / "datasets", DATASETS_DIR):
        if (base / str(name_or_path) / "dataset.yaml").is_file():
            return base / str(name_or_path)
    raise ConfigError(
        f"no dataset {str(name_or_path)!r}: pass a folder holding dataset.yaml, "
        f"or a name under evals/datasets/"
    )


def _load_meta(root: Path) -> DatasetMeta:
    meta_path = root / "dataset.yaml"
    try:
        return DatasetMeta.model_validate(read_yaml(meta_path, ConfigError))
    except ValidationError as exc:
        raise ConfigError(f"{meta_path}: {one_line(exc)}") from None


def _articles_dir(root: Path, meta: DatasetMeta) -> Path | None:
    """Where the texts live when not beside their labels (``articles_dir``), checked to exist."""
    if not meta.articles_dir:
        return None
    folder = (root / meta.articles_dir).resolve()
    if not folder.is_dir():
        raise ArticlesDirMissing(
            f"dataset {meta.name!r} reads its articles from {folder}, which does not exist "
            f"(articles_dir in {root / 'dataset.yaml'}; those texts are not in this repository)"
        )
    return folder


def _case(labels_path: Path, articles_dir: Path) -> Case:
    labels = load_labels(labels_path)
    text_path = articles_dir / f"{labels.id}.txt"
    if not text_path.is_file():
        raise InputError(f"{labels_path}: article {text_path} is missing")
    return Case(labels.id, read_file(text_path), labels, labels_path)


def load_case(labels_path: Path) -> Case:
    """One labeled article on its own (the dataset.yaml above it says where the text lives)."""
    folder = labels_path.parent
    root = folder if (folder / "dataset.yaml").is_file() else folder.parent
    return _case(labels_path, _articles_dir(root, _load_meta(root)) or folder)


NOT_LABEL_FILES = frozenset({"dataset.yaml", "groups.yaml", MANIFEST_NAME})
"""YAML files in a dataset folder that are not one article's labels."""
WORD_LIMITS: dict[str, tuple[int, int]] = {"brief": (70, 260), "long": (180, 3000), "": (180, 950)}
"""Words an article of ours may have, by its ``covers`` tag (``brief``, ``long``, or neither)."""


def word_limits(covers: list[str]) -> tuple[int, int]:
    """The (least, most) words allowed for an article with these coverage tags."""
    kinds = [kind for kind in ("brief", "long") if kind in covers]
    if len(kinds) > 1:
        raise InputError("covers holds both 'brief' and 'long': pick one")
    return WORD_LIMITS[kinds[0] if kinds else ""]


def label_files(folder: Path) -> list[Path]:
    """The ``<id>.yaml`` label files directly in ``folder``."""
    return sorted(p for p in folder.glob("*.yaml") if p.name not in NOT_LABEL_FILES)


def _cases(folder: Path, articles_dir: Path | None) -> list[Case]:
    """The labeled articles in ``folder``; their texts beside them, or in ``articles_dir``."""
    cases = [_case(path, articles_dir or folder) for path in label_files(folder)]
    if articles_dir is None:
        labeled = {c.id for c in cases}
        unlabeled = sorted(p.name for p in folder.glob("*.txt") if p.stem not in labeled)
        if unlabeled:
            raise InputError(
                f"{folder}: {unlabeled[0]} has no {Path(unlabeled[0]).stem}.yaml labels"
            )
    return cases


def split_names(meta: DatasetMeta, split: str | None) -> list[str | None]:
    """``"dev,test"`` → ``["dev", "test"]``; None → the default split (or none without splits)."""
    if split is None:
        return [meta.default_split]
    names = [s.strip() for s in split.split(",") if s.strip()]
    if not meta.splits:
        raise ConfigError(f"dataset {meta.name!r} has no splits; leave out --split")
    unknown = [s for s in names if s not in meta.splits]
    if unknown or not names:
        raise ConfigError(
            f"dataset {meta.name!r} has no split {(unknown or [split])[0]!r}; "
            f"its splits: {', '.join(meta.splits)}"
        )
    return list(dict.fromkeys(names))


def _split_folder(root: Path, split: str | None) -> Path:
    folder = root / split if split else root
    if not folder.is_dir():
        raise ConfigError(f"{folder}: the folder of split {split!r} is missing")
    return folder


def _check_split_layout(root: Path, meta: DatasetMeta) -> None:
    """In a dataset with splits every article sits in a split folder, never beside dataset.yaml."""
    stray = sorted(p.name for p in [*root.glob("*.txt"), *label_files(root)])
    if stray:
        raise InputError(
            f"{root / stray[0]}: articles of a dataset with splits go in a split folder "
            f"({', '.join(s + '/' for s in meta.splits)})"
        )


def _frozen_version(root: Path, meta: DatasetMeta, split: str) -> int:
    """The manifest version of a frozen split whose files, manifest and CHANGELOG agree."""
    folder = root / split
    problems = frozen_problems(folder, meta.name, split, changelog_path(root))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigError(f"frozen split {meta.name}/{split}: {problems[0]}{more}")
    return read_manifest(folder).version


def load_dataset(name_or_path: str | Path, split: str | None = None) -> Dataset:
    """The labeled articles of one split (the default split when ``split`` is None), validated.

    Raises one-line errors: a bad file, an empty split, a frozen split whose files do not match
    its manifest, a missing ``articles_dir``.
    """
    datasets = load_splits(name_or_path, split)
    if len(datasets) > 1:
        raise ConfigError(f"one split at a time here, not {split!r}")
    return datasets[0]


def load_splits(name_or_path: str | Path, split: str | None = None) -> list[Dataset]:
    """One ``Dataset`` per split asked for (``"dev,test"``), in that order."""
    root = resolve_dataset(name_or_path)
    meta = _load_meta(root)
    articles_dir = _articles_dir(root, meta)
    names = split_names(meta, split)
    if meta.splits:
        _check_split_layout(root, meta)
    datasets = []
    for name in names:
        folder = _split_folder(root, name)
        version = _frozen_version(root, meta, name) if name and meta.splits[name].frozen else None
        cases = _cases(folder, articles_dir)
        if not cases:
            where = f"split {meta.name}/{name}" if name else f"dataset {meta.name!r}"
            raise ConfigError(
                f"{where} has no labeled articles yet (<id>.txt + <id>.yaml in {folder})"
            )
        datasets.append(Dataset(meta, root, tuple(cases), name, version))
    return datasets


def splits_with_articles(name_or_path: str | Path) -> list[str | None]:
    """The declared splits that hold labeled articles ([None]: a dataset without splits), e.g.
    for recording every cassette."""
    root = resolve_dataset(name_or_path)
    meta = _load_meta(root)
    if not meta.splits:
        return [None] if label_files(root) else []
    return [name for name in meta.splits if label_files(root / name)]


def split_cases(name_or_path: str | Path, split: str) -> list[Case]:
    """A split's cases without the frozen-manifest check, empty allowed (for ``freeze``)."""
    root = resolve_dataset(name_or_path)
    meta = _load_meta(root)
    split_names(meta, split)
    return _cases(_split_folder(root, split), _articles_dir(root, meta))


def freeze_split(name_or_path: str | Path, split: str) -> Manifest | None:
    """Validate a frozen split's labels, then write its next manifest (see ``manifest.freeze``)."""
    root = resolve_dataset(name_or_path)
    meta = _load_meta(root)
    if len(split_names(meta, split)) != 1 or not meta.splits[split].frozen:
        raise ConfigError(
            f"split {meta.name}/{split} is not frozen: only a split marked frozen: true in "
            "dataset.yaml has a manifest"
        )
    split_cases(root, split)
    return freeze(root / split, meta.name, split, changelog_path(root))


__all__ = [
    "DATASETS_DIR",
    "DEAL_FIELDS",
    "NOT_LABEL_FILES",
    "AcceptedMoney",
    "Accepting",
    "ArticlesDirMissing",
    "Case",
    "Dataset",
    "DatasetMeta",
    "Expected",
    "ExpectedMoney",
    "ExpectedParty",
    "ExpectedPerson",
    "Labels",
    "MoneyLabel",
    "SplitMeta",
    "Trap",
    "TrapField",
    "freeze_split",
    "label_files",
    "load_case",
    "load_dataset",
    "load_labels",
    "load_splits",
    "resolve_dataset",
    "split_cases",
    "split_names",
    "splits_with_articles",
    "word_limits",
]
