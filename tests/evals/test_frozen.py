"""CI guard for the shipped frozen splits: a test file added, removed or edited fails here until
the change has its own manifest version and an evals/CHANGELOG.md entry (evals/README.md)."""

from __future__ import annotations

import pytest
import yaml

from summarize.evals.dataset import DATASETS_DIR, DatasetMeta
from summarize.evals.manifest import changelog_path, frozen_problems


def frozen_splits() -> list[tuple[str, str]]:
    found = []
    for path in sorted(DATASETS_DIR.glob("*/dataset.yaml")):
        meta = DatasetMeta.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        found += [(meta.name, name) for name, split in meta.splits.items() if split.frozen]
    return found


def test_the_deals_test_split_is_frozen() -> None:
    """Dropping ``frozen: true`` from dataset.yaml must not switch the guard off quietly."""
    assert ("deals", "test") in frozen_splits()


@pytest.mark.parametrize(("dataset", "split"), frozen_splits())
def test_frozen_split_matches_its_manifest_and_changelog(dataset: str, split: str) -> None:
    root = DATASETS_DIR / dataset
    problems = frozen_problems(root / split, dataset, split, changelog_path(root))
    assert not problems, "\n".join(problems)
