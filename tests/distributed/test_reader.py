"""Ray's reader: the same articles, ids and problems as iter_articles, and resume skips."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.articles import iter_articles
from summarize.distributed.ids import digest_array
from summarize.testing import fake_articles

from .conftest import write_jsonl

ray = pytest.importorskip("ray", reason="needs the ray extra")
from summarize.distributed.reader import read_articles  # noqa: E402

pytestmark = pytest.mark.ray


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    news = write_jsonl(tmp_path / "news.jsonl", fake_articles(5))
    with news.open("a") as handle:
        handle.write('{"text": "' + "An id-less article about a deal, long enough. " * 2 + '"}\n')
        handle.write("\n")
        handle.write("not json\n")
        handle.write('{"id": "short", "text": "too short"}\n')
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "one.html").write_text(
        "<html><body><p>" + next(fake_articles(1, start=7)).text + "</p></body></html>"
    )
    (folder / "two.txt").write_text(next(fake_articles(1, start=8)).text)
    (folder / "ignored.csv").write_text("a,b\n")
    return [str(news), str(folder)]


def test_rows_match_what_the_single_machine_reader_gives(
    ray_cluster: str, inputs: list[str]
) -> None:
    rows = read_articles(inputs).take_all()
    expected = {item.id: item for item in iter_articles(inputs)}
    assert sorted(r["id"] for r in rows) == sorted(expected)
    for row in rows:
        item = expected[row["id"]]
        if row["problem"] is None:
            assert row["text"] == item.text
        else:
            assert row["problem"] == item.message and row["text"] is None
    assert {r["id"] for r in rows if r["problem"]} == {"news-8", "short"}
    assert "news-6" in expected, "an article without an id is named after its file and line"


def test_ids_already_done_come_back_bare(ray_cluster: str, inputs: list[str]) -> None:
    done = ["art-000001", "two", "short"]
    rows = read_articles(inputs, skip=ray.put(digest_array(done))).take_all()
    skipped = {r["id"] for r in rows if r["skip"]}
    assert skipped == set(done)
    assert all(r["text"] is None for r in rows if r["skip"])
