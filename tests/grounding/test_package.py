from __future__ import annotations

import summarize.grounding


def test_public_api_is_exactly_what_is_meant() -> None:
    assert set(summarize.grounding.__all__) == {
        "FIELD_KINDS", "FUZZY_THRESHOLD", "MIN_FUZZY_CHARS", "POLICIES", "Alignment", "Chunk",
        "EvidenceItem", "Policy", "align", "chunk_text", "evidence_items", "ground",
        "grounding_stats", "shift_spans", "shift_summary",
    }  # fmt: skip
    for name in summarize.grounding.__all__:
        assert hasattr(summarize.grounding, name), name
