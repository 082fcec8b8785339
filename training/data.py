"""Turn JSONL records into token ids with the loss masked to the target, and batch them.

Nothing here needs torch: the masking and batching rules are tested on any tokenizer, and the
training loop only stacks what this module returns.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from training.config import ConfigError

IGNORE = -100
"""Label of a position that takes no part in the loss (prompt, padding)."""

Encode = Callable[[str, bool], list[int]]
"""``encode(text, add_bos)`` → token ids."""


@dataclass(frozen=True)
class Encoded:
    """One example as the model sees it: ids, and labels equal to ids on the target only."""

    id: str
    input_ids: list[int]
    labels: list[int]

    @property
    def target_tokens(self) -> int:
        return sum(1 for label in self.labels if label != IGNORE)


def read_records(path: Path) -> list[dict[str, str]]:
    """The generator's JSONL or JSONL.gz: ``{"id", "text" (or "prompt"), "target"}`` per line."""
    if not path.is_file():
        raise ConfigError(f"{path}: training data not found; run python -m training.generate")
    raw = path.read_bytes()
    text = gzip.decompress(raw).decode("utf-8") if path.suffix == ".gz" else raw.decode("utf-8")
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not {"id", "target"} <= set(record) or not {"text", "prompt"} & set(record):
            raise ConfigError(f"{path}:{number}: a record needs id, text (or prompt) and target")
        records.append(record)
    return records


def prompt_text(article: str, prompt: str = "deal-adapter") -> str:
    """The exact text the adapter is trained on and the toolkit will send at inference."""
    from summarize.prompts import load_prompt  # not on the GPU machine: records carry "prompt"

    return load_prompt(prompt).render("prompt", article=article)


def encode_example(
    record: dict[str, str], encode: Encode, eos_id: int, *, prompt: str, max_length: int
) -> Encoded | None:
    """Prompt (with BOS) + target + EOS; labels are IGNORE on the prompt. None when too long.

    Prompt and target are tokenized apart, as at inference, where the model starts its first
    token right after the prompt's last one. A record rendered in advance carries ``prompt``.
    """
    text = record["prompt"] if "prompt" in record else prompt_text(record["text"], prompt)
    head = encode(text, True)
    tail = [*encode(record["target"], False), eos_id]
    if len(head) + len(tail) > max_length:
        return None
    return Encoded(record["id"], head + tail, [IGNORE] * len(head) + tail)


def split(records: Sequence[dict[str, str]], val_fraction: float, seed: int) -> tuple[list, list]:
    """A seeded train/validation split; at least one validation example."""
    order = list(records)
    random.Random(seed).shuffle(order)
    n_val = max(1, round(len(order) * val_fraction))
    return order[n_val:], order[:n_val]


def batches(
    items: Sequence[Encoded], size: int, *, seed: int, bucket: int = 64
) -> list[list[Encoded]]:
    """Shuffled batches of similar length (less padding), same order for the same seed."""
    rng = random.Random(seed)
    order = list(items)
    rng.shuffle(order)
    out: list[list[Encoded]] = []
    span = size * bucket
    for start in range(0, len(order), span):
        chunk = sorted(order[start : start + span], key=lambda e: len(e.input_ids))
        out += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


def pad(batch: Sequence[Encoded], pad_id: int, multiple: int = 8) -> tuple[list, list, list]:
    """Right-padded ids, attention mask and labels, to a multiple of ``multiple`` tokens."""
    width = max(len(e.input_ids) for e in batch)
    width += -width % multiple
    ids, mask, labels = [], [], []
    for e in batch:
        gap = width - len(e.input_ids)
        ids.append(e.input_ids + [pad_id] * gap)
        mask.append([1] * len(e.input_ids) + [0] * gap)
        labels.append(e.labels + [IGNORE] * gap)
    return ids, mask, labels
