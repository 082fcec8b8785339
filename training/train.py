"""LoRA fine-tune of the embedded Gemma 3 270M on the synthetic deal corpus.

``python -m training.train --device cuda`` loads the base weights from the same GGUF the toolkit
serves (dequantized to bf16 by transformers, which needs the ``gguf`` package), trains LoRA on
the attention and MLP projections with the loss on the target JSON only, checks a validation
split every ``eval_every`` steps, keeps the best adapter and stops after ``patience`` checks
without improvement (or at ``max_minutes``). The loss curve goes to ``loss.csv``, the summary
to ``run.json``, the adapter (PEFT format) to ``adapter/``. ``--max-steps 2 --device cpu`` is a
smoke run.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from training.config import DEFAULT_CONFIG, TrainConfig, load_config
from training.data import IGNORE, Encoded, batches, encode_example, pad, read_records, split

CSV_FIELDS = ("step", "epoch", "split", "loss", "lr", "tokens", "elapsed_s")


def seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    torch.manual_seed(seed)


def ensure_data(config: TrainConfig) -> Path:
    """The corpus file, generated with the configured seed when it is not there yet."""
    path = config.data.path
    if not path.is_file():
        from training.generate import write_jsonl

        print(f"generating {config.data.examples} examples into {path}", file=sys.stderr)
        write_jsonl(path, config.data.examples, config.data.generate_seed)
    return path


def load_base(
    dtype: str, device: str, *, gguf: Path | None = None, cache: Path | None = None
) -> tuple[Any, Any]:
    """Tokenizer and model from a GGUF, by default the toolkit's own (``model_path()``).

    Converting the GGUF tokenizer takes about a minute on CPU, so a converted copy is kept in
    ``cache`` and reused.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if gguf is None:
        from summarize.providers.embedded import model_path

        gguf = model_path()
    if cache is not None and (cache / "tokenizer_config.json").is_file():
        tokenizer = AutoTokenizer.from_pretrained(cache)
    else:
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        if cache is not None:
            tokenizer.save_pretrained(cache)
    model = AutoModelForCausalLM.from_pretrained(
        gguf.parent, gguf_file=gguf.name, dtype=getattr(torch, dtype)
    )
    return tokenizer, model.to(device)


def with_lora(model: Any, config: TrainConfig) -> Any:
    from peft import LoraConfig, get_peft_model

    lora = LoraConfig(
        r=config.lora.r,
        lora_alpha=config.lora.alpha,
        lora_dropout=config.lora.dropout,
        target_modules=list(config.lora.target_modules),
        bias="none",
        task_type="CAUSAL_LM",
    )
    return get_peft_model(model, lora)


def target_loss(model: Any, ids: Any, mask: Any, labels: Any) -> tuple[Any, int]:
    """Summed cross-entropy over target positions only, and their count.

    The vocabulary is 262k tokens: projecting only the target positions through the output
    layer (instead of every position) keeps the logits small enough for 16 x 1024 batches.
    """
    import torch
    import torch.nn.functional as F

    core = model.get_base_model() if hasattr(model, "get_base_model") else model
    hidden = core.model(input_ids=ids, attention_mask=mask).last_hidden_state[:, :-1]
    targets = labels[:, 1:]
    keep = targets != IGNORE
    logits = core.lm_head(hidden[keep])
    cap = getattr(core.config, "final_logit_softcapping", None)
    if cap:
        logits = torch.tanh(logits / cap) * cap
    loss = F.cross_entropy(logits.float(), targets[keep], reduction="sum")
    return loss, int(keep.sum())


def _tensors(batch: Sequence[Encoded], pad_id: int, device: str) -> tuple[Any, Any, Any]:
    import torch

    ids, mask, labels = pad(batch, pad_id)
    return (
        torch.tensor(ids, device=device),
        torch.tensor(mask, device=device),
        torch.tensor(labels, device=device),
    )


def evaluate(model: Any, items: Sequence[Encoded], size: int, pad_id: int, device: str) -> float:
    """Mean loss per target token over ``items``."""
    import torch

    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(items), size):
            loss, n = target_loss(model, *_tensors(items[start : start + size], pad_id, device))
            total += float(loss)
            count += n
    model.train()
    return total / max(count, 1)


def lr_at(step: int, config: TrainConfig, total: int) -> float:
    """Linear warmup, then cosine decay to zero (or constant)."""
    optim = config.optim
    if step < optim.warmup_steps:
        return optim.lr * (step + 1) / optim.warmup_steps
    if optim.schedule == "constant":
        return optim.lr
    progress = (step - optim.warmup_steps) / max(1, total - optim.warmup_steps)
    return optim.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


class Log:
    """The loss curve as CSV, one row per logged train window or validation pass."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerow(CSV_FIELDS)
        self.rows: list[dict[str, Any]] = []

    def add(self, **row: Any) -> None:
        self.rows.append(row)
        with self.path.open("a", newline="", encoding="utf-8") as out:
            csv.writer(out).writerow([row[k] for k in CSV_FIELDS])
        print(
            f"step {row['step']:>5} {row['split']:<5} loss {row['loss']:.4f} "
            f"lr {row['lr']:.2e} {row['elapsed_s']:.0f}s",
            file=sys.stderr,
        )


def train(
    model: Any,
    train_items: Sequence[Encoded],
    val_items: Sequence[Encoded],
    config: TrainConfig,
    *,
    pad_id: int,
    device: str,
    out: Path,
    max_steps: int | None = None,
) -> dict[str, Any]:
    """The loop: AdamW on the LoRA weights, token-weighted gradient accumulation, early stop."""
    import torch

    optim_cfg, stop_cfg = config.optim, config.early_stopping
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=optim_cfg.lr, weight_decay=optim_cfg.weight_decay)
    steps_per_epoch = math.ceil(len(train_items) / optim_cfg.batch_size)
    total = steps_per_epoch * optim_cfg.epochs
    if max_steps is not None:
        total = min(total, max_steps)
    log = Log(out / "loss.csv")
    started = time.monotonic()
    step, best, bad, tokens, window, window_tokens = 0, math.inf, 0, 0, 0.0, 0
    best_step, stopped = 0, "epochs"
    step_times: list[float] = []
    model.train()

    def elapsed() -> float:
        return time.monotonic() - started

    def validate(epoch: int) -> bool:
        """Run a validation pass; save the adapter if it improved; True when patience ran out."""
        nonlocal best, bad, best_step
        val = evaluate(model, val_items, optim_cfg.micro_batch_size, pad_id, device)
        log.add(step=step, epoch=epoch, split="val", loss=val, lr=lr_at(step, config, total),
                tokens=tokens, elapsed_s=round(elapsed(), 1))  # fmt: skip
        if val < best - stop_cfg.min_delta:
            best, bad, best_step = val, 0, step
            model.save_pretrained(out / "adapter")
            return False
        bad += 1
        return bad >= stop_cfg.patience

    done = False
    for epoch in range(optim_cfg.epochs):
        micro = batches(train_items, optim_cfg.micro_batch_size, seed=config.seed + epoch)
        for first in range(0, len(micro), optim_cfg.accumulation):
            group = micro[first : first + optim_cfg.accumulation]
            step_started = time.monotonic()
            step_tokens = sum(e.target_tokens for batch in group for e in batch)
            for group_param in optimizer.param_groups:
                group_param["lr"] = lr_at(step, config, total)
            for batch in group:
                loss, _ = target_loss(model, *_tensors(batch, pad_id, device))
                (loss / step_tokens).backward()
                window += float(loss.detach())
                tokens += sum(len(e.input_ids) for e in batch)
            window_tokens += step_tokens
            torch.nn.utils.clip_grad_norm_(params, optim_cfg.grad_clip)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            step_times.append(time.monotonic() - step_started)
            if step % config.run.log_every == 0 or step == total:
                log.add(step=step, epoch=epoch, split="train", loss=window / max(window_tokens, 1),
                        lr=lr_at(step - 1, config, total), tokens=tokens,
                        elapsed_s=round(elapsed(), 1))  # fmt: skip
                window, window_tokens = 0.0, 0
            if step % stop_cfg.eval_every == 0 and validate(epoch):
                done, stopped = True, "early_stopping"
            elif elapsed() > config.run.max_minutes * 60:
                done, stopped = True, "time_limit"
            elif max_steps is not None and step >= max_steps:
                done, stopped = True, "max_steps"
            if done:
                break
        if done:
            break
    if best_step != step and (not log.rows or log.rows[-1]["split"] != "val"):
        validate(epoch)
    return {
        "steps": step,
        "stopped": stopped,
        "best_step": best_step,
        "best_val_loss": best,
        "tokens": tokens,
        "train_seconds": round(elapsed(), 1),
        "seconds_per_step": round(sum(step_times) / max(len(step_times), 1), 3),
        "tokens_per_second": round(tokens / max(elapsed(), 1e-9)),
    }


def encode_all(records: Sequence[dict[str, str]], tokenizer: Any, config: TrainConfig) -> list:
    """Encode records with the HF tokenizer; examples over ``max_length`` are skipped."""

    def encode(text: str, bos: bool) -> list[int]:
        return list(tokenizer(text, add_special_tokens=bos).input_ids)

    items = [
        encode_example(r, encode, tokenizer.eos_token_id, prompt=config.data.prompt,
                       max_length=config.data.max_length)
        for r in records
    ]  # fmt: skip
    return [e for e in items if e is not None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.train", description=__doc__)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cuda")
    parser.add_argument("--max-steps", type=int, default=None, help="stop after N steps (smoke)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N records")
    parser.add_argument("--output-dir", type=Path, default=None)
    parser.add_argument("--data", type=Path, default=None, help="JSONL(.gz) to train on")
    parser.add_argument(
        "--tokenizer-cache", type=Path, default=Path("training/runs/tokenizer"),
        help="where the tokenizer converted from the GGUF is kept between runs",
    )  # fmt: skip
    parser.add_argument(
        "--gguf", type=Path, default=None, help="base GGUF (default: the toolkit's)"
    )
    parser.add_argument(
        "--dtype", choices=("bfloat16", "float32"), default=None,
        help="override run.dtype; use float32 on CPUs without native bf16 (most)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    config = load_config(args.config)
    if args.output_dir:
        config.run.output_dir = args.output_dir
    if args.data:
        config.data.path = args.data
    if args.dtype:
        config.run.dtype = args.dtype
    out = config.run.output_dir
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(args.config, out / "config.yaml")
    seed_everything(config.seed)

    records = read_records(ensure_data(config))[: args.limit]
    load_started = time.monotonic()
    tokenizer, model = load_base(
        config.run.dtype, args.device, gguf=args.gguf, cache=args.tokenizer_cache
    )
    load_seconds = time.monotonic() - load_started
    (out / "base_config.json").write_text(model.config.to_json_string(), encoding="utf-8")
    train_records, val_records = split(records, config.data.val_fraction, config.seed)
    train_items = encode_all(train_records, tokenizer, config)
    val_items = encode_all(val_records, tokenizer, config)
    skipped = len(records) - len(train_items) - len(val_items)
    model = with_lora(model, config)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    summary = train(model, train_items, val_items, config, pad_id=pad_id, device=args.device,
                    out=out, max_steps=args.max_steps)  # fmt: skip
    summary |= {
        "device": args.device,
        "load_seconds": round(load_seconds, 1),
        "train_examples": len(train_items),
        "val_examples": len(val_items),
        "skipped_too_long": skipped,
        "trainable_parameters": trainable,
        "config": config.to_dict(),
    }
    (out / "run.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "config"}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
