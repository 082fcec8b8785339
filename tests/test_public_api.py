"""The public surface: ``summarize.__all__`` is exactly what scripts may rely on."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import summarize

PUBLIC = {
    # the job
    "summarize_article", "summarize_article_async", "summarize_many", "Summarizer",
    "summarize_dataset",
    "consolidate", "ConsolidatedDeal",
    # the schema
    "DealSummary", "Money", "Party", "Person", "Source", "KeyFact", "Evidence",
    "DealType", "DealStatus", "Role", "Qualifier", "Consideration",
    # input
    "Article", "make_article", "read_file", "iter_articles",
    # prompts and retries
    "Prompt", "load_prompt", "list_prompts", "RetryPolicy",
    # errors
    "SummarizeError", "ConfigError", "PromptError", "InputError", "NoDealError", "ProviderError",
    "__version__",
}  # fmt: skip


def test_all_is_exactly_the_public_set() -> None:
    assert set(summarize.__all__) == PUBLIC
    assert len(summarize.__all__) == len(set(summarize.__all__))


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_name_imports(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from summarize import {name}", namespace)
    assert namespace[name] is getattr(summarize, name)


def test_star_import_gives_the_public_set() -> None:
    namespace: dict[str, object] = {}
    exec("from summarize import *", namespace)
    assert PUBLIC - {"__version__"} <= set(namespace)


def test_errors_share_one_base() -> None:
    for name in ("ConfigError", "PromptError", "InputError", "ProviderError"):
        assert issubclass(getattr(summarize, name), summarize.SummarizeError)
    assert issubclass(summarize.NoDealError, summarize.InputError)


def test_summarize_article_takes_the_documented_options() -> None:
    options = inspect.signature(summarize.Summarizer).parameters
    assert {"provider", "model", "prompt", "base_url"} <= set(options)
    assert inspect.iscoroutinefunction(summarize.summarize_article_async)
    assert not inspect.iscoroutinefunction(summarize.summarize_article)


def test_version_matches_the_package_metadata() -> None:
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    declared = re.search(r'^version = "([^"]+)"', pyproject, re.M)
    assert declared is not None
    assert summarize.__version__ == declared.group(1)
