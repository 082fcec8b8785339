"""The package files behind a strategy's answers, found by following its imports.

A cache or a run file must notice a changed rule wherever it lives: in the strategy, a field
reader, a text tool, a phrase table, or the grounding the pipeline applies to every answer.
Listing those files by hand goes stale as modules move; following the ``summarize.*`` imports
from the strategy's module (and from grounding) does not.
"""

from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = "summarize"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
ANSWER_ROOTS = ("strategies/base.py", "grounding/__init__.py")
"""Modules behind every strategy's answer: the shared context, and the grounding the pipeline
applies to each summary."""
PHRASES_DIR = "phrases"
PHRASES_READER = "text/phrases.py"
"""Where a dependency set holds the phrase reader, the phrase tables it loads count too."""


def _module_file(root: Path, dotted: str) -> Path | None:
    """The file of a ``summarize.*`` module: ``a/b.py`` or ``a/b/__init__.py``."""
    parts = dotted.split(".")[1:]
    path = root.joinpath(*parts)
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return None


@lru_cache(maxsize=1024)
def _imported_names(here: tuple[str, ...], is_package: bool, source: bytes) -> tuple[str, ...]:
    """Dotted names a module's source imports, anywhere in it (lazy imports in functions too);
    cached by source, since most files are unchanged from one call to the next."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the importing module's package
                package = here[: len(here) - node.level + is_package]
                base = ".".join([*package, *([base] if base else [])])
            # "from summarize.fields import amount" names a module; "... import Cue" does not.
            names += [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return tuple(n for n in names if n == PACKAGE or n.startswith(PACKAGE + "."))


def _imports(root: Path, path: Path) -> tuple[set[Path], set[Path]]:
    """The package files ``path`` imports, and the ``__init__`` files of their packages, which
    run first."""
    found: set[Path] = set()
    parents: set[Path] = set()
    is_package = path.name == "__init__.py"
    here = (PACKAGE, *path.relative_to(root).with_suffix("").parts[: -1 if is_package else None])
    for name in _imported_names(here, is_package, path.read_bytes()):
        module = _module_file(root, name)
        if module is not None:
            found.add(module)
        parts = name.split(".")
        for i in range(2, len(parts)):
            parent = _module_file(root, ".".join(parts[:i]))
            if parent is not None:
                parents.add(parent)
    return found, parents


def dependency_files(strategy: str, root: Path = PACKAGE_DIR) -> list[Path]:
    """Every package file whose code or data can change the answers of ``strategy``."""
    todo = [root / "strategies" / f"{strategy}.py", *(root / r for r in ANSWER_ROOTS)]
    seen: set[Path] = set()
    packages: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        modules, parents = _imports(root, path)
        todo.extend(modules - seen)
        packages |= parents
    # A package's __init__ runs before its modules, so its own code counts; what it imports
    # (the strategies registry imports every strategy) is not this strategy's dependency.
    seen |= packages
    phrases = root / PHRASES_DIR
    if root / PHRASES_READER in seen and phrases.is_dir():
        seen |= {p for p in phrases.rglob("*") if p.is_file()}
    return sorted(seen)


def fingerprint(strategy: str, root: Path = PACKAGE_DIR) -> str:
    """A short hash of every dependency file's path and bytes."""
    digest = hashlib.sha256()
    for path in dependency_files(strategy, root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
