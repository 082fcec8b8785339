"""Input files are listed on the driver, with iter_articles' rules, before Ray starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.distributed.inputs import input_files
from summarize.exceptions import InputError


def test_folders_give_their_article_and_jsonl_files(tmp_path: Path) -> None:
    for name in ("a.txt", "sub/b.html", "sub/c.jsonl", "d.csv", ".hidden.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    files = input_files([str(tmp_path), "s3://bucket/news/"])
    names = [Path(f).relative_to(tmp_path).as_posix() for f in files[:-1]]
    assert names == [".hidden.md", "a.txt", "sub/b.html", "sub/c.jsonl"]
    assert files[-1] == "s3://bucket/news/", "a URI is listed by Ray"


def _missing(root: Path) -> Path:
    return root / "missing.jsonl"


def _empty_folder(root: Path) -> Path:
    (root / "empty").mkdir()
    return root / "empty"


@pytest.mark.parametrize(
    ("make", "message"),
    [(_missing, "no such file"), (_empty_folder, "holds no article")],
    ids=["missing", "empty-folder"],
)
def test_bad_paths_fail_before_any_work(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        input_files([str(make(tmp_path))])
