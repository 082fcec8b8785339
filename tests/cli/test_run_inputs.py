"""``summarize run`` on good and bad input: one-line errors, exit codes, error records.

No model runs here: the Summarizer is replaced by a fake that answers instantly.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest

from summarize.articles import Article
from summarize.cli import run as run_module
from summarize.providers import Endpoint
from summarize.schema import DealSummary, Party, Role, RunMetadata

from .conftest import Result

DEAL = "Halvorsen Foods agreed to buy Pellucid Brands for $2 billion in cash, the companies said.\n"
NO_DEAL = "NO-DEAL: the weather in the harbour town stayed mild all week, residents said.\n"
ROOT = Path(__file__).resolve().parents[2]


class FakeSummarizer:
    """Stands in for Summarizer: fixed answers, no endpoint, no server."""

    made: ClassVar[list[FakeSummarizer]] = []

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.endpoint = Endpoint(
            provider="openai", model="fake", base_url="http://x/v1", api_key="k"
        )
        self.concurrency = 2
        self.seen: list[str] = []
        self.closed = False
        FakeSummarizer.made.append(self)

    def settings(self) -> dict[str, Any]:
        return {**self.endpoint.settings_key(), "prompt": "fake", "prompt_version": "1"}

    async def summarize(self, article: Article, *, require_deal: bool = False) -> DealSummary:
        self.seen.append(article.id)
        meta = RunMetadata(provider="openai", model="fake", prompt_name="fake", prompt_version="1",
                           article_id=article.id)  # fmt: skip
        if article.text.startswith("NO-DEAL"):
            return DealSummary(headline="No deal.", deal_type=None, status=None, metadata=meta)
        return DealSummary(
            headline="Halvorsen Foods buys Pellucid Brands.",
            deal_type="acquisition",  # type: ignore[arg-type]
            status="announced",  # type: ignore[arg-type]
            parties=[Party(name="Halvorsen Foods", role=Role.acquirer)],
            metadata=meta,
        )

    async def aclose(self) -> None:
        self.closed = True


class NoModel:
    """Bad input must be reported before any model is set up."""

    def __init__(self, **options: Any) -> None:
        raise AssertionError("a Summarizer was created for input that cannot be summarized")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> type[FakeSummarizer]:
    FakeSummarizer.made = []
    monkeypatch.setattr(run_module, "Summarizer", FakeSummarizer)
    return FakeSummarizer


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "Summarizer", NoModel)


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    return folder


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "is empty"),
    ("binary.txt", b"GIF89a\x00\x01\x00\x00\xff\x00" * 20, "looks binary"),
    ("latin1.txt", "Caf\u00e9 Rouge agreed to buy a rival for \u00a32m.".encode("latin-1"),
     "is not UTF-8 text"),
    ("huge.txt", b"deal news " * 500_000, "too large (5.0 MB"),
    ("short.txt", b"Acme buys Widget.", "too little to hold a deal"),
    ("odd[name].txt", b"", "is empty"),
]  # fmt: skip


def assert_one_line_error(code: int, out: str, err: str, *words: str) -> None:
    assert code != 0
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
@pytest.mark.usefixtures("no_model")
def test_bad_file_is_one_line_naming_file_and_reason(
    cli: Callable[..., Result], article_dir: Path, name: str, content: bytes, reason: str
) -> None:
    path = write(article_dir, name, content)
    code, out, err = cli("run", path)
    assert code == 2
    assert_one_line_error(code, out, err, str(path), reason)


@pytest.mark.usefixtures("no_model")
def test_missing_path_is_one_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    code, out, err = cli("run", tmp_path / "nowhere.txt")
    assert_one_line_error(code, out, err, "nowhere.txt", "no such file or folder")


@pytest.mark.usefixtures("no_model")
def test_folder_without_articles_is_one_line(cli: Callable[..., Result], article_dir: Path) -> None:
    write(article_dir, "notes.csv", "a,b\n")
    code, out, err = cli("run", article_dir)
    assert_one_line_error(code, out, err, str(article_dir), "no article files")


@pytest.mark.parametrize(("stdin", "reason"), [("", "is empty"), ("Too short.", "too little")])
@pytest.mark.usefixtures("no_model")
def test_bad_stdin_is_one_line(cli: Callable[..., Result], stdin: str, reason: str) -> None:
    code, out, err = cli("run", "-", stdin=stdin)
    assert_one_line_error(code, out, err, "<stdin>", reason)


def test_bad_input_through_the_console_script(tmp_path: Path) -> None:
    """The real process: exit status 2, one line on stderr, no traceback."""
    path = write(tmp_path, "empty.txt", b"")
    done = subprocess.run(
        [sys.executable, "-m", "summarize", "run", str(path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert_one_line_error(done.returncode, done.stdout, done.stderr, str(path), "is empty")


def test_unknown_provider_is_one_line(cli: Callable[..., Result], article_dir: Path) -> None:
    path = write(article_dir, "deal.txt", DEAL)
    code, out, err = cli("run", path, "--provider", "bogus")
    assert_one_line_error(code, out, err, "unknown provider 'bogus'")


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_single_article_prints_one_summary(
    cli: Callable[..., Result], fake: type[FakeSummarizer], article_dir: Path
) -> None:
    code, out, err = cli("run", write(article_dir, "deal.txt", DEAL), "--no-cache")
    assert code == 0, err
    summary = DealSummary.model_validate_json(out)
    assert summary.metadata is not None and summary.metadata.article_id == "deal"
    assert "error" not in err
    assert fake.made[0].closed


def test_stdin_article_is_summarized(
    cli: Callable[..., Result], fake: type[FakeSummarizer]
) -> None:
    code, out, _ = cli("run", "-", "--no-cache", stdin=DEAL)
    assert code == 0
    assert DealSummary.model_validate_json(out).metadata.article_id == "stdin"  # type: ignore[union-attr]


def test_one_bad_file_in_a_batch_becomes_an_error_record(
    cli: Callable[..., Result], fake: type[FakeSummarizer], article_dir: Path
) -> None:
    write(article_dir, "a.txt", DEAL)
    bad = write(article_dir, "b.txt", b"")
    write(article_dir, "c.txt", DEAL)
    code, out, err = cli("run", article_dir, "--no-cache")
    assert code == 1
    found = {r.get("id") or r["metadata"]["article_id"]: r for r in records(out)}
    assert set(found) == {"a", "b", "c"}
    assert found["b"]["error"]["type"] == "InputError"
    assert found["b"]["source"] == str(bad)
    assert "is empty" in found["b"]["error"]["message"]
    assert found["a"]["headline"] and found["c"]["headline"]
    assert sorted(fake.made[0].seen) == ["a", "c"]
    assert "Traceback" not in err
    assert any(line.startswith("error: ") and "b.txt" in line for line in err.splitlines())


def test_batch_with_out_file_writes_every_record(
    cli: Callable[..., Result], fake: type[FakeSummarizer], article_dir: Path, tmp_path: Path
) -> None:
    good = write(article_dir, "good.txt", DEAL)
    missing = article_dir / "missing.txt"
    out_file = tmp_path / "out.jsonl"
    code, out, _ = cli("run", good, missing, "--out", out_file, "--no-cache")
    assert code == 1
    assert out == ""
    written = records(out_file.read_text(encoding="utf-8"))
    assert len(written) == 2
    (error,) = [r for r in written if "error" in r]
    assert error["id"] == "missing"
    assert "no such file" in error["error"]["message"]


def test_jsonl_bad_line_becomes_an_error_record(
    cli: Callable[..., Result], fake: type[FakeSummarizer], article_dir: Path
) -> None:
    lines = [
        json.dumps({"id": "one", "text": DEAL}),
        "{oops",
        json.dumps({"id": "two", "text": DEAL}),
    ]
    path = write(article_dir, "batch.jsonl", "\n".join(lines) + "\n")
    code, out, _ = cli("run", path, "--no-cache")
    assert code == 1
    written = records(out)
    assert len(written) == 3
    (error,) = [r for r in written if "error" in r]
    assert error["source"] == f"{path}:2"
    assert "bad JSONL line" in error["error"]["message"]


def test_article_without_a_deal_is_an_error_record(
    cli: Callable[..., Result], fake: type[FakeSummarizer], article_dir: Path
) -> None:
    write(article_dir, "deal.txt", DEAL)
    write(article_dir, "weather.txt", NO_DEAL)
    code, out, err = cli("run", article_dir, "--no-cache")
    assert code == 1
    (error,) = [r for r in records(out) if "error" in r]
    assert error["id"] == "weather"
    assert error["error"]["type"] == "NoDealError"
    assert "no deal found" in error["error"]["message"]
    assert "Traceback" not in err
