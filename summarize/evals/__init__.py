"""The eval harness: labeled datasets, per-field scorers, runs, reports, diffs and the CI gate.

dataset (articles + labels, one split at a time; manifest pins a frozen split) → runner
(summarize every article) → scorers (per field) → metrics and baselines (per-field numbers, the
best constant answer) → run file (JSON) → report / html / compare / diff / gate.
"""

from summarize.evals.baselines import constant_baselines
from summarize.evals.compare import compare_runs
from summarize.evals.dataset import (
    Case,
    Dataset,
    Labels,
    freeze_split,
    load_dataset,
    load_splits,
)
from summarize.evals.diff import RunDiff, diff_runs
from summarize.evals.gate import check_gate, parse_min_scores
from summarize.evals.html import render_html
from summarize.evals.oracle import OracleSummarizer, summary_from_labels
from summarize.evals.report import markdown_report, print_report
from summarize.evals.runfile import RunFile
from summarize.evals.runner import run_eval, run_eval_async
from summarize.evals.scorers import FIELDS, Score, score_article

__all__ = [
    "FIELDS",
    "Case",
    "Dataset",
    "Labels",
    "OracleSummarizer",
    "RunDiff",
    "RunFile",
    "Score",
    "check_gate",
    "compare_runs",
    "constant_baselines",
    "diff_runs",
    "freeze_split",
    "load_dataset",
    "load_splits",
    "markdown_report",
    "parse_min_scores",
    "print_report",
    "render_html",
    "run_eval",
    "run_eval_async",
    "score_article",
    "summary_from_labels",
]
