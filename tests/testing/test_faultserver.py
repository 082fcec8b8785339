"""The fake server answers like a model, fails exactly as configured, never outlives its test."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest

from summarize.schema import DealSummary
from summarize.testing import FAULT_KINDS, Faults, FaultServer, fake_article, fake_summary

CHAT = "/chat/completions"


def chat_body(index: int = 7, **extra: Any) -> dict[str, Any]:
    article = fake_article(index)
    messages = [
        {"role": "system", "content": "Extract."},
        {"role": "user", "content": article.text},
    ]
    return {"model": "m", "messages": messages, **extra}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


def only(kind: str, **options: Any) -> Faults:
    return Faults(rate=1.0, mix={kind: 1}, **options)


def test_valid_answer_is_a_deal_summary_for_the_articles_ref(server: FaultServer) -> None:
    response = httpx2.post(server.url + CHAT, json=chat_body(7))
    assert response.status_code == 200
    data = response.json()
    summary = DealSummary.model_validate_json(data["choices"][0]["message"]["content"])
    assert summary.headline == "Deal art-000007"
    assert data["usage"]["prompt_tokens"] > 0
    assert [event.key for event in server.events] == ["art-000007"]


def test_tools_request_is_answered_with_a_tool_call(server: FaultServer) -> None:
    tool = {"type": "function", "function": {"name": "DealSummary", "parameters": {}}}
    response = httpx2.post(server.url + CHAT, json=chat_body(3, tools=[tool]))
    call = response.json()["choices"][0]["message"]["tool_calls"][0]["function"]
    assert call["name"] == "DealSummary"
    assert json.loads(call["arguments"]) == fake_summary("art-000003", {})


def test_grammar_completion_picks_the_first_alternative(server: FaultServer) -> None:
    body = {
        "model": "m",
        "prompt": "Which? ref: art-000001",
        "grammar": 'root ::= " Acme" | " Bolt"',
    }
    response = httpx2.post(server.url + "/completions", json=body)
    assert response.json()["choices"][0]["text"] == " Acme"


def test_models_lists_the_configured_model() -> None:
    with FaultServer(model="fake-x") as server:
        models = httpx2.get(server.url + "/models").json()
    assert [m["id"] for m in models["data"]] == ["fake-x"]


@pytest.mark.parametrize(
    ("kind", "status"), [("429", 429), ("500", 500), ("503", 503), ("malformed", 200)]
)
def test_status_faults(kind: str, status: int) -> None:
    with FaultServer(faults=only(kind, retry_after_s=0.25)) as server:
        response = httpx2.post(server.url + CHAT, json=chat_body())
    assert response.status_code == status
    if kind == "429":
        assert response.headers["retry-after"] == "0.25"
    if kind == "malformed":
        with pytest.raises(json.JSONDecodeError):
            json.loads(response.content)


def test_truncated_output_stops_for_length_with_half_the_json() -> None:
    with FaultServer(faults=only("truncated")) as server:
        choice = httpx2.post(server.url + CHAT, json=chat_body()).json()["choices"][0]
    assert choice["finish_reason"] == "length"
    with pytest.raises(json.JSONDecodeError):
        json.loads(choice["message"]["content"])


def test_reset_drops_the_connection() -> None:
    with FaultServer(faults=only("reset")) as server, pytest.raises(httpx2.TransportError):
        httpx2.post(server.url + CHAT, json=chat_body())


def test_timeout_holds_the_request_past_the_client_timeout() -> None:
    with FaultServer(faults=only("timeout", hang_s=5)) as server:
        started = time.monotonic()
        with pytest.raises(httpx2.ReadTimeout):
            httpx2.post(server.url + CHAT, json=chat_body(), timeout=0.3)
        assert time.monotonic() - started < 2


@pytest.mark.parametrize(("faults", "latency_s", "at_least"), [
    (only("slow", slow_s=0.3), 0.0, 0.3),
    (Faults(), 0.2, 0.2),
])  # fmt: skip
def test_slow_answers_and_fixed_latency(faults: Faults, latency_s: float, at_least: float) -> None:
    with FaultServer(faults=faults, latency_s=latency_s) as server:
        started = time.monotonic()
        response = httpx2.post(server.url + CHAT, json=chat_body())
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed >= at_least


def test_fault_rate_and_mix_are_what_was_asked() -> None:
    faults = Faults(rate=0.3, mix={"500": 1, "503": 1}, seed=1)
    with FaultServer(faults=faults) as server, httpx2.Client() as client:
        for i in range(400):
            client.post(server.url + CHAT, json=chat_body(i))
        stats = server.stats()
    faulted = stats.get("500", 0) + stats.get("503", 0)
    assert 0.22 < faulted / 400 < 0.38
    assert stats["ok"] + faulted == 400
    assert set(stats) <= {"ok", "500", "503", "peak_in_flight"}


@pytest.mark.parametrize(
    "options",
    [{"rate": 1.5}, {"rate": 0.5, "mix": {"418": 1}}, {"rate": 0.5, "mix": {"500": 0}}],
)
def test_bad_fault_settings_are_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Faults(**options)


def test_every_kind_has_a_default_weight() -> None:
    assert set(Faults().mix) == set(FAULT_KINDS)


def test_binds_loopback_only_and_stops_with_its_block() -> None:
    with FaultServer() as server:
        port = server.port
        assert server.url.startswith("http://127.0.0.1:")
        outward = socket.gethostbyname(socket.gethostname())
        if outward != "127.0.0.1" and not outward.startswith("127."):
            with pytest.raises(OSError):
                socket.create_connection((outward, port), timeout=1).close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_stops_by_itself_after_its_lifetime() -> None:
    server = FaultServer(max_lifetime_s=0.3).__enter__()
    try:
        time.sleep(0.8)
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
    finally:
        server.close()


def test_process_mode_serves_and_exits_with_its_block() -> None:
    with FaultServer(process=True, faults=only("503")) as server:
        assert httpx2.post(server.url + CHAT, json=chat_body()).status_code == 503
        assert server.stats()["503"] == 1
        child = server._child
    assert child is not None and child.poll() is not None


def test_upstream_gets_the_requests_that_are_not_faulted() -> None:
    with FaultServer(model="upstream-model") as upstream:
        faults = Faults(rate=0.5, mix={"500": 1}, seed=3)
        with FaultServer(upstream=upstream.url, faults=faults) as front, httpx2.Client() as client:
            statuses = [client.post(front.url + CHAT, json=chat_body(i)) for i in range(40)]
            outcomes = front.stats()
        forwarded = [r for r in statuses if r.status_code == 200]
    assert {r.json()["model"] for r in forwarded} == {"upstream-model"}
    assert len(forwarded) == outcomes["proxied"] == len(upstream.events)
    assert outcomes["500"] == 40 - len(forwarded) > 0
