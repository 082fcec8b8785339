"""Which files a distributed run reads, listed on the driver before Ray starts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from summarize.articles import ARTICLE_SUFFIXES
from summarize.exceptions import InputError

JSONL_SUFFIX = ".jsonl"


def is_uri(path: str) -> bool:
    return "://" in path


def input_files(paths: Iterable[str]) -> list[str]:
    """Local folders expanded to their article and JSONL files; files and URIs as given.

    Listing local folders here rather than in Ray keeps the rules of ``iter_articles`` (no
    file skipped for its name) and lets the driver count the articles it must get back.
    """
    files: list[str] = []
    for item in paths:
        if is_uri(item):
            files.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in (*ARTICLE_SUFFIXES, JSONL_SUFFIX)
            )
            if not found:
                raise InputError("folder holds no article or JSONL files", source=item)
            files.extend(str(p) for p in found)
        elif path.is_file():
            files.append(item)
        else:
            raise InputError("no such file or folder", source=item)
    return files
