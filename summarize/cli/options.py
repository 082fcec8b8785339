"""Options shared by the commands that call a model (run, eval)."""

from __future__ import annotations

from typing import Annotated

import typer

Provider = Annotated[
    str | None,
    typer.Option(
        "--provider",
        help="openai (any OpenAI-compatible server) or local (an embedded model, see "
        "'summarize models'). Default: openai when OPENAI_API_KEY or OPENAI_BASE_URL is set, "
        "else local.",
    ),
]
Model = Annotated[str | None, typer.Option("--model", help="Model name at the provider.")]
BaseUrl = Annotated[
    str | None,
    typer.Option("--base-url", help="OpenAI-compatible endpoint, e.g. http://localhost:8000/v1."),
]
PromptName = Annotated[
    str | None,
    typer.Option("--prompt", help="Prompt template name or .j2 path (see 'summarize prompts')."),
]
Mode = Annotated[
    str | None,
    typer.Option("--mode", help="Structured-output mode: tools, json, json_schema or md_json."),
]
Grounding = Annotated[
    str | None,
    typer.Option(
        "--grounding",
        help="strict: drop values the article does not support (default for local); "
        "flag: keep them marked grounded=false (default otherwise); off.",
    ),
]
NoAdapter = Annotated[
    bool,
    typer.Option("--no-adapter", help="Run the embedded model without its fine-tuned adapter."),
]
Concurrency = Annotated[
    int, typer.Option("--concurrency", "-c", min=1, max=512, help="Articles in flight at once.")
]
PromptSetting = Annotated[
    list[str] | None,
    typer.Option(
        "--prompt-setting",
        help="KEY=VALUE: override a setting of the prompt's header, repeatable "
        "(e.g. few_shot=false, view_chars=2000, max_tokens=200).",
    ),
]
