"""The deal's type: the type most cued in the headline and lede, refined by the stake bought."""

from __future__ import annotations

from summarize.fields.cues import DEAL_TYPE_CUES, Cue, best_cue, find_cues, outermost
from summarize.fields.history import in_earlier_deal
from summarize.fields.stake import stake_in_lede
from summarize.schema import DealType

TYPE_ORDER = [t.value for t in (
    DealType.joint_venture, DealType.merger, DealType.funding_round, DealType.majority_stake,
    DealType.minority_investment, DealType.asset_sale, DealType.other, DealType.acquisition,
)]  # fmt: skip
"""Which type wins a tie of cue weights: the more specific first."""


def type_cue(text: str, region_end: int) -> tuple[str, Cue] | None:
    """The deal type most cued in the headline and lede, leaving out phrases inside longer
    ones and sentences about an earlier deal; None when no type is cued enough (no deal)."""
    found = outermost(find_cues(DEAL_TYPE_CUES, text, region_end))
    found = [c for c in found if not in_earlier_deal(text[:region_end], c.start)]
    return best_cue(found, TYPE_ORDER, minimum=2.0)


def deal_type(text: str, region_end: int) -> tuple[DealType, Cue] | None:
    """The deal's type and the cue that says so. An acquisition of less than the whole company
    is a minority investment (under half) or a majority stake."""
    found = type_cue(text, region_end)
    if found is None:
        return None
    kind = DealType(found[0])
    stake = stake_in_lede(text, region_end)
    if stake and kind is DealType.acquisition and stake[0] < 100:
        kind = DealType.minority_investment if stake[0] < 50 else DealType.majority_stake
    return kind, found[1]
