"""The two seed reports (Meta's talks to invest in Scale AI) consolidate into one deal.

The summaries are built by hand, as a good model would write them; their quotes are cut from
the seed files at test time (never copied here), located by a short phrase of each sentence.
A second test uses our own paraphrases, so the rules are checked even without the seed files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarize.articles import Article, read_file
from summarize.consolidate import ConsolidatedDeal, consolidate
from summarize.schema import DealSummary, Evidence

from .conftest import deal, fact, money, source

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
"""Where the seed dataset finds them too (evals/datasets/seeds/dataset.yaml)."""
REPORT_A, REPORT_B = "meta-scale-ai-report-a", "meta-scale-ai-report-b"


def sentence(text: str, phrase: str) -> Evidence:
    """The sentence of ``text`` holding ``phrase``, as grounded evidence with its span."""
    at = text.index(phrase)
    start = max((m.end() for m in re.finditer(r"[.!?]\s+|\n", text[:at])), default=0)
    end_match = re.compile(r"[.!?](?=\s|$)|\n").search(text, at + len(phrase))
    end = end_match.end() if end_match else len(text)
    quote = text[start:end]
    return Evidence(quote=quote, spans=[(start, end)], match="exact", grounded=True)


def seed_summaries(a: str, b: str) -> dict[str, DealSummary]:
    """Summaries of report a (Reuters relaying Bloomberg News) and b (Bloomberg, anonymous)."""
    relay = sentence(a, "cited by Reuters")
    first = deal(
        ("Meta Platforms", "investor"),
        ("Scale AI", "target"),
        deal_type="minority_investment",
        status="in_talks",
        article_id=REPORT_A,
        headline="Meta in talks to invest more than $10 billion in Scale AI",
        amount=money(10e9, "more than $10 billion", "more_than"),
        sources=[source("Bloomberg News", "news_agency"), source("Reuters", "news_agency")],
        key_facts=[fact("Scale AI was most recently valued at nearly $14 billion.")],
    )
    first.amount.evidence = relay  # type: ignore[union-attr]
    first.sources[1].evidence = relay
    first.key_facts[0].evidence = sentence(a, "nearly $14 billion")
    first.evidence["status"] = sentence(a, "advanced discussions")
    second = deal(
        ("Meta Platforms Inc.", "investor"),
        ("Scale AI", "target"),
        deal_type="funding_round",
        status="in_talks",
        article_id=REPORT_B,
        headline="Meta discusses a multibillion-dollar Scale AI investment",
        amount=money(10e9, "surpass $10 billion", "more_than"),
        sources=[
            source("Bloomberg", "news_agency"),
            source("people familiar with the matter", "anonymous"),
            source("Meta", "company"),
        ],
        key_facts=[fact("Scale AI weighs a tender offer at a $25 billion valuation.")],
    )
    second.amount.evidence = sentence(b, "surpass $10 billion")  # type: ignore[union-attr]
    second.sources[2].evidence = sentence(b, "declined to comment")
    second.key_facts[0].evidence = sentence(b, "$25 billion")
    second.evidence["status"] = sentence(b, "in discussions")
    return {REPORT_A: first, REPORT_B: second}


def check_seed_deal(deals: list[ConsolidatedDeal], *, with_spans: bool) -> None:
    assert len(deals) == 1
    [merged] = deals
    assert merged.article_ids == [REPORT_A, REPORT_B]
    assert [(p.name, p.role.value) for p in merged.parties] == [
        ("Meta Platforms", "investor"),
        ("Scale AI", "target"),
    ]
    assert merged.deal_type.value is not None
    assert merged.deal_type.value.value == "minority_investment"
    assert merged.status.value is not None and merged.status.value.value == "in_talks"
    amount = merged.amount.value
    assert amount is not None
    assert (amount.value, amount.currency, amount.qualifier.value) == (10e9, "USD", "more_than")
    assert [s.article_id for s in merged.amount.support] == [REPORT_A, REPORT_B]
    assert all(s.quote and "10 billion" in s.quote for s in merged.amount.support)
    assert merged.original_sources == ["Bloomberg News"]
    assert merged.independent_sources == 1
    reuters = next(link for link in merged.sources if link.name == "Reuters")
    assert reuters.cites == ["Bloomberg News"] and not reuters.original
    assert {s.name for s in merged.sources} == {"Bloomberg News", "Reuters"}  # Meta declined
    last = merged.valuation("last_round")
    tender = merged.valuation("tender_offer")
    assert last is not None and tender is not None
    assert (last.money.value, tender.money.value) == (14e9, 25e9)
    assert [s.article_id for s in last.support] == [REPORT_B, REPORT_A]
    assert [s.article_id for s in tender.support] == [REPORT_B]
    assert all("14 billion" in (s.quote or "") for s in last.support)
    assert merged.conflicts == []
    if with_spans:
        assert all(s.spans for s in (*merged.amount.support, *last.support, *tender.support))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed reports are not on this machine")
def test_the_seed_reports_become_one_deal() -> None:
    articles = [read_file(SEEDS / f"{name}.txt") for name in (REPORT_A, REPORT_B)]
    texts = {article.id: article.text for article in articles}
    summaries = seed_summaries(texts[REPORT_A], texts[REPORT_B])
    check_seed_deal(consolidate(summaries, articles=articles), with_spans=True)


PARAPHRASE_A = (
    "Meta Platforms is said to be in advanced talks to put more than $10 billion into Scale AI, "
    "according to a Bloomberg News report cited by Reuters. Neither company has commented yet. "
    "Scale AI, advanced discussions aside, was most recently valued at nearly $14 billion.\n"
)
PARAPHRASE_B = (
    "Meta Platforms Inc. is in discussions about a multibillion-dollar Scale AI investment, "
    "Bloomberg reported, citing people familiar with the matter. The deal could surpass $10 "
    "billion, a figure that may still change. Meta declined to comment, Bloomberg noted.\n"
    "The startup, last valued at $14 billion, is also weighing a tender offer that would put "
    "its valuation at $25 billion.\n"
)


def test_paraphrased_seed_reports_become_one_deal() -> None:
    summaries = seed_summaries(PARAPHRASE_A, PARAPHRASE_B)
    articles = [Article(REPORT_A, PARAPHRASE_A, "a"), Article(REPORT_B, PARAPHRASE_B, "b")]
    check_seed_deal(consolidate(summaries, articles=articles), with_spans=True)
    check_seed_deal(consolidate(summaries), with_spans=True)
