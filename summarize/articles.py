"""Read articles from files, folders, stdin or JSONL, lazily, turning bad input into problems.

A bad article never stops a batch: the reader yields an ``ArticleProblem`` in its place, which
the CLI writes as an error record. HTML is reduced to text, the page's boilerplate blocks left
out (``summarize.boilerplate``); then page furniture lines are left out and the headline found
(``summarize.page``). An offset map goes with the text, so evidence spans found in it can be
mapped back to the user's original input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path, PurePath

from summarize.boilerplate import content_mask
from summarize.exceptions import InputError
from summarize.offsets import OffsetMap, TextBuilder
from summarize.page import read_page

MAX_ARTICLE_BYTES = 1_000_000
"""Deal news is a few KB; a megabyte is a mistake (a PDF dump, a log file), not an article."""
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MIN_ARTICLE_CHARS = 40


@dataclass(frozen=True)
class Article:
    """One article ready for the model: ``text`` is exactly what the model sees."""

    id: str
    text: str
    source: str
    raw: str | None = field(default=None, repr=False)
    """The user's original input when ``text`` was derived from it (HTML, page furniture cut)."""
    offsets: OffsetMap | None = field(default=None, repr=False)
    headline: str | None = None
    """The article's own headline, a line of ``text``; None when the page shows none."""

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """A span in ``text`` as a span in the user's original input."""
        if self.offsets is None:
            return start, end
        return self.offsets.to_raw(start), self.offsets.to_raw(max(end - 1, start)) + 1


@dataclass(frozen=True)
class ArticleProblem:
    """An input that could not become an article, with the reason."""

    id: str
    source: str
    message: str

    def error(self) -> InputError:
        return InputError(self.message, source=self.source)


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "figcaption", "title",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}


class _TextExtractor(HTMLParser):
    """Collects visible text and where each piece came from in the raw HTML."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self._raw = raw
        self._line_starts = [0]
        for i, ch in enumerate(raw):
            if ch == "\n":
                self._line_starts.append(i + 1)
        self.parts: list[str] = []
        self.text_starts: list[int] = []
        self.raw_starts: list[int] = []
        self._length = 0
        self._skip_depth = 0
        self.block_starts: list[int] = [0]
        """Where each block (paragraph, heading, list item, cell) starts in the text."""
        self.heading: int | None = None
        """The block of the page's first <h1>."""

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _emit(self, text: str, raw_pos: int) -> None:
        if self._skip_depth or not text:
            return
        self.text_starts.append(self._length)
        self.raw_starts.append(raw_pos)
        self.parts.append(text)
        self._length += len(text)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._emit("\n", self._pos())
        if not self._skip_depth and self.block_starts[-1] != self._length:
            self.block_starts.append(self._length)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self._newline()
            if tag == "h1" and self.heading is None and not self._skip_depth:
                self.heading = len(self.block_starts) - 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self._newline()

    def handle_data(self, data: str) -> None:
        self._emit(data, self._pos())

    def handle_entityref(self, name: str) -> None:
        from html import unescape

        self._emit(unescape(f"&{name};"), self._pos())

    def handle_charref(self, name: str) -> None:
        from html import unescape

        self._emit(unescape(f"&#{name};"), self._pos())


def _extract(raw: str) -> _TextExtractor:
    parser = _TextExtractor(raw)
    parser.feed(raw)
    parser.close()
    return parser


def html_to_text(raw: str) -> tuple[str, OffsetMap]:
    """Visible text of an HTML document and the map back to the raw offsets."""
    parser = _extract(raw)
    return "".join(parser.parts), OffsetMap(tuple(parser.text_starts), tuple(parser.raw_starts))


def html_article_text(raw: str) -> tuple[str, OffsetMap]:
    """The article's part of an HTML page's visible text: the blocks trafilatura takes for
    the article (all blocks where it finds none), each as the extractor read it."""
    parser = _extract(raw)
    text = "".join(parser.parts)
    offsets = OffsetMap(tuple(parser.text_starts), tuple(parser.raw_starts))
    bounds = [*parser.block_starts, len(text)]
    spans = [(a, b) for a, b in pairwise(bounds) if a < b]
    mask = content_mask(raw, [text[a:b] for a, b in spans], heading=parser.heading)
    if mask is None or all(mask):
        return text, offsets
    builder = TextBuilder(text)
    last_blank = True
    for keep, (start, end) in zip(mask, spans, strict=True):
        # One blank block between kept ones keeps the page's paragraph break.
        blank = not text[start:end].strip()
        if keep or (blank and not last_blank):
            builder.copy(start, end)
            last_blank = blank
    body, body_offsets = builder.build()
    return body, body_offsets.then(offsets)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<p>" in head and "</p>" in text)


def make_article(
    text: str, *, id: str, source: str, html: bool | None = None, max_bytes: int = MAX_ARTICLE_BYTES
) -> Article:
    """Validate raw input and turn it into an Article (raises InputError)."""
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise InputError(
            f"too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit); "
            "split it or raise --max-bytes",
            source=source,
        )
    if "\x00" in text:
        raise InputError("looks binary (contains NUL bytes), not an article", source=source)
    if html is None:
        html = looks_like_html(text)
    source_text, source_offsets = html_article_text(text) if html else (text, None)
    page = read_page(source_text)
    offsets = page.offsets
    if offsets is None and html:
        offsets = TextBuilder.whole(source_text)[1]
    if offsets is not None:
        offsets = offsets.then(source_offsets)
    article = Article(
        id=id,
        text=page.text,
        source=source,
        raw=text if offsets is not None else None,
        offsets=offsets,
        headline=page.headline,
    )
    if not article.text:
        raise InputError("is empty", source=source)
    if len(article.text) < MIN_ARTICLE_CHARS:
        raise InputError(
            f"has only {len(article.text)} characters of text, too little to hold a deal",
            source=source,
        )
    return article


def read_file(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """One article from a text, Markdown or HTML file."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file or folder", source=source) from None
    if size > max_bytes:
        raise InputError(
            f"too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit); "
            "split it or raise --max-bytes",
            source=source,
        )
    return article_from_bytes(path.read_bytes(), path=path, max_bytes=max_bytes)


def article_from_bytes(
    data: bytes, *, path: PurePath, source: str | None = None, max_bytes: int = MAX_ARTICLE_BYTES
) -> Article:
    """One article from a file's bytes, wherever they were read (local disk, object storage)."""
    source = source or str(path)
    if b"\x00" in data[:8192]:
        raise InputError("looks binary (contains NUL bytes), not a text article", source=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not UTF-8 text (bad byte at offset {exc.start}); convert it with iconv",
            source=source,
        ) from None
    html = True if path.suffix.lower() in HTML_SUFFIXES else None
    return make_article(text, id=path.stem, source=source, html=html, max_bytes=max_bytes)


def _iter_jsonl(path: Path, max_bytes: int) -> Iterator[Article | ArticleProblem]:
    with path.open("rb") as handle:
        yield from jsonl_articles(handle, path=path, max_bytes=max_bytes)


def jsonl_articles(
    lines: Iterable[bytes], *, path: PurePath, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | ArticleProblem]:
    """Articles from the lines of a JSONL file of ``{id, text}``; a bad line is a problem.

    An article without an id is named after the file and its line number, so a rerun over
    the same file gives it the same id (which resuming relies on).
    """
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('each line must be an object with a string "text"')
            article_id = str(record.get("id") or f"{path.stem}-{lineno}")
        except (ValueError, UnicodeDecodeError) as exc:
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield ArticleProblem(f"{path.stem}-{lineno}", source, f"bad JSONL line: {message}")
            continue
        try:
            yield make_article(record["text"], id=article_id, source=source, max_bytes=max_bytes)
        except InputError as exc:
            yield ArticleProblem(article_id, source, str(exc))


def iter_articles(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | ArticleProblem]:
    """Articles from paths: files, folders (recursively), ``-`` for stdin, or ``.jsonl``.

    Lazy: a JSONL of millions of lines is read one line at a time.
    """
    for item in paths:
        if str(item) == "-":
            try:
                text = sys.stdin.read()
                yield make_article(text, id="stdin", source="<stdin>", max_bytes=max_bytes)
            except InputError as exc:
                yield ArticleProblem("stdin", "<stdin>", str(exc))
            except UnicodeDecodeError:
                yield ArticleProblem("stdin", "<stdin>", "<stdin>: is not UTF-8 text")
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not files:
                yield ArticleProblem(path.name, str(path), f"{path}: folder holds no article files")
            for file in files:
                yield from _read_one(file, max_bytes)
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            yield from _iter_jsonl(path, max_bytes)
        else:
            yield from _read_one(path, max_bytes)


def _read_one(path: Path, max_bytes: int) -> Iterator[Article | ArticleProblem]:
    try:
        yield read_file(path, max_bytes=max_bytes)
    except InputError as exc:
        yield ArticleProblem(path.stem, str(path), str(exc))
