"""summarize: business-deal news in, schema-validated and grounded DealSummary records out.

from summarize import summarize_article
summary = summarize_article(open("article.txt").read())
"""

from __future__ import annotations

from summarize.articles import Article, iter_articles, make_article, read_file
from summarize.batch import summarize_many
from summarize.consolidate import ConsolidatedDeal, consolidate
from summarize.distributed import summarize_dataset
from summarize.exceptions import (
    ConfigError,
    InputError,
    NoDealError,
    PromptError,
    ProviderError,
    SummarizeError,
)
from summarize.pipeline import Summarizer, summarize_article, summarize_article_async
from summarize.prompts import Prompt, list_prompts, load_prompt
from summarize.retry import RetryPolicy
from summarize.schema import (
    Consideration,
    DealStatus,
    DealSummary,
    DealType,
    Evidence,
    KeyFact,
    Money,
    Party,
    Person,
    Qualifier,
    Role,
    Source,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "Consideration",
    "ConsolidatedDeal",
    "DealStatus",
    "DealSummary",
    "DealType",
    "Evidence",
    "InputError",
    "KeyFact",
    "Money",
    "NoDealError",
    "Party",
    "Person",
    "Prompt",
    "PromptError",
    "ProviderError",
    "Qualifier",
    "RetryPolicy",
    "Role",
    "Source",
    "SummarizeError",
    "Summarizer",
    "__version__",
    "consolidate",
    "iter_articles",
    "list_prompts",
    "load_prompt",
    "make_article",
    "read_file",
    "summarize_article",
    "summarize_article_async",
    "summarize_dataset",
    "summarize_many",
]
