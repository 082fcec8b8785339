"""Encoding and batching: the loss sees the target and EOS, never the prompt or padding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.exceptions import ConfigError
from training.data import (
    IGNORE,
    Encoded,
    batches,
    encode_example,
    pad,
    prompt_text,
    read_records,
    split,
)

EOS = 1
RECORD = {"id": "r1", "text": "Acme Corp agreed to buy Beta Ltd.", "target": '{"headline":"x"}'}


def byte_encode(text: str, bos: bool) -> list[int]:
    """A stand-in tokenizer: one id per byte, BOS = 2."""
    return ([2] if bos else []) + [10 + b for b in text.encode("utf-8")]


def test_prompt_ends_where_the_json_begins() -> None:
    text = prompt_text(RECORD["text"])
    assert RECORD["text"] in text
    assert text.endswith("JSON:")


def test_only_target_and_eos_are_labelled() -> None:
    item = encode_example(RECORD, byte_encode, EOS, prompt="deal-adapter", max_length=4096)
    assert item is not None
    head = byte_encode(prompt_text(RECORD["text"]), True)
    tail = [*byte_encode(RECORD["target"], False), EOS]
    assert item.input_ids == head + tail
    assert item.labels == [IGNORE] * len(head) + tail
    assert item.target_tokens == len(tail)


def test_too_long_examples_are_skipped() -> None:
    assert encode_example(RECORD, byte_encode, EOS, prompt="deal-adapter", max_length=50) is None


def test_split_is_seeded_and_disjoint() -> None:
    records = [{"id": str(i), "text": "t", "target": "{}"} for i in range(100)]
    train, val = split(records, 0.1, seed=7)
    assert len(val) == 10 and len(train) == 90
    assert {r["id"] for r in train}.isdisjoint(r["id"] for r in val)
    assert split(records, 0.1, seed=7) == (train, val)
    assert split(records, 0.1, seed=8)[1] != val


def _item(n: int, name: str = "x") -> Encoded:
    return Encoded(name, list(range(3, 3 + n)), [IGNORE, *range(4, 3 + n)])


def test_batches_cover_every_item_once_and_group_similar_lengths() -> None:
    items = [_item(n, str(i)) for i, n in enumerate([5, 90, 7, 88, 6, 91, 8, 89])]
    out = batches(items, 2, seed=1, bucket=4)
    assert sorted(e.id for b in out for e in b) == sorted(e.id for e in items)
    assert all(abs(len(b[0].input_ids) - len(b[-1].input_ids)) < 10 for b in out)
    assert batches(items, 2, seed=1, bucket=4) == out


def test_pad_masks_padding_out_of_attention_and_loss() -> None:
    ids, mask, labels = pad([_item(3), _item(10)], pad_id=0)
    assert all(len(row) == 16 for row in ids + mask + labels)
    assert ids[0][3:] == [0] * 13
    assert mask[0] == [1] * 3 + [0] * 13
    assert labels[0][3:] == [IGNORE] * 13


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json\n", "not JSON"),
        ('{"id": "a", "text": "t"}\n', "a record needs id"),
    ],
)
def test_bad_records_are_config_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "train.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        read_records(path)


def test_missing_data_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"python -m training\.generate"):
        read_records(tmp_path / "none.jsonl")


def test_records_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(RECORD) + "\n\n", encoding="utf-8")
    assert read_records(path) == [RECORD]
