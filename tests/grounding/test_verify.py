from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from summarize.articles import Article, make_article
from summarize.exceptions import ConfigError
from summarize.grounding import evidence_items, ground
from summarize.names import AliasTable
from summarize.schema import DealSummary, Money, Party

from .conftest import quote

MakeSummary = Callable[..., DealSummary]


def test_every_supported_value_gets_a_verified_span(
    article: Article, full_summary: DealSummary
) -> None:
    grounded = ground(full_summary, article, policy="strict")
    assert grounded.dropped == []
    items = evidence_items(grounded)
    assert len(items) == 11
    for item in items:
        evidence = item.evidence
        assert evidence is not None and evidence.grounded, (item.field, evidence)
        assert evidence.match == "exact" and evidence.reason is None
        assert [article.text[s:e] for s, e in evidence.spans] == [evidence.quote]


def test_grounding_returns_a_copy(article: Article, full_summary: DealSummary) -> None:
    before = full_summary.model_dump()
    ground(full_summary, article, policy="strict")
    assert full_summary.model_dump() == before


def test_grounding_twice_changes_nothing(article: Article, make_summary: MakeSummary) -> None:
    summary = make_summary(parties=[Party(name="Acme", role="target", evidence=quote("Acme"))])
    once = ground(summary, article, policy="strict")
    assert ground(once, article, policy="strict") == once


def test_off_returns_the_summary_untouched(article: Article, full_summary: DealSummary) -> None:
    assert ground(full_summary, article, policy="off") is full_summary


def test_unknown_policy_is_refused(article: Article, full_summary: DealSummary) -> None:
    with pytest.raises(ConfigError, match="unknown grounding policy 'lenient'"):
        ground(full_summary, article, policy="lenient")  # type: ignore[arg-type]


EXPECTED_DROPS = {
    "parties[1]": "'Fjellstad Securities' does not occur in the quote",
    "parties[2]": "no quote given and 'Statkraft' does not occur in the article",
    "amount": "the quote states '$2.8 billion', not '$31 billion'",
    "valuation": "the quote's 'about $31 billion' is in USD, not EUR",
    "stake_percent": "the quote states '49%', not 51%; quote: 'a 49% stake'",
    "deal_type": "no quote given",
    "announced_on": (
        "the quote states 'September 2, 2025', not 2025-09-03; quote: 'OSLO, September 2, 2025'"
    ),
    "consideration": "no quote given",
    "sources[0]": "quote not found in the article",
    "key_people[0]": "'Ingrid Solheim' does not occur in the quote",
    "key_facts[0]": "no quote given and the fact's wording does not occur in the article",
}


def test_strict_drops_unsupported_values_and_lists_them(
    article: Article, doubtful: DealSummary
) -> None:
    grounded = ground(doubtful, article, policy="strict")
    reasons = {d.field: d.reason for d in grounded.dropped}
    assert reasons.keys() == EXPECTED_DROPS.keys()
    for field, reason in EXPECTED_DROPS.items():
        assert reasons[field].startswith(reason), field
    assert [p.name for p in grounded.parties] == ["Nordlys Energy ASA"]
    assert (grounded.amount, grounded.valuation, grounded.stake_percent) == (None, None, None)
    assert (grounded.deal_type, grounded.consideration, grounded.announced_on) == (None, None, None)
    assert grounded.status is not None and grounded.evidence["status"].grounded
    assert grounded.sources == grounded.key_people == grounded.key_facts == []
    assert set(grounded.evidence) == {"status"}
    assert all(item.evidence and item.evidence.grounded for item in evidence_items(grounded))


def test_dropped_values_keep_what_the_model_said(article: Article, doubtful: DealSummary) -> None:
    dropped = {d.field: d.value for d in ground(doubtful, article, policy="strict").dropped}
    assert dropped["parties[1]"]["name"] == "Fjellstad Securities"
    assert dropped["parties[1]"]["evidence"]["quote"] == "Nordlys Energy ASA has agreed"
    assert dropped["valuation"]["currency"] == "EUR"
    assert (dropped["stake_percent"], dropped["deal_type"], dropped["announced_on"]) == (
        51.0, "minority_investment", "2025-09-03"
    )  # fmt: skip


def test_flag_keeps_unsupported_values_marked(article: Article, doubtful: DealSummary) -> None:
    grounded = ground(doubtful, article, policy="flag")
    assert grounded.dropped == []
    flagged = {
        i.field: i.evidence.reason for i in evidence_items(grounded) if not i.evidence.grounded
    }  # type: ignore[union-attr]
    assert flagged.keys() == EXPECTED_DROPS.keys()
    for field, reason in EXPECTED_DROPS.items():
        assert flagged[field] is not None
        assert flagged[field].startswith(reason.split("; quote:")[0]), field  # type: ignore[union-attr]
    assert grounded.amount is not None and grounded.amount.evidence.spans  # type: ignore[union-attr]
    assert grounded.sources[0].evidence.match == "none"  # type: ignore[union-attr]


def test_values_without_quotes_are_found_in_the_article(
    article: Article, make_summary: MakeSummary
) -> None:
    summary = make_summary(
        parties=[Party(name="Tidewater Grid", role="target")],
        amount={"value": 2.8e9, "currency": "USD", "text": "$2.8 billion"},
        stake_percent=49,
        announced_on="2025-09-02",
        sources=[{"name": "joint statement"}],
        key_people=[{"name": "Ingrid Solheim"}],
        key_facts=[{"text": "the companies said in a joint statement"}],
    )
    grounded = ground(summary, article, policy="strict")
    found = {
        i.field: article.text[slice(*i.evidence.spans[0])]
        for i in evidence_items(grounded)
        if i.evidence.grounded
    }  # type: ignore[union-attr]
    assert found == {
        "parties[0]": "Tidewater Grid",
        "amount": "$2.8 billion",
        "stake_percent": "49%",
        "announced_on": "September 2, 2025",
        "sources[0]": "joint statement",
        "key_people[0]": "Ingrid Solheim",
        "key_facts[0]": "the companies said in a joint statement",
    }
    assert {d.field: d.reason for d in grounded.dropped} == {
        "deal_type": "no quote given",
        "status": "no quote given",
    }


def test_fuzzy_quote_is_checked_against_the_article_words(
    article: Article, make_summary: MakeSummary
) -> None:
    good = Money(
        value=2.8e9,
        currency="USD",
        text="$2.8 billion",
        evidence=quote("for $2.8 bilion in cash, the Norwegian"),
    )
    grounded = ground(make_summary(amount=good), article, policy="flag")
    assert grounded.amount.evidence.match == "fuzzy" and grounded.amount.evidence.grounded  # type: ignore[union-attr]
    assert (
        article.text[slice(*grounded.amount.evidence.spans[0])]
        == "for $2.8 billion in cash, the Norwegian"
    )  # type: ignore[union-attr]


def test_party_alias_in_its_quote(article: Article, make_summary: MakeSummary) -> None:
    summary = make_summary(
        parties=[
            Party(
                name="Nordlys Kraft",
                role="acquirer",
                evidence=quote("Nordlys Energy ASA has agreed"),
            )
        ]
    )
    assert not ground(summary, article, policy="flag").parties[0].evidence.grounded  # type: ignore[union-attr]
    aliases = AliasTable.from_mapping({"Nordlys Energy": ["Nordlys Kraft"]})
    assert ground(summary, article, policy="flag", aliases=aliases).parties[0].evidence.grounded  # type: ignore[union-attr]


HTML = """<!doctype html><html><head><title>Deal</title><style>p {color: red}</style></head>
<body><h1>Nordlys &amp; Tidewater</h1>
<p>OSLO &mdash; <b>Nordlys Energy ASA</b> has agreed to buy a 49% stake in
<a href="/t">Tidewater Grid</a> for <span class="amt">$2.8&nbsp;billion</span> in cash,
the company said.</p>
<script>var x = "Nordlys Energy ASA";</script>
<p>Analysts at Fjellstad Securities said the price looked full.</p></body></html>"""


def _visible(raw: str) -> str:
    """The words of an HTML snippet: tags dropped, entities decoded, spaces collapsed."""
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", "", raw)).split())


def test_spans_in_html_articles_map_back_to_the_same_words(make_summary: MakeSummary) -> None:
    article = make_article(HTML, id="html", source="deal.html")
    assert article.raw == HTML
    summary = make_summary(
        deal_type=None,
        status=None,
        parties=[
            Party(
                name="Nordlys Energy ASA",
                role="acquirer",
                evidence=quote("Nordlys Energy ASA has agreed"),
            ),
            Party(
                name="Tidewater Grid",
                role="target",
                evidence=quote("stake in Tidewater Grid for $2.8 billion"),
            ),
            Party(name="Fjellstad Securities", role="advisor"),
        ],
        amount={
            "value": 2.8e9,
            "currency": "USD",
            "text": "$2.8 billion",
            "evidence": {"quote": "$2.8 billion in cash"},
        },
    )
    grounded = ground(summary, article, policy="strict")
    assert grounded.dropped == []
    checked = 0
    for item in evidence_items(grounded):
        for start, end in item.evidence.spans:  # type: ignore[union-attr]
            raw_start, raw_end = article.raw_span(start, end)
            assert _visible(HTML[raw_start:raw_end]) == " ".join(article.text[start:end].split())
            checked += 1
    assert checked == 4
    first = grounded.parties[0].evidence.spans[0]  # type: ignore[union-attr]
    raw_start, _ = article.raw_span(*first)
    assert HTML[raw_start:].startswith("Nordlys Energy ASA</b> has agreed")
    assert HTML.count("Nordlys Energy ASA") == 2  # the script's copy is not what the span points at
