"""Caseless cues answer as the case-blind pattern does, on ASCII and on other text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.consolidate.sources import ANONYMOUS_CUES, CONFIRMED_CUES, DECLINED
from summarize.text.caseless import Caseless


@pytest.mark.parametrize(
    "text",
    [
        "The company said in a statement on Monday",
        "ACCORDING TO PEOPLE FAMILIAR with the talks",
        "Gristow Declined To Comment.",
        "Reportedly, insiders say",
        "İnsiders at the ſource reportedly",  # case folding beyond ASCII
        "Sources Said the deal was near",
        "no cue here at all",
        "",
    ],
)
def test_found_matches_the_case_blind_pattern(text: str) -> None:
    for cue in (ANONYMOUS_CUES, CONFIRMED_CUES, DECLINED):
        assert cue.found(text) is (cue.pattern.search(text) is not None)


def test_patterns_must_be_lower_case() -> None:
    with pytest.raises(ValueError, match="lower case"):
        Caseless(r"Reuters|\bSources\b")
    assert Caseless(r"\breuters\b").pattern.flags & re.IGNORECASE


CUES_WITH_NEEDS = [c for c in (ANONYMOUS_CUES, CONFIRMED_CUES, DECLINED) if c.needs]


@pytest.mark.parametrize("cue", CUES_WITH_NEEDS, ids=lambda c: c.needs[0])
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_match_holds_a_needed_word(cue: Caseless, data: st.DataObject) -> None:
    """The needed words are a safe shortcut: no text the pattern matches lacks all of them."""
    match = data.draw(st.from_regex(cue.pattern.pattern, fullmatch=True).filter(str.isascii))
    assert any(word in match.lower() for word in cue.needs), match


def test_text_without_a_needed_word_is_not_searched() -> None:
    cue = Caseless(r"familiar with|\bsources said", needs=("familiar", "source"))
    assert not cue.found("The deal was announced on Monday")
    assert cue.found("People FAMILIAR WITH the talks")
    assert cue.found("ſources said")  # beyond ASCII: always the case-blind pattern
    with pytest.raises(ValueError, match="lower case"):
        Caseless(r"familiar with", needs=("Familiar",))
