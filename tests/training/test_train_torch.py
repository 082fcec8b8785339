"""The loop on a tiny random Gemma 3 (needs the ``train`` extra: torch, transformers, peft).

CI does not install that extra, so these skip there; with it installed they take seconds.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch", reason="needs the train extra (torch)")
transformers = pytest.importorskip("transformers", reason="needs the train extra (transformers)")
pytest.importorskip("peft", reason="needs the train extra (peft)")

from training.config import load_config  # noqa: E402
from training.data import encode_example  # noqa: E402
from training.generate import examples  # noqa: E402
from training.train import target_loss, train, with_lora  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    # Deprecations inside transformers/peft themselves, not in our calls.
    pytest.mark.filterwarnings("ignore:`is_gradient_checkpointing` is deprecated:FutureWarning"),
    pytest.mark.filterwarnings("ignore:Could not find a config file:UserWarning"),
]
EOS, PAD = 1, 0


def byte_encode(text: str, bos: bool) -> list[int]:
    return ([2] if bos else []) + [10 + b for b in text.encode("utf-8")]


@pytest.fixture
def tiny_model() -> Any:
    torch.manual_seed(0)
    config = transformers.Gemma3TextConfig(
        vocab_size=300, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=2, num_key_value_heads=1, head_dim=16,
        max_position_embeddings=4096, sliding_window=64,
    )  # fmt: skip
    return transformers.Gemma3ForCausalLM(config).float()


@pytest.fixture
def items() -> list:
    records = [{"id": e.id, "text": e.text[:300], "target": e.target[:120]} for e in examples(6, 7)]
    encoded = [
        encode_example(r, byte_encode, EOS, prompt="deal-adapter", max_length=2048) for r in records
    ]
    assert all(encoded)
    return encoded


def test_target_loss_matches_the_full_model_loss(tiny_model: Any, items: list) -> None:
    """Projecting only target positions gives the same loss as the model's own (all logits)."""
    item = items[0]
    ids = torch.tensor([item.input_ids])
    mask = torch.ones_like(ids)
    labels = torch.tensor([item.labels])
    with torch.no_grad():
        summed, count = target_loss(tiny_model, ids, mask, labels)
        reference = tiny_model(input_ids=ids, attention_mask=mask, labels=labels).loss
    assert count == item.target_tokens
    assert float(summed) / count == pytest.approx(float(reference), rel=1e-4)


def test_two_steps_log_a_curve_and_save_a_peft_adapter(
    tiny_model: Any, items: list, tmp_path: Path
) -> None:
    config = load_config()
    config.optim.batch_size, config.optim.micro_batch_size = 2, 1
    config.early_stopping.eval_every, config.run.log_every = 1, 1
    model = with_lora(tiny_model, config)
    trainable = [n for n, p in model.named_parameters() if p.requires_grad]
    assert trainable and all("lora_" in n for n in trainable)
    before = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
    summary = train(model, items[:4], items[4:], config, pad_id=PAD, device="cpu",
                    out=tmp_path, max_steps=2)  # fmt: skip
    assert summary["steps"] == 2
    assert summary["stopped"] == "max_steps"
    rows = list(csv.DictReader((tmp_path / "loss.csv").open()))
    assert [r["split"] for r in rows] == ["train", "val", "train", "val"]
    assert all(float(r["loss"]) > 0 for r in rows)
    after = dict(model.named_parameters())
    assert any(not torch.equal(before[n], after[n]) for n in before)
    saved = json.loads((tmp_path / "adapter" / "adapter_config.json").read_text())
    assert (saved["r"], saved["lora_alpha"]) == (16, 32)
    assert set(saved["target_modules"]) == set(config.lora.target_modules)
    assert (tmp_path / "adapter" / "adapter_model.safetensors").is_file()
