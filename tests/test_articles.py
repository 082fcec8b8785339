"""Reading articles: files, folders, JSONL, stdin, HTML stripping with offsets, bad input."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.articles import (
    MAX_ARTICLE_BYTES,
    Article,
    ArticleProblem,
    html_to_text,
    iter_articles,
    looks_like_html,
    make_article,
    read_file,
)
from summarize.exceptions import InputError

TEXT = "Halvorsen Foods agreed to buy Pellucid Brands for $2 billion, the companies said.\n"
HTML = (
    "<!DOCTYPE html>\n<html><head><title>Ignored title</title>"
    "<style>p { color: red; }</style></head>\n<body>\n"
    "<h1>Halvorsen to buy Pellucid</h1>\n"
    "<p>Halvorsen Foods &amp; partners agreed to buy <b>Pellucid Brands</b> for $2 billion.</p>"
    "<script>var tracking = 'Halvorsen';</script>\n"
    "<p>The deal is expected to close in&nbsp;2026.</p>\n</body></html>\n"
)


@pytest.fixture
def make_file(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    def make(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return make


def test_text_file_becomes_an_article(make_file: Callable[..., Path]) -> None:
    path = make_file("deal-one.txt", "\n\n" + TEXT + "\n")
    article = read_file(path)
    assert article == Article(id="deal-one", text=TEXT.strip(), source=str(path))
    assert article.raw_span(5, 10) == (5, 10)


def test_utf8_bom_is_dropped(make_file: Callable[..., Path]) -> None:
    article = read_file(make_file("bom.md", "\ufeff" + TEXT))
    assert article.text.startswith("Halvorsen")


def test_page_furniture_is_left_out_of_a_text_file(make_file: Callable[..., Path]) -> None:
    content = "|\nBy: Maren Ostby\nHalvorsen to buy Pellucid Brands\n" + TEXT
    article = read_file(make_file("page.txt", content))
    assert article.headline == "Halvorsen to buy Pellucid Brands"
    assert article.text == "Halvorsen to buy Pellucid Brands\n" + TEXT.strip()
    assert article.raw == content
    start = article.text.index("for $2 billion")
    raw_start, raw_end = article.raw_span(start, start + len("for $2 billion"))
    assert content[raw_start:raw_end] == "for $2 billion"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\t\n  ", "is empty"),
        ("short.txt", b"Acme buys Widget.", "too little to hold a deal"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "looks binary"),
        ("latin1.txt", "Caf\u00e9 Rouge agreed to buy a rival for \u00a32m.".encode("latin-1"),
         "is not UTF-8 text (bad byte at offset 3)"),
        ("tags-only.html", b"<html><body><p> </p><script>x()</script></body></html>", "is empty"),
    ],
)  # fmt: skip
def test_bad_file_is_an_input_error_naming_the_file(
    make_file: Callable[..., Path], name: str, content: bytes, reason: str
) -> None:
    path = make_file(name, content)
    with pytest.raises(InputError) as caught:
        read_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert caught.value.source == str(path)
    assert "\n" not in message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file or folder"):
        read_file(tmp_path / "nowhere.txt")


def test_five_megabyte_file_is_refused_before_reading(make_file: Callable[..., Path]) -> None:
    path = make_file("huge.txt", b"deal news " * 500_000)
    assert path.stat().st_size == 5_000_000 > MAX_ARTICLE_BYTES
    with pytest.raises(InputError, match=r"too large \(5.0 MB > 1.0 MB limit\)"):
        read_file(path)


def test_size_limit_is_adjustable(make_file: Callable[..., Path]) -> None:
    path = make_file("medium.txt", TEXT * 20)
    with pytest.raises(InputError, match="too large"):
        read_file(path, max_bytes=100)
    assert read_file(path, max_bytes=10_000).text


def test_make_article_checks_size_in_utf8_bytes() -> None:
    text = "€" * 40  # 120 bytes in UTF-8
    with pytest.raises(InputError, match="too large"):
        make_article(text, id="x", source="<text>", max_bytes=100)


def test_html_is_reduced_to_visible_text(make_file: Callable[..., Path]) -> None:
    article = read_file(make_file("page.html", HTML))
    assert [line for line in article.text.splitlines() if line.strip()] == [
        "Halvorsen to buy Pellucid",
        "Halvorsen Foods & partners agreed to buy Pellucid Brands for $2 billion.",
        "The deal is expected to close in\u00a02026.",
    ]
    assert "tracking" not in article.text and "color" not in article.text
    assert "Ignored title" not in article.text
    assert article.raw == HTML


@pytest.mark.parametrize(
    "words",
    ["Halvorsen to buy", "Pellucid Brands", "Foods & partners", "for $2 billion.",
     "expected to close", "2026."],
)  # fmt: skip
def test_html_span_maps_back_to_the_same_words_in_raw(words: str) -> None:
    article = make_article(HTML, id="page", source="page.html")
    start = article.text.index(words)
    raw_start, raw_end = article.raw_span(start, start + len(words))
    raw_words = HTML[raw_start:raw_end]
    assert raw_words.replace("&amp;", "&") == words


@pytest.mark.parametrize("prefix", ["", "\n\n   ", "<div>\n  <p>   ", "<p>&nbsp; ", "<br>\n<br>\n"])
def test_offsets_survive_leading_whitespace(prefix: str) -> None:
    raw = f"{prefix}Halvorsen Foods agreed to buy Pellucid Brands for $2 billion.</p>"
    article = make_article(raw, id="x", source="x", html=True)
    assert article.text.startswith("Halvorsen")
    for words in ("Halvorsen Foods", "Pellucid Brands", "billion."):
        start = article.text.index(words)
        raw_start, raw_end = article.raw_span(start, start + len(words))
        assert raw[raw_start:raw_end] == words


def test_html_to_text_offsets_point_into_raw() -> None:
    text, offsets = html_to_text("<p>Acme</p><p>Widget &amp; Co</p>")
    assert text == "Acme\nWidget & Co\n"
    assert offsets.to_raw(text.index("Widget")) == "<p>Acme</p><p>".__len__()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<!doctype html><p>x</p>", True), ("<html><body>x</body></html>", True),
     ("<p>Acme buys Widget.</p>", True), ("Acme <b>buys</b> Widget", False),
     ("Price < $5 and > $2", False)],
)  # fmt: skip
def test_html_detection(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_html_in_a_txt_file_is_still_stripped(make_file: Callable[..., Path]) -> None:
    article = read_file(make_file("saved.txt", HTML))
    assert "<p>" not in article.text
    assert article.raw == HTML


def split(items: list[Article | ArticleProblem]) -> tuple[list[Article], list[ArticleProblem]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, ArticleProblem)],
    )


def test_folder_is_read_recursively_in_order(
    make_file: Callable[..., Path], tmp_path: Path
) -> None:
    make_file("news/b.txt", TEXT)
    make_file("news/a.md", TEXT)
    make_file("news/deep/er/c.html", HTML)
    make_file("news/notes.pdf", b"%PDF-1.4 \x00")
    make_file("news/empty.txt", b"")
    articles, problems = split(list(iter_articles([tmp_path / "news"])))
    assert [a.id for a in articles] == ["a", "b", "c"]
    assert [p.id for p in problems] == ["empty"]
    assert "is empty" in problems[0].message


def test_folder_without_articles_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "void").mkdir()
    (problem,) = list(iter_articles([tmp_path / "void"]))
    assert isinstance(problem, ArticleProblem)
    assert "folder holds no article files" in problem.message


def test_bad_paths_become_problems_not_exceptions(make_file: Callable[..., Path]) -> None:
    good = make_file("good.txt", TEXT)
    items = list(iter_articles([good, good.parent / "missing.txt", make_file("e.txt", b"")]))
    articles, problems = split(items)
    assert [a.id for a in articles] == ["good"]
    assert [p.id for p in problems] == ["missing", "e"]
    assert isinstance(problems[0].error(), InputError)
    assert "no such file" in str(problems[0].error())


def test_jsonl_good_and_bad_lines(make_file: Callable[..., Path]) -> None:
    lines = [
        json.dumps({"id": "first", "text": TEXT}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "numeric", "text": 42}),
        json.dumps({"id": "tiny", "text": "Too short."}),
        json.dumps({"text": TEXT}),
    ]
    path = make_file("batch.jsonl", "\n".join(lines) + "\n")
    items = list(iter_articles([path]))
    articles, problems = split(items)
    assert [a.id for a in articles] == ["first", "batch-8"]
    assert articles[0].source == f"{path}:1"
    assert [p.source for p in problems] == [f"{path}:{n}" for n in (3, 4, 5, 6, 7)]
    assert all(p.message for p in problems)
    assert "bad JSONL line" in problems[0].message
    assert 'string "text"' in problems[2].message
    assert problems[4].id == "tiny" and "too little" in problems[4].message


def test_jsonl_is_read_lazily(make_file: Callable[..., Path]) -> None:
    path = make_file("lazy.jsonl", json.dumps({"id": "one", "text": TEXT}) + "\n{broken\n")
    items = iter_articles([path])
    first = next(items)
    assert isinstance(first, Article) and first.id == "one"


def test_stdin_is_an_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(TEXT))
    (article,) = list(iter_articles(["-"]))
    assert isinstance(article, Article)
    assert (article.id, article.source, article.text) == ("stdin", "<stdin>", TEXT.strip())


@pytest.mark.parametrize(("data", "reason"), [("", "is empty"), ("hi", "too little")])
def test_bad_stdin_is_a_problem(monkeypatch: pytest.MonkeyPatch, data: str, reason: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(data))
    (problem,) = list(iter_articles(["-"]))
    assert isinstance(problem, ArticleProblem)
    assert problem.message.startswith("<stdin>: ") and reason in problem.message


def test_undecodable_stdin_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.TextIOWrapper(io.BytesIO(b"\xff\xfe\xfa not utf-8 at all, sorry"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", raw)
    (problem,) = list(iter_articles(["-"]))
    assert isinstance(problem, ArticleProblem)
    assert "not UTF-8" in problem.message
