"""Articles read by Ray Data: JSONL files and article files, local or in object storage.

Ray's file machinery lists the paths (folders recursively, ``s3://``/``gs://`` included)
and spreads the files over read tasks; this datasource turns each file into rows with the
same rules as ``iter_articles``: a JSONL line is an article (its id, or ``<file>-<line>``),
any other file is one article named after it, and a bad line or file becomes a row with a
``problem`` instead of failing the read. Rows whose id is already in the output are marked
``skip`` here, so a resumed run moves only their ids, not their text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, ClassVar

import pyarrow as pa
import ray
from ray.data.datasource import FileBasedDatasource

from summarize.articles import (
    ARTICLE_SUFFIXES,
    MAX_ARTICLE_BYTES,
    Article,
    ArticleProblem,
    article_from_bytes,
    jsonl_articles,
)
from summarize.distributed.ids import contains
from summarize.distributed.inputs import JSONL_SUFFIX, input_files, is_uri
from summarize.exceptions import InputError

if TYPE_CHECKING:
    import numpy as np

READ_CPUS = 0.25
"""Reading is brief; a small reservation lets it run beside workers that hold the CPUs,
including those of an earlier pass that Ray has not let go of yet."""
ROWS_PER_BLOCK = 1024
"""Rows the reader hands on at a time (Ray merges and splits them into its own blocks)."""
_READ_CHUNK = 1 << 20


class ArticleFiles(FileBasedDatasource):
    """Rows ``{id, text, source, problem, skip}`` from JSONL and article files."""

    _FILE_EXTENSIONS: ClassVar[list[str]] = [
        s.lstrip(".") for s in (*sorted(ARTICLE_SUFFIXES), JSONL_SUFFIX)
    ]

    def __init__(
        self,
        paths: str | list[str],
        *,
        skip: ray.ObjectRef | None = None,
        max_bytes: int = MAX_ARTICLE_BYTES,
        rows_per_block: int = ROWS_PER_BLOCK,
        **file_options: Any,
    ) -> None:
        file_options.setdefault("file_extensions", self._FILE_EXTENSIONS)
        super().__init__(paths, **file_options)
        self._skip_ref = skip
        self._skip: np.ndarray | None = None
        self._max_bytes = max_bytes
        self._rows_per_block = rows_per_block

    def _read_stream(self, f: pa.NativeFile, path: str) -> Iterator[pa.Table]:
        where = PurePosixPath(path)
        if where.suffix.lower() == JSONL_SUFFIX:
            items: Iterable[Article | ArticleProblem] = jsonl_articles(
                _lines(f), path=where, max_bytes=self._max_bytes
            )
        else:
            items = [self._one_file(f, where)]
        block: list[Article | ArticleProblem] = []
        for item in items:
            block.append(item)
            if len(block) >= self._rows_per_block:
                yield self._table(block)
                block = []
        if block:
            yield self._table(block)

    def _one_file(self, f: pa.NativeFile, path: PurePosixPath) -> Article | ArticleProblem:
        data = f.read(self._max_bytes + 1)
        try:
            if len(data) > self._max_bytes:
                raise InputError(
                    f"too large (over the {self._max_bytes / 1e6:.1f} MB limit); "
                    "split it or raise --max-bytes",
                    source=str(path),
                )
            return article_from_bytes(data, path=path, max_bytes=self._max_bytes)
        except InputError as exc:
            return ArticleProblem(path.stem, str(path), str(exc))

    def _table(self, items: list[Article | ArticleProblem]) -> pa.Table:
        ids = [item.id for item in items]
        if self._skip is None and self._skip_ref is not None:
            self._skip = ray.get(self._skip_ref)
        skip = contains(self._skip, ids).tolist() if self._skip is not None else [False] * len(ids)
        texts = [
            item.text if isinstance(item, Article) and not skipped else None
            for item, skipped in zip(items, skip, strict=True)
        ]
        problems = [item.message if isinstance(item, ArticleProblem) else None for item in items]
        return pa.table(
            {
                "id": pa.array(ids, pa.string()),
                "text": pa.array(texts, pa.string()),
                "source": pa.array([item.source for item in items], pa.string()),
                "problem": pa.array(problems, pa.string()),
                "skip": pa.array(skip, pa.bool_()),
            }
        )


def _lines(f: pa.NativeFile) -> Iterator[bytes]:
    """The lines of a stream, each with its newline, read a megabyte at a time."""
    tail = b""
    while chunk := f.read(_READ_CHUNK):
        lines = (tail + chunk).split(b"\n")
        tail = lines.pop()
        for line in lines:
            yield line + b"\n"
    if tail:
        yield tail


def read_articles(
    paths: list[str],
    *,
    skip: ray.ObjectRef | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    rows_per_block: int = ROWS_PER_BLOCK,
) -> ray.data.Dataset:
    """A Dataset of article rows from files, folders and URIs (``s3://bucket/news/``).

    Local paths are listed by ``input_files``; a URI folder is listed by Ray, which keeps
    the article and JSONL files in it.
    """
    files = input_files(paths)
    options: dict[str, Any] = {} if any(is_uri(f) for f in files) else {"file_extensions": None}
    source = ArticleFiles(
        files, skip=skip, max_bytes=max_bytes, rows_per_block=rows_per_block, **options
    )
    return ray.data.read_datasource(source, num_cpus=READ_CPUS)
