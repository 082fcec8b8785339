"""The generator: reproducible, valid, grounded, varied, and disjoint from the eval articles."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from summarize.schema import DealStatus, DealSummary, DealType, Qualifier
from training.corpus import Example
from training.corpus.build import check
from training.corpus.target import NO_DEAL_PREFIX, quotes
from training.generate import examples, main

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "evals" / "datasets"
NGRAM = 8
CURRENCIES = {"USD", "EUR", "GBP", "INR", "JPY", "CHF", "CAD"}
VARIETY_SAMPLE = 500


def test_same_seed_same_examples() -> None:
    first = [e.record() for e in examples(30, seed=7)]
    again = [e.record() for e in examples(30, seed=7)]
    assert first == again


def test_other_seed_other_examples() -> None:
    assert [e.text for e in examples(5, seed=7)] != [e.text for e in examples(5, seed=8)]


def test_a_longer_run_starts_with_the_shorter_one() -> None:
    """Example i depends only on (seed, i): growing --n never changes earlier examples."""
    assert [e.text for e in examples(5, seed=7)] == [e.text for e in examples(8, seed=7)][:5]


def test_cli_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "data" / "train.jsonl"
    assert main(["--n", "12", "--seed", "3", "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 12
    assert all(set(row) == {"id", "text", "target"} for row in rows)
    assert [r["id"] for r in rows] == [f"synth-{i:06d}" for i in range(12)]
    assert [r["text"] for r in rows] == [e.text for e in examples(12, seed=3)]


def test_every_target_is_a_valid_grounded_summary(corpus: list[Example]) -> None:
    for item in corpus:
        summary = DealSummary.model_validate_json(item.target)
        assert summary == item.summary
        for quote in quotes(summary):
            assert quote in item.text, (item.id, quote)
        assert summary.is_deal != summary.headline.startswith(NO_DEAL_PREFIX), item.id


def test_targets_are_compact(corpus: list[Example]) -> None:
    for item in corpus[:200]:
        data = json.loads(item.target)
        assert list(data)[:3] == ["headline", "deal_type", "status"]
        text = item.target
        assert json.dumps(data, ensure_ascii=False, separators=(",", ":")) == text
        for absent in ('"spans"', '"grounded"', '"metadata"', '"dropped"', '"exact"', ".0,"):
            assert absent not in text, (item.id, absent)
        assert "null" not in text.replace('"deal_type":null,"status":null', "")


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ('{"headline":"x","deal_type":"acquisition","status":"announced",'
         '"evidence":{"status":{"quote":"words not in the text"}}}', "does not occur"),
        ('{"headline":"x","deal_type":"acquisition","status":"announced",'
         '"parties":[{"name":"Nobody","role":"target","evidence":{"quote":"agreed to buy"}}]}',
         "grounding drops parties"),
        ('{"headline":"x","deal_type":"purchase","status":"announced"}', "validation error"),
    ],
)  # fmt: skip
def test_check_rejects_what_grounding_would_drop(target: str, reason: str) -> None:
    text = "Acme Corp agreed to buy Beta Ltd for $2 billion, the companies said on Monday."
    with pytest.raises(Exception, match=reason):
        check(text, target)


def _variety(items: list[Example]) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {k: set() for k in ("type", "status", "currency", "qualifier")}
    for item in items:
        s = item.summary
        seen["type"].add(s.deal_type.value if s.deal_type else "no_deal")
        seen["status"].add(s.status.value if s.status else "no_deal")
        if s.amount:
            seen["currency"].add(s.amount.currency)
            seen["qualifier"].add(s.amount.qualifier.value)
        elif s.is_deal:
            seen["qualifier"].add("undisclosed")
    return seen


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("type", {t.value for t in DealType} | {"no_deal"}),
        ("status", {s.value for s in DealStatus} | {"no_deal"}),
        ("currency", CURRENCIES),
        ("qualifier", {q.value for q in Qualifier} | {"undisclosed"}),
    ],
)
def test_first_500_cover_every_value(corpus: list[Example], field: str, expected: set[str]) -> None:
    assert _variety(corpus[:VARIETY_SAMPLE])[field] >= expected


@pytest.mark.parametrize(
    "feature",
    [
        lambda s: s.stake_percent is not None,
        lambda s: s.valuation is not None,
        lambda s: s.announced_on is not None,
        lambda s: s.consideration is not None,
        lambda s: any(p.role.value == "seller" for p in s.parties),
        lambda s: any(p.role.value == "advisor" for p in s.parties),
        lambda s: len([p for p in s.parties if p.role.value == "investor"]) >= 2,
        lambda s: bool(s.key_people),
        lambda s: any(src.kind and src.kind.value == "anonymous" for src in s.sources),
    ],
    ids=["stake", "valuation", "date", "consideration", "seller", "advisor", "investors",
         "people", "anonymous-source"],
)  # fmt: skip
def test_first_500_hold_every_kind_of_fact(
    corpus: list[Example], feature: Callable[[DealSummary], bool]
) -> None:
    assert sum(feature(e.summary) for e in corpus[:VARIETY_SAMPLE]) >= 10


TRAP_OPENINGS = re.compile(
    r"(?i)SYSTEM OVERRIDE|\[NOTE TO|Reader comment|<!-- instruction|Comment by \w+: If you are"
)


def test_injected_instructions_never_reach_the_target(corpus: list[Example]) -> None:
    trapped = [(e, m.start()) for e in corpus if (m := TRAP_OPENINGS.search(e.text))]
    assert len(trapped) >= 50
    for item, trap_start in trapped:
        for quote in quotes(item.summary):
            assert item.text.index(quote) < trap_start, (item.id, quote)


def _ngrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1)}


def _eval_articles() -> Iterator[Path]:
    """Every article of every eval dataset, including those read from an ``articles_dir``."""
    for dataset in sorted(p for p in DATASETS.iterdir() if (p / "dataset.yaml").is_file()):
        meta = yaml.safe_load((dataset / "dataset.yaml").read_text(encoding="utf-8")) or {}
        folder = (dataset / meta["articles_dir"]).resolve() if meta.get("articles_dir") else dataset
        yield from sorted(folder.rglob("*.txt"))  # split folders (deals/dev, deals/test) too


def test_eval_articles_are_found() -> None:
    names = {p.relative_to(DATASETS).parts[0] for p in _eval_articles() if DATASETS in p.parents}
    assert {"deals", "consolidation"} <= names
    assert len(list(_eval_articles())) >= 40


def test_no_8gram_overlap_with_any_eval_article(corpus: list[Example]) -> None:
    """The adapter must never have seen a line of the articles it is scored on."""
    held_out: dict[tuple[str, ...], str] = {}
    for path in _eval_articles():
        for gram in _ngrams(path.read_text(encoding="utf-8")):
            held_out[gram] = f"{path.parent.name}/{path.name}"
    shared = {
        " ".join(gram): held_out[gram]
        for item in corpus
        for gram in _ngrams(item.text)
        if gram in held_out
    }
    assert len(corpus) == 2000
    assert shared == {}
