"""Key facts: the lede, valuations, and one sentence per deal term."""

from __future__ import annotations

from summarize.fields.facts import key_facts


def test_key_facts_add_the_deal_terms_the_body_states() -> None:
    lede_text = (
        "Nordlys to buy Wrenfield\n"
        "Nordlys Kraft has agreed to buy Wrenfield Marine for $2 billion in cash, it said today. "
        "Wrenfield owners will get $41 a share under the agreement signed this week. "
        "The two companies have worked together on ferry routes since the late nineties."
    )
    body = (
        " The weather in Bergen was mild for the season and the harbour was busy all week."
        " Nordlys will fund the purchase with cash on hand and a new bank facility of its own."
        " The sale needs approval from regulators in Norway and is expected to close in May."
        " Analysts in Turku mostly welcomed the price, calling it full but not excessive."
    )
    text = lede_text + body
    facts = [f.text for f in key_facts(text, len(lede_text))]
    assert any("fund the purchase" in f for f in facts)
    assert any("needs approval" in f for f in facts)
    assert not any("weather" in f or "Analysts" in f for f in facts)
    assert sum("a share" in f for f in facts) == 1  # the lede states the price already
    assert facts == sorted(facts, key=text.index)
