"""Convert the trained PEFT adapter to the GGUF LoRA that the embedded provider loads.

llama.cpp's ``convert_lora_to_gguf.py`` does the conversion; it ships inside llama-cpp-python's
source distribution (``pip download --no-binary :all: --no-deps llama-cpp-python==0.3.36``,
then ``vendor/llama.cpp/`` in the archive, with ``gguf-py/`` and ``conversion/`` beside it).
It needs the base model's ``config.json``; the one transformers writes for a GGUF-loaded model
names no architecture and carries a ``quantization_config``, so this writes a fixed copy first.

    python -m training.export --llama-cpp path/to/llama_cpp_python-0.3.36.tar.gz
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from summarize.exceptions import ConfigError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RUN = ROOT / "training" / "runs" / "deal-extractor"
DEFAULT_OUT = ROOT / "adapters" / "deal-extractor.gguf"
ARCHITECTURE = "Gemma3ForCausalLM"
SCRIPT = "convert_lora_to_gguf.py"
NEEDED = (SCRIPT, "conversion/", "gguf-py/")


def fixed_base_config(config: dict[str, Any]) -> dict[str, Any]:
    """The base config the converter can read: a named architecture, no quantization block."""
    fixed = {k: v for k, v in config.items() if k != "quantization_config"}
    fixed["architectures"] = [ARCHITECTURE]
    return fixed


def write_base_dir(run_dir: Path, into: Path) -> Path:
    """A folder holding only the fixed ``config.json`` (the converter needs no weights)."""
    source = run_dir / "base_config.json"
    if not source.is_file():
        raise ConfigError(f"{source} is missing; it is written by python -m training.train")
    config = json.loads(source.read_text(encoding="utf-8"))
    into.mkdir(parents=True, exist_ok=True)
    (into / "config.json").write_text(json.dumps(fixed_base_config(config), indent=2))
    return into


def llama_cpp_dir(where: Path, scratch: Path) -> Path:
    """The folder holding the converter: given directly, or unpacked from the sdist archive."""
    if where.is_dir():
        for candidate in (where, where / "vendor" / "llama.cpp"):
            if (candidate / SCRIPT).is_file():
                return candidate
        raise ConfigError(f"{where} holds no {SCRIPT} (nor vendor/llama.cpp/{SCRIPT})")
    if not where.is_file() or not where.name.endswith(".tar.gz"):
        raise ConfigError(
            f"{where} is neither a llama.cpp folder nor the llama-cpp-python sdist; get it with "
            "pip download --no-binary :all: --no-deps llama-cpp-python==0.3.36"
        )
    with tarfile.open(where) as archive:
        members = [
            m
            for m in archive.getmembers()
            if "/vendor/llama.cpp/" in m.name
            and m.name.split("/vendor/llama.cpp/", 1)[1].startswith(NEEDED)
        ]
        if not members:
            raise ConfigError(f"{where} has no vendor/llama.cpp/{SCRIPT}")
        archive.extractall(scratch, members=members, filter="data")
    return scratch / members[0].name.split("/vendor/llama.cpp/", 1)[0] / "vendor" / "llama.cpp"


def convert_command(
    script_dir: Path, adapter: Path, base: Path, out: Path, outtype: str
) -> list[str]:
    return [
        sys.executable, str(script_dir / SCRIPT),
        "--base", str(base), "--outfile", str(out), "--outtype", outtype, str(adapter),
    ]  # fmt: skip


def export(run_dir: Path, llama_cpp: Path, out: Path, outtype: str = "f16") -> Path:
    """Convert ``run_dir/adapter`` to ``out``; raise ConfigError with the converter's last line."""
    adapter = run_dir / "adapter"
    if not (adapter / "adapter_config.json").is_file():
        raise ConfigError(
            f"{adapter} holds no PEFT adapter; train one with python -m training.train"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        base = write_base_dir(run_dir, Path(scratch) / "base")
        script_dir = llama_cpp_dir(llama_cpp, Path(scratch) / "llama.cpp")
        env = {k: v for k, v in os.environ.items() if k != "NO_LOCAL_GGUF"}
        done = subprocess.run(
            convert_command(script_dir, adapter, base, out, outtype),
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
    if done.returncode != 0 or not out.is_file():
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise ConfigError(f"convert_lora_to_gguf failed ({done.returncode}): {last[0]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.export", description=__doc__)
    parser.add_argument("--run", type=Path, default=DEFAULT_RUN, help="training output folder")
    parser.add_argument(
        "--llama-cpp", type=Path, required=True,
        help="llama-cpp-python sdist (.tar.gz) or a folder with convert_lora_to_gguf.py",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--outtype", choices=("f16", "bf16", "f32", "q8_0"), default="f16")
    args = parser.parse_args(argv)
    try:
        path = export(args.run, args.llama_cpp, args.out, args.outtype)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
