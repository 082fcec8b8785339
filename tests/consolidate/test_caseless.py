"""Caseless cues answer as the case-blind pattern does, on ASCII and on other text."""

from __future__ import annotations

import re

import pytest

from summarize.consolidate.caseless import Caseless
from summarize.consolidate.sources import ANONYMOUS_CUES, CONFIRMED_CUES, DECLINED


@pytest.mark.parametrize(
    "text",
    [
        "The company said in a statement on Monday",
        "ACCORDING TO PEOPLE FAMILIAR with the talks",
        "Meta Declined To Comment.",
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
