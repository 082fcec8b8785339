"""Reading chat completion bodies: fast when they fit the schema, lenient when they bend it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarize.strategies.structured import parse_completion


def completion(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": '{"deal_type": "acquisition"}'},
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }
    body.update(changes)
    return body


def test_a_valid_body_is_read_with_its_usage() -> None:
    parsed = parse_completion(json.dumps(completion()).encode())
    assert parsed.choices[0].message.content == '{"deal_type": "acquisition"}'
    assert parsed.usage is not None and parsed.usage.total_tokens == 15


@pytest.mark.parametrize(
    "changes",
    [
        {"object": "text_completion", "created": "not a number"},  # llama.cpp-style oddities
        {"usage": None, "system_fingerprint": 7},
    ],
)
def test_a_body_that_bends_the_schema_is_still_read(changes: dict[str, Any]) -> None:
    parsed = parse_completion(json.dumps(completion(**changes)).encode())
    assert parsed.choices[0].message.content == '{"deal_type": "acquisition"}'


@pytest.mark.parametrize("raw", [b'{"id": "chatcmpl-1", "choi', b"[1, 2]", b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_a_json_error(raw: bytes) -> None:
    with pytest.raises(json.JSONDecodeError):
        parse_completion(raw)
