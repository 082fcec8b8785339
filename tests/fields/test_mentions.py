"""Where the article writes a candidate."""

from __future__ import annotations

from summarize.fields.mentions import occurrences
from summarize.fields.orgs import find_orgs


def testoccurrences_drop_names_nested_in_longer_ones() -> None:
    text = "Brantwick Capital Partners backed Orvane Labs. Brantwick is pleased."
    spans = [text[s:e] for s, e, _ in occurrences(text, find_orgs(text))]
    assert spans == ["Brantwick Capital Partners", "Orvane Labs", "Brantwick"]
