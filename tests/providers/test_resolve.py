"""Provider selection: flags, then environment, then the embedded default; no server started."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from summarize import providers
from summarize.exceptions import ConfigError
from summarize.pipeline import Summarizer
from summarize.providers import (
    DEFAULT_OPENAI_MODEL,
    PLACEHOLDER_KEY,
    Endpoint,
    resolve_endpoint,
)
from summarize.providers.models import GEMMA_270M, QWEN_15B

EMBEDDED_URL = "http://127.0.0.1:1/v1"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """No OpenAI settings in the environment, and a fake embedded server that records calls."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZE_EMBEDDED_URL"):
        monkeypatch.delenv(name, raising=False)
    calls: list[dict[str, Any]] = []

    def fake_embedded_server(alias: str, **options: Any) -> tuple[str, None]:
        calls.append({"alias": alias, **options})
        return EMBEDDED_URL, None

    monkeypatch.setattr(providers, "embedded_server", fake_embedded_server)
    monkeypatch.setenv("SUMMARIZE_ADAPTER_PATH", "none")
    return calls


def test_no_configuration_means_the_embedded_model(clean_env: list[dict[str, Any]]) -> None:
    endpoint = resolve_endpoint()
    assert endpoint.provider == "local"
    assert endpoint.model == QWEN_15B.alias  # the model the default prompt is written for
    assert endpoint.base_url == EMBEDDED_URL
    assert endpoint.api_key == PLACEHOLDER_KEY
    assert endpoint.default_prompt == "deal-reader"
    assert endpoint.mode == "json"
    assert clean_env == [{"alias": QWEN_15B.alias, "use_adapter": True}]


def test_embedded_model_without_adapter(clean_env: list[dict[str, Any]]) -> None:
    resolve_endpoint("local", model=GEMMA_270M.alias, use_adapter=False)
    assert clean_env == [{"alias": GEMMA_270M.alias, "use_adapter": False}]


def test_the_rules_first_prompt_runs_on_its_own_model(clean_env: list[dict[str, Any]]) -> None:
    summarizer = Summarizer(prompt="deal-embedded")
    assert summarizer.endpoint.model == GEMMA_270M.alias
    assert clean_env[-1]["alias"] == GEMMA_270M.alias


def test_another_embedded_model_by_name(clean_env: list[dict[str, Any]]) -> None:
    endpoint = resolve_endpoint("local", model=QWEN_15B.alias)
    assert endpoint.model == QWEN_15B.alias
    assert clean_env[0]["alias"] == QWEN_15B.alias


def test_an_unknown_embedded_model_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"no embedded model 'llama-9000'; choose one of: qwen"):
        resolve_endpoint("local", model="llama-9000")


def test_api_key_in_environment_means_openai(
    monkeypatch: pytest.MonkeyPatch, clean_env: list[dict[str, Any]]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    endpoint = resolve_endpoint()
    assert (endpoint.provider, endpoint.model, endpoint.base_url) == (
        "openai", DEFAULT_OPENAI_MODEL, None,
    )  # fmt: skip
    assert endpoint.api_key == "sk-test"
    assert endpoint.mode == "tools"
    assert endpoint.default_prompt == "deal-structured"
    assert clean_env == []


def test_base_url_in_environment_means_openai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:8000/v1")
    endpoint = resolve_endpoint()
    assert endpoint.provider == "openai"
    assert endpoint.base_url == "http://localhost:8000/v1"
    assert endpoint.api_key == PLACEHOLDER_KEY


def test_flags_win_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env/v1")
    endpoint = resolve_endpoint(
        model="qwen", base_url="http://flag/v1", api_key="sk-flag", mode="json_schema"
    )
    assert (endpoint.base_url, endpoint.api_key, endpoint.model, endpoint.mode) == (
        "http://flag/v1", "sk-flag", "qwen", "json_schema",
    )  # fmt: skip


def test_base_url_flag_alone_means_openai() -> None:
    endpoint = resolve_endpoint(base_url="http://localhost:11434/v1", model="llama3")
    assert (endpoint.provider, endpoint.model) == ("openai", "llama3")


def test_local_provider_flag_wins_over_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert resolve_endpoint("local").provider == "local"


def test_openai_flag_without_key_or_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"OPENAI_API_KEY.*--base-url"):
        resolve_endpoint("openai")


@pytest.mark.parametrize("name", ["anthropic", "OpenAI", "", "gemma"])
def test_unknown_provider_is_a_config_error(name: str) -> None:
    with pytest.raises(ConfigError, match=r"unknown provider .*choose one of: openai, local"):
        resolve_endpoint(name)


def test_unknown_mode_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown mode 'xml'"):
        resolve_endpoint("local", mode="xml")


def test_settings_key_names_what_changes_answers() -> None:
    endpoint = Endpoint(provider="openai", model="m", base_url=None, api_key="secret")
    assert endpoint.settings_key() == {
        "provider": "openai", "model": "m", "base_url": "", "mode": "tools",
    }  # fmt: skip
    assert "secret" not in repr(endpoint)


@pytest.mark.parametrize(
    ("change", "value"),
    [("mode", "json"), ("mode", "json_schema"), ("weights", "other-model-sha")],
)
def test_settings_key_changes_with_mode_and_weights(change: str, value: str) -> None:
    """Cached summaries depend on how the request is shaped and on which weights answer."""
    base = Endpoint(provider="local", model="m", base_url="u", api_key="k", weights="sha")
    changed = Endpoint(**{**base.__dict__, change: value})
    assert changed.settings_key() != base.settings_key()


def test_the_adapter_is_part_of_the_embedded_weights(
    clean_env: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    without = resolve_endpoint("local", model=GEMMA_270M.alias).settings_key()
    adapter = tmp_path / "lora.gguf"
    adapter.write_bytes(b"adapter weights")
    monkeypatch.setenv("SUMMARIZE_ADAPTER_PATH", str(adapter))
    with_adapter = resolve_endpoint("local", model=GEMMA_270M.alias).settings_key()
    adapter.write_bytes(b"retrained adapter weights")
    providers._file_sha.cache_clear()
    retrained = resolve_endpoint("local", model=GEMMA_270M.alias).settings_key()
    assert len({without["weights"], with_adapter["weights"], retrained["weights"]}) == 3


@pytest.mark.parametrize(
    ("options", "prompt", "grounding"),
    [
        ({}, "deal-reader", "strict"),
        ({"base_url": "http://localhost:8000/v1"}, "deal-structured", "flag"),
        ({"base_url": "http://localhost:8000/v1", "grounding": "off"}, "deal-structured", "off"),
        ({"prompt": "deal-structured"}, "deal-structured", "strict"),
    ],
)
async def test_summarizer_defaults_follow_the_provider(
    options: dict[str, Any], prompt: str, grounding: str
) -> None:
    async with Summarizer(**options) as summarizer:
        assert summarizer.prompt.name == prompt
        assert summarizer.grounding == grounding
        assert summarizer.settings()["prompt"] == prompt


def test_summarizer_rejects_an_unknown_grounding_policy() -> None:
    with pytest.raises(ConfigError, match="unknown grounding policy 'loose'"):
        Summarizer(grounding="loose")  # type: ignore[arg-type]
