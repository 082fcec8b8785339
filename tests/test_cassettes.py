"""Every file in cassettes/ is free of secrets, in canonical form, and the folder stays small."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize import recording

MAX_TOTAL_BYTES = 5 * 1024 * 1024
CASSETTE_FILES = sorted(p for p in recording.CASSETTES_DIR.rglob("*") if p.is_file())
CASSETTES = [p for p in CASSETTE_FILES if p.suffix == ".yaml"]


def _id(path: Path) -> str:
    return str(path.relative_to(recording.CASSETTES_DIR))


def test_recorded_tests_have_cassettes() -> None:
    """The scans below are only worth something if there is something to scan."""
    assert any(p.parent.name == "test_recording" for p in CASSETTES)


@pytest.mark.parametrize("path", CASSETTE_FILES, ids=_id)
def test_no_secrets(path: Path) -> None:
    found = recording.find_secrets(path.read_text(encoding="utf-8", errors="replace"))
    assert not found, f"{_id(path)} holds what looks like a secret: {', '.join(found)}"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("body: use sk-proj-0123456789abcdef please", ["sk-"]),
        ("      Authorization:\n      - Bearer abcdefgh12345678\n", ["Bea", "Authorization"]),
        ("    api-key:\n    - x\n", ["api-key"]),
        ("    'set-cookie':\n", ["set-cookie"]),
        ("text: a risk-averse, desk-bound bank\nuser-agent: x\n", []),
    ],
)
def test_secret_scan_finds_keys_without_repeating_them(text: str, kinds: list[str]) -> None:
    found = recording.find_secrets(text)
    assert [item.split(" ")[0].rstrip("…") for item in found] == kinds
    assert not any("0123456789" in item or "abcdefgh" in item for item in found)


@pytest.mark.parametrize("path", CASSETTES, ids=_id)
def test_cassette_is_canonical(path: Path) -> None:
    """Loading and saving again gives the same text: what VCR wrote, with nothing hand-tidied."""
    text = path.read_text(encoding="utf-8")
    data = recording.ReadableYamlSerializer.deserialize(text)
    assert data["interactions"], f"{_id(path)} has no interactions"
    assert recording.ReadableYamlSerializer.serialize(data) == text


def test_cassettes_stay_small() -> None:
    total = sum(p.stat().st_size for p in CASSETTE_FILES)
    assert total < MAX_TOTAL_BYTES, f"cassettes/ holds {total / 1e6:.1f} MB; aim under 5 MB"
