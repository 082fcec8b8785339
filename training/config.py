"""The training configuration: one YAML file, checked field by field before the model loads.

Plain dataclasses rather than pydantic: the GPU machine has torch, transformers and PyYAML but
not the toolkit's own dependencies, and training must run there from a bare checkout.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from summarize.exceptions import ConfigError
except ImportError:  # on the GPU machine, where the toolkit's dependencies are not installed

    class ConfigError(Exception):  # type: ignore[no-redef]
        """The training configuration or its inputs cannot work."""


DEFAULT_CONFIG = Path(__file__).resolve().parent / "config.yaml"


@dataclass
class DataConfig:
    path: Path
    examples: int
    val_fraction: float
    max_length: int
    generate_seed: int = 7
    prompt: str = "deal-adapter"

    def check(self) -> None:
        _require(self.examples > 0, "data.examples must be positive")
        _require(0 < self.val_fraction < 0.5, "data.val_fraction must be between 0 and 0.5")
        _require(self.max_length > 16, "data.max_length must be more than 16 tokens")


@dataclass
class LoraConfig:
    r: int
    alpha: int
    dropout: float
    target_modules: list[str] = field(default_factory=list)

    def check(self) -> None:
        _require(self.r > 0 and self.alpha > 0, "lora.r and lora.alpha must be positive")
        _require(0 <= self.dropout < 1, "lora.dropout must be in [0, 1)")
        _require(bool(self.target_modules), "lora.target_modules must name at least one module")


@dataclass
class OptimConfig:
    lr: float
    batch_size: int
    micro_batch_size: int
    epochs: int
    weight_decay: float = 0.0
    warmup_steps: int = 0
    schedule: str = "cosine"
    grad_clip: float = 1.0

    def check(self) -> None:
        _require(self.lr > 0, "optim.lr must be positive")
        _require(self.epochs > 0, "optim.epochs must be positive")
        _require(self.schedule in ("cosine", "constant"), "optim.schedule: cosine or constant")
        _require(
            self.micro_batch_size > 0 and self.batch_size % self.micro_batch_size == 0,
            "optim.batch_size must be a multiple of micro_batch_size",
        )

    @property
    def accumulation(self) -> int:
        return self.batch_size // self.micro_batch_size


@dataclass
class EarlyStopping:
    eval_every: int
    patience: int
    min_delta: float = 0.0

    def check(self) -> None:
        _require(self.eval_every > 0, "early_stopping.eval_every must be positive")
        _require(self.patience > 0, "early_stopping.patience must be positive")


@dataclass
class RunConfig:
    output_dir: Path
    max_minutes: float
    dtype: str = "bfloat16"
    log_every: int = 10

    def check(self) -> None:
        _require(self.dtype in ("bfloat16", "float32"), "run.dtype: bfloat16 or float32")
        _require(self.max_minutes > 0, "run.max_minutes must be positive")


@dataclass
class TrainConfig:
    """Everything that decides the adapter, in one place."""

    seed: int
    data: DataConfig
    lora: LoraConfig
    optim: OptimConfig
    early_stopping: EarlyStopping
    run: RunConfig

    def to_dict(self) -> dict[str, Any]:
        return json_ready(dataclasses.asdict(self))


def json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    return str(value) if isinstance(value, Path) else value


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


def _build(cls: type, raw: Any, where: str) -> Any:
    """A dataclass from a mapping: unknown keys, missing keys and wrong types are errors."""
    if not isinstance(raw, dict):
        raise ValueError(f"{where or 'config'} must be a mapping")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    if unknown := sorted(set(raw) - set(fields)):
        raise ValueError(f"{where}{'.' if where else ''}{unknown[0]}: unknown setting")
    values = {}
    for name, spec in fields.items():
        key = f"{where}.{name}" if where else name
        if name not in raw:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise ValueError(f"{key}: missing")
            continue
        values[name] = _coerce(hints[name], raw[name], key)
    built = cls(**values)
    if hasattr(built, "check"):
        built.check()
    return built


def _coerce(kind: Any, value: Any, key: str) -> Any:
    if dataclasses.is_dataclass(kind):
        return _build(kind, value, key)  # type: ignore[arg-type]
    origin = typing.get_origin(kind)
    if origin is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{key}: expected a list of names")
        return list(value)
    if kind is Path:
        if not isinstance(value, str):
            raise ValueError(f"{key}: expected a path")
        return Path(value)
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    plain = isinstance(kind, type) and not isinstance(kind, types.GenericAlias)
    if plain and isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    raise ValueError(f"{key}: expected {getattr(kind, '__name__', kind)}, got {value!r}")


def load_config(path: Path = DEFAULT_CONFIG) -> TrainConfig:
    """Read and check a config file; ConfigError names the file and the first problem."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read training config ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    try:
        return _build(TrainConfig, raw, "")
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from None
