"""One scorer per field kind; ``score_article`` applies them all to one summary."""

from summarize.evals.scorers.article import FIELDS, FieldSpec, empty_summary, score_article
from summarize.evals.scorers.base import Score
from summarize.evals.scorers.choices import score_choice
from summarize.evals.scorers.facts import KEY_FACT_COVERAGE, KEY_FACT_THRESHOLD, score_key_facts
from summarize.evals.scorers.money import (
    APPROX_TOLERANCE,
    EXACT_TOLERANCE,
    score_money,
    score_qualifier,
)
from summarize.evals.scorers.numbers import STAKE_TOLERANCE, score_stake
from summarize.evals.scorers.parties import score_parties, score_target
from summarize.evals.scorers.sets import SOURCE_MATCH_THRESHOLD, score_people, score_sources

__all__ = [
    "APPROX_TOLERANCE",
    "EXACT_TOLERANCE",
    "FIELDS",
    "KEY_FACT_COVERAGE",
    "KEY_FACT_THRESHOLD",
    "SOURCE_MATCH_THRESHOLD",
    "STAKE_TOLERANCE",
    "FieldSpec",
    "Score",
    "empty_summary",
    "score_article",
    "score_choice",
    "score_key_facts",
    "score_money",
    "score_parties",
    "score_people",
    "score_qualifier",
    "score_sources",
    "score_stake",
    "score_target",
]
