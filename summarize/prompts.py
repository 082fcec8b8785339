"""Prompt templates: versioned Jinja2 files in ``prompts/``, loaded by name.

A template starts with a YAML header between ``---`` lines (name, version, description,
strategy) and holds its messages as Jinja blocks (``system``, ``user`` for one-call prompts;
one block per question for the embedded strategy). Undefined variables fail loudly, and the
name and version are stamped on every output so a score always names the prompt behind it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import jinja2
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from summarize.exceptions import PromptError

PROMPT_SUFFIX = ".j2"
_HEADER_FENCE = "---"

Strategy = Literal["structured", "fielded", "reader", "adapter"]


class PromptMeta(BaseModel):
    """The header every template carries."""

    model_config = ConfigDict(extra="forbid")

    name: str
    version: str
    description: str
    strategy: Strategy = "structured"
    """Which pipeline consumes the template: one structured call, or per-field questions."""
    settings: dict[str, Any] = {}
    """Model settings the strategy should send (temperature, max_tokens, ...)."""
    embedded_model: str | None = None
    """The embedded model the template is written for (``summarize models``), used when the
    local provider runs it and no ``--model`` is given."""


@dataclass(frozen=True)
class Prompt:
    """A loaded template: metadata plus named blocks to render."""

    meta: PromptMeta
    path: Path
    template: jinja2.Template = field(repr=False)

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def version(self) -> str:
        return self.meta.version

    @property
    def fingerprint(self) -> str:
        """A hash of the template file: an edit without a version bump still changes it."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()[:12]

    @property
    def blocks(self) -> list[str]:
        return list(self.template.blocks)

    def with_settings(self, overrides: dict[str, Any]) -> Prompt:
        """The same template with some header settings replaced (``--prompt-setting``)."""
        if not overrides:
            return self
        meta = self.meta.model_copy(update={"settings": {**self.meta.settings, **overrides}})
        return Prompt(meta=meta, path=self.path, template=self.template)

    def render(self, block: str, **variables: Any) -> str:
        """Render one block; every variable it uses must be passed."""
        if block not in self.template.blocks:
            raise PromptError(
                f"prompt {self.name!r} has no block {block!r} (it has: {', '.join(self.blocks)})"
            )
        context = self.template.new_context(variables)
        try:
            return "".join(self.template.blocks[block](context)).strip()
        except jinja2.UndefinedError as exc:
            raise PromptError(f"prompt {self.name!r} block {block!r}: {exc.message}") from None


def parse_settings(pairs: list[str]) -> dict[str, Any]:
    """``["few_shot=false", "view_chars=2000"]`` as settings, each value read as YAML."""
    settings: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise PromptError(f"prompt setting {pair!r} is not KEY=VALUE (e.g. few_shot=false)")
        try:
            settings[key.strip()] = yaml.safe_load(raw)
        except yaml.YAMLError:
            raise PromptError(f"prompt setting {pair!r}: the value is not valid YAML") from None
    return settings


def prompt_dirs() -> list[Path]:
    """Where templates are looked up, first match wins."""
    dirs = []
    if env := os.environ.get("SUMMARIZE_PROMPTS_DIR"):
        dirs.append(Path(env))
    package = Path(__file__).resolve().parent
    dirs.append(package.parent / "prompts")  # a source checkout
    dirs.append(package / "_prompts")  # an installed wheel
    return [d for d in dirs if d.is_dir()]


def _split_header(text: str, path: Path) -> tuple[dict[str, Any], str]:
    if not text.startswith(_HEADER_FENCE):
        raise PromptError(f"{path}: a prompt must start with a '---' metadata header")
    try:
        _, header, body = text.split(_HEADER_FENCE + "\n", 2)
    except ValueError:
        raise PromptError(f"{path}: the metadata header is not closed by a '---' line") from None
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""  # +1 for the '---' line
        reason = " ".join(f"{where}{problem}".split())  # one line, as every error message
        raise PromptError(f"{path}: the metadata header is not valid YAML ({reason})") from None
    return meta, body


_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def load_prompt_file(path: Path) -> Prompt:
    """Load and validate one template file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"{path}: cannot read prompt ({exc.strerror})") from None
    header, body = _split_header(text, path)
    try:
        meta = PromptMeta.model_validate(header)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PromptError(f"{path}: header field {where!r}: {first['msg']}") from None
    try:
        template = _ENV.from_string(body)
    except jinja2.TemplateSyntaxError as exc:
        raise PromptError(f"{path}:{exc.lineno}: template syntax error: {exc.message}") from None
    return Prompt(meta=meta, path=path, template=template)


@cache
def _load_cached(path: Path, mtime: float) -> Prompt:
    return load_prompt_file(path)


def load_prompt(name_or_path: str) -> Prompt:
    """A template by name (``deal-structured``) or by path to a ``.j2`` file."""
    candidate = Path(name_or_path)
    if candidate.suffix == PROMPT_SUFFIX and candidate.is_file():
        return _load_cached(candidate.resolve(), candidate.stat().st_mtime)
    for directory in prompt_dirs():
        path = directory / f"{name_or_path}{PROMPT_SUFFIX}"
        if path.is_file():
            return _load_cached(path.resolve(), path.stat().st_mtime)
    known = ", ".join(p.name for p in list_prompts()) or "none found"
    raise PromptError(f"unknown prompt {name_or_path!r} (known: {known}); see 'summarize prompts'")


def list_prompts() -> list[Prompt]:
    """Every template that ``load_prompt`` can find, by name."""
    seen: dict[str, Prompt] = {}
    for directory in prompt_dirs():
        for path in sorted(directory.glob(f"*{PROMPT_SUFFIX}")):
            if path.stem not in seen:
                seen[path.stem] = _load_cached(path.resolve(), path.stat().st_mtime)
    return list(seen.values())
