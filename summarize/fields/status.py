"""Where the deal stands, from the cue phrases of the lede (the body only when it is silent)."""

from __future__ import annotations

from summarize.fields.cues import STATUS_CUES, Cue, best_cue, find_cues
from summarize.schema import DealStatus, DealType
from summarize.text.phrases import pattern

STATUS_ORDER = [s.value for s in (
    DealStatus.terminated, DealStatus.completed, DealStatus.pending_approval,
    DealStatus.announced, DealStatus.in_talks, DealStatus.rumored,
)]  # fmt: skip
"""Which stage wins a tie of cue weights: the later stage first."""

HEDGE = pattern("status", "hedge")
"""Before a cue that says nothing of the present stage: "if finalized", "could be announced"."""
AFTER_ENDING = pattern("status", "after_ending")
"""An ending told as what came before: "two weeks after abandoning a larger acquisition"."""


def status_cue(text: str, region_end: int) -> tuple[str, Cue] | None:
    """Where the deal stands, from the lede's cue phrases.

    Hedged cues ("if finalized", "could be announced") say nothing about the present stage.
    Rumour cues ("reportedly", "people familiar") qualify the source, not the stage, so they
    decide only when no stage cue is present. The body is read only when the lede is silent:
    it retells history ("talks collapsed in 2019"). Stages cued equally go to the one the text
    states first: a lede opens with the news and then gives background ("is in talks to ...
    That round, which raised fresh capital, ...").
    """

    def usable(found: list[Cue]) -> list[Cue]:
        return [
            c
            for c in found
            if c.label not in {"completed", "terminated", "announced"}
            or not (
                HEDGE.search(text[max(0, c.start - 30) : c.start])
                or (
                    c.label == "terminated"
                    and AFTER_ENDING.search(text[max(0, c.start - 40) : c.start])
                )
            )
        ]

    found = usable(find_cues(STATUS_CUES, text[:region_end], region_end))
    if not found:
        found = usable(find_cues(STATUS_CUES, text, region_end))
    stage = [c for c in found if c.label != "rumored"]
    return best_cue(stage or found, STATUS_ORDER, first_wins_ties=True)


def deal_status(text: str, region_end: int, kind: DealType) -> tuple[DealStatus, Cue | None]:
    """The stage and the cue that says so; announced when nothing says otherwise. A rumoured
    round is a round in talks: its company is raising, the rumour is about the terms."""
    found = status_cue(text, region_end)
    status = DealStatus(found[0]) if found else DealStatus.announced
    if kind is DealType.funding_round and found and found[0] == "rumored":
        status = DealStatus.in_talks
    return status, found[1] if found else None
