"""Read articles from files, folders, stdin or JSONL, lazily, turning bad input into problems.

A bad article never stops a batch: the reader yields an ``ArticleProblem`` in its place, which
the CLI writes as an error record. HTML is reduced to text with an offset map, so evidence
spans found in the text can be mapped back to the user's original input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from summarize.exceptions import InputError
from summarize.offsets import OffsetMap

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
    """The user's original input when ``text`` was derived from it (HTML)."""
    offsets: OffsetMap | None = field(default=None, repr=False)

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

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self._newline()

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


def html_to_text(raw: str) -> tuple[str, OffsetMap]:
    """Visible text of an HTML document and the map back to the raw offsets."""
    parser = _TextExtractor(raw)
    parser.feed(raw)
    parser.close()
    return "".join(parser.parts), OffsetMap(tuple(parser.text_starts), tuple(parser.raw_starts))


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
    if html:
        body, offsets = html_to_text(text)
        article = Article(id=id, text=body.strip(), source=source, raw=text, offsets=offsets)
    else:
        article = Article(id=id, text=text.strip(), source=source)
    if not article.text:
        raise InputError("is empty", source=source)
    if len(article.text) < MIN_ARTICLE_CHARS:
        raise InputError(
            f"has only {len(article.text)} characters of text, too little to hold a deal",
            source=source,
        )
    if html:
        # Strip leading whitespace consistently with the offsets: shift by what strip removed.
        lead = len(body) - len(body.lstrip())
        if lead:
            # A piece cut by the strip starts at 0, and in the raw input as far in as was cut.
            shifted = OffsetMap(
                tuple(max(0, s - lead) for s in offsets.text_starts),
                tuple(
                    r + max(0, lead - s)
                    for s, r in zip(offsets.text_starts, offsets.raw_starts, strict=True)
                ),
            )
            article = Article(id=id, text=article.text, source=source, raw=text, offsets=shifted)
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
    data = path.read_bytes()
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
        for lineno, line in enumerate(handle, start=1):
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
                yield make_article(
                    record["text"], id=article_id, source=source, max_bytes=max_bytes
                )
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
