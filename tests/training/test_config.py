"""The shipped training config: the hyperparameters the issue asks for, and loud failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.exceptions import ConfigError
from training.config import DEFAULT_CONFIG, load_config

SMOKE_CONFIG = DEFAULT_CONFIG.with_name("smoke.yaml")


def test_shipped_config_holds_the_agreed_hyperparameters() -> None:
    config = load_config()
    assert (config.lora.r, config.lora.alpha, config.lora.dropout) == (16, 32, 0.05)
    assert set(config.lora.target_modules) == {
        "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj",
    }  # fmt: skip
    assert config.optim.lr == 2e-4
    assert config.optim.batch_size == 16
    assert config.optim.accumulation * config.optim.micro_batch_size == 16
    assert config.early_stopping.patience >= 1
    assert config.data.prompt == "deal-adapter"


def test_smoke_config_is_the_same_recipe_made_tiny() -> None:
    full, smoke = load_config(), load_config(SMOKE_CONFIG)
    assert smoke.lora == full.lora
    assert (smoke.optim.lr, smoke.data.prompt) == (full.optim.lr, full.data.prompt)
    assert smoke.optim.batch_size < full.optim.batch_size
    assert smoke.run.dtype == "float32"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("lr: 2.0e-4", "lr: -1"), "optim.lr"),
        (("micro_batch_size: 8", "micro_batch_size: 5"), "multiple of micro_batch_size"),
        (("  r: 16", "  r: 16\n  rank: 16"), "lora.rank"),
        (("seed: 7", "seed: [7"), "not valid YAML"),
        (("epochs: 2", "epochs: two"), "optim.epochs: expected int"),
        (("  patience: 3", "  # patience gone"), "early_stopping.patience: missing"),
    ],
)
def test_bad_config_is_one_line_config_error(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "config.yaml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert "\n" not in str(caught.value)
