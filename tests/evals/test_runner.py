"""The runner: concurrency, errors as data, run file contents, record/replay and grounding hooks."""

from __future__ import annotations

import contextlib
import json
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import summarize
import summarize.pipeline
from summarize.evals.dataset import Dataset, load_dataset
from summarize.evals.oracle import OracleSummarizer
from summarize.evals.runfile import RunFile
from summarize.evals.runner import run_eval_async
from summarize.exceptions import ConfigError, ProviderError
from summarize.schema import DealSummary, RunMetadata, Usage

from .conftest import FakeSummarizer


@pytest.fixture
def stamped(perfect: dict[str, DealSummary]) -> dict[str, DealSummary]:
    """Perfect answers carrying the metadata a real Summarizer stamps."""
    out = {}
    for case_id, summary in perfect.items():
        summary = summary.model_copy(deep=True)
        summary.metadata = RunMetadata(
            provider="fake", model="canned", prompt_name="test-prompt", prompt_version="3",
            usage=Usage(prompt_tokens=100, completion_tokens=20), latency_s=0.5,
        )  # fmt: skip
        out[case_id] = summary
    return out


async def test_perfect_run(mini: Dataset, stamped: dict[str, DealSummary]) -> None:
    fake = FakeSummarizer(stamped)
    run = await run_eval_async(mini, fake, concurrency=2)
    assert run.totals.overall == 1.0 and run.totals.hallucination_rate == 0.0
    assert run.totals.errors == 0 and run.totals.usage.prompt_tokens == 300
    assert all(m.value == 1.0 for m in run.fields.values())
    c = run.config
    assert (c.dataset, c.dataset_version, c.articles) == ("mini", "2", 3)
    assert (c.provider, c.model, c.prompt_name, c.prompt_version) == (
        "fake",
        "canned",
        "test-prompt",
        "3",
    )
    assert [a.id for a in run.articles] == [case.id for case in mini.cases]
    assert run.articles[0].latency_s == 0.5 and run.articles[0].prediction is not None
    assert not fake.closed  # an instance we were given stays open for its owner


async def test_concurrency_is_bounded(mini: Dataset, stamped: dict[str, DealSummary]) -> None:
    fake = FakeSummarizer(stamped, delay=0.02)
    await run_eval_async(mini, fake, concurrency=2)
    assert fake.max_in_flight == 2
    fake = FakeSummarizer(stamped, delay=0.02)
    await run_eval_async(mini, fake, concurrency=1)
    assert fake.max_in_flight == 1


async def test_errors_are_recorded_not_raised(
    mini: Dataset, stamped: dict[str, DealSummary]
) -> None:
    answers = {**stamped, "krishiyan-round": ProviderError("bad JSON", model="m", attempts=3)}
    answers["acme-widget"] = RuntimeError("socket closed")
    run = await run_eval_async(mini, FakeSummarizer(answers))
    by_id = {a.id: a for a in run.articles}
    failed = by_id["krishiyan-round"]
    assert failed.error is not None and failed.error.type == "ProviderError"
    assert "bad JSON after 3 attempts" in failed.error.message
    assert failed.prediction is None and failed.score < 1.0
    assert by_id["acme-widget"].error.message == "RuntimeError: socket closed"
    assert run.totals.errors == 2 and run.totals.overall < 1.0


async def test_factory_is_called_and_closed(mini: Dataset, stamped: dict[str, DealSummary]) -> None:
    made: list[FakeSummarizer] = []

    def factory() -> FakeSummarizer:
        made.append(FakeSummarizer(stamped))
        return made[-1]

    await run_eval_async(mini, factory)
    assert len(made) == 1 and made[0].closed


async def test_run_file_round_trips(mini: Dataset, tmp_path: Path) -> None:
    run = await run_eval_async(mini, OracleSummarizer(mini))
    path = tmp_path / "run.json"
    run.save(path)
    assert RunFile.load(path) == run


@pytest.fixture
def cassettes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """A stand-in summarize.recording that logs endpoints and the cassette of each article."""
    opened: list[tuple[str, ...]] = []

    @contextlib.contextmanager
    def recording_endpoint(record_mode: str) -> Iterator[str]:
        opened.append(("endpoint", record_mode))
        yield "http://replay.invalid/v1"

    @contextlib.contextmanager
    def article_cassette(
        dataset: str, prompt: str, article_id: str, record_mode: str
    ) -> Iterator[None]:
        opened.append((dataset, prompt, article_id, record_mode))
        yield
        if article_id == "unplayed":
            raise ConfigError("2 of 3 recorded responses were never requested")

    module = types.ModuleType("summarize.recording")
    module.article_cassette = article_cassette  # type: ignore[attr-defined]
    module.recording_endpoint = recording_endpoint  # type: ignore[attr-defined]
    monkeypatch.setattr(summarize, "recording", module, raising=False)
    monkeypatch.setitem(sys.modules, "summarize.recording", module)
    return opened


@pytest.mark.parametrize(
    ("replay", "record_mode", "mode"), [(True, None, "none"), (False, "all", "all")]
)
async def test_record_and_replay_run_each_article_in_its_cassette(
    mini: Dataset,
    stamped: dict[str, DealSummary],
    cassettes: list,
    replay: bool,
    record_mode: str | None,
    mode: str,
) -> None:
    fake = FakeSummarizer(stamped)
    run = await run_eval_async(mini, fake, replay=replay, record_mode=record_mode, concurrency=8)
    assert fake.max_in_flight == 1
    per_article = [("mini", "test-prompt", c.id, mode) for c in mini.cases]
    assert cassettes == [("endpoint", mode), *per_article]
    assert (run.config.replay, run.config.record_mode, run.config.concurrency) == (replay, mode, 1)


async def test_unplayed_cassette_is_an_article_error(
    mini_dir: Path, stamped: dict[str, DealSummary], cassettes: list
) -> None:
    labels = (mini_dir / "acme-widget.yaml").read_text().replace("id: acme-widget", "id: unplayed")
    (mini_dir / "unplayed.yaml").write_text(labels)
    (mini_dir / "acme-widget.yaml").unlink()
    (mini_dir / "acme-widget.txt").rename(mini_dir / "unplayed.txt")
    answers = {**stamped, "unplayed": stamped["acme-widget"]}
    run = await run_eval_async(mini_dir, FakeSummarizer(answers), replay=True)
    failed = next(a for a in run.articles if a.id == "unplayed")
    assert failed.error is not None and "never requested" in failed.error.message
    assert failed.prediction is not None and run.totals.errors == 1


async def test_replay_points_openai_options_at_the_placeholder(
    mini: Dataset, cassettes: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[dict] = []

    def fake_summarizer(**options: object) -> OracleSummarizer:
        made.append(options)
        return OracleSummarizer(mini)

    monkeypatch.setattr(summarize.pipeline, "Summarizer", fake_summarizer)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    await run_eval_async(mini, {"provider": "openai", "model": "m"}, replay=True)
    await run_eval_async(mini, {"provider": "openai", "base_url": "http://x/v1"}, replay=True)
    await run_eval_async(mini, {"provider": "local"}, replay=True)
    assert made[0]["base_url"] == "http://replay.invalid/v1" and made[0]["api_key"] == "not-needed"
    assert made[1]["base_url"] == "http://x/v1"
    assert "base_url" not in made[2]


async def test_replay_without_recording_module(
    mini: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "summarize.recording", None)
    with pytest.raises(ConfigError, match=r"record/replay needs summarize\.recording"):
        await run_eval_async(mini, OracleSummarizer(mini), replay=True)


async def test_grounding_stats_are_collected(
    mini: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def grounding_stats(summary: DealSummary) -> dict[str, tuple[int, int]]:
        return {"parties": (len(summary.parties), len(summary.parties) + 1)}

    module = types.ModuleType("summarize.grounding")
    module.grounding_stats = grounding_stats  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "summarize.grounding", module)
    run = await run_eval_async(mini, OracleSummarizer(mini))
    assert run.grounding is not None and run.grounding["parties"].total == 4 + 4 + 1
    assert run.totals.grounded_share == pytest.approx(6 / 9)
    assert run.notes == []


async def test_grounding_columns_skipped_when_missing(
    mini: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "summarize.grounding", None)
    run = await run_eval_async(mini, OracleSummarizer(mini))
    assert run.grounding is None and run.totals.grounded_share is None
    assert "grounding columns skipped" in run.notes[0]


async def test_run_file_names_the_split_and_holds_baselines(split_dir: Path) -> None:
    data = load_dataset(split_dir, "test")
    run = await run_eval_async(data, OracleSummarizer(data))
    c = run.config
    assert (c.dataset, c.split, c.split_version, c.frozen) == ("mini", "test", 1, True)
    assert c.dataset_path == str(split_dir / "test") and run.label == "mini/test"
    assert run.baselines["no_deal"].constant == 'always "no deal"'  # the only article is no-deal
    assert run.attribution is None
    again = RunFile.model_validate_json(run.model_dump_json())
    assert again.baselines == run.baselines and again.config.frozen


async def test_run_files_of_format_1_still_load(tmp_path: Path, mini: Dataset) -> None:
    run = await run_eval_async(mini, OracleSummarizer(mini))
    data = json.loads(run.model_dump_json())
    data["format_version"] = 1
    for key in ("baselines", "attribution"):
        del data[key]
    for key in ("split", "split_version", "frozen"):
        del data["config"][key]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    old = RunFile.load(path)
    assert old.baselines == {} and old.config.split is None and not old.config.frozen
