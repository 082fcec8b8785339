"""Consolidation: put the reports of one deal together and merge them into one record.

``grouping`` finds which summaries tell the same deal (and says why), ``merge`` builds a
``ConsolidatedDeal`` field by field with the rules in ``rules``, ``valuations`` labels each
valuation by its words, ``sources`` follows attribution chains, ``html`` renders the result.
"""

from __future__ import annotations

from summarize.consolidate.api import RunStats, consolidate, iter_deals, read_runs
from summarize.consolidate.grouping import LONG_WINDOW_DAYS, WINDOW_DAYS, Group, group_reports
from summarize.consolidate.models import (
    Chosen,
    Claim,
    Conflict,
    ConsolidatedDeal,
    MergedParty,
    SourceLink,
    StatusEvent,
    Support,
    ValuationFact,
)

__all__ = [
    "LONG_WINDOW_DAYS",
    "WINDOW_DAYS",
    "Chosen",
    "Claim",
    "Conflict",
    "ConsolidatedDeal",
    "Group",
    "MergedParty",
    "RunStats",
    "SourceLink",
    "StatusEvent",
    "Support",
    "ValuationFact",
    "consolidate",
    "group_reports",
    "iter_deals",
    "read_runs",
]
