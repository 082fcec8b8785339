"""Phrase tables: the wording the readers look for, kept as data with the sentences it must fit.

Each file in ``summarize/phrases/`` holds families of phrases (regular-expression fragments
joined as alternatives) for one reader. A family's ``template`` places its alternatives in the
pattern the reader runs (``{phrases}``; the file's default template otherwise), and every
family carries ``examples`` its pattern must fit and ``counter_examples`` it must not, which a
test reads. How an example is read depends on the family's ``mode``:

- ``search`` (default): the pattern is found anywhere in the example;
- ``match``: the pattern fits at the start of the example, or right after a ``[[figure]]``
  marked in it (words that follow a name or a figure);
- ``before``: the pattern fits the end of the text before a ``[[figure]]`` marked in the
  example (words that lead up to a name or a figure);
- ``between``: the pattern fits the whole text between two marked names (words that join
  them: "buy [[Pellucid]] from private equity owner [[Vantor]]").

Word lists (no pattern, compared whole) are families with ``words`` instead of ``phrases``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

import yaml

PHRASES_DIR = Path(__file__).resolve().parent.parent / "phrases"
DEFAULT_TEMPLATE = r"\b(?:{phrases})\b"
Mode = Literal["search", "match", "before", "between"]
MARK = re.compile(r"\[\[(.*?)\]\]")
"""The figure (or name) an example marks: "talks to create a [[¥1.4tn]] group"."""


class PhraseTableError(ValueError):
    """A phrase file that cannot be read or compiled: named with the file and family."""


@dataclass(frozen=True)
class PhraseFamily:
    """One family of phrases, the pattern they make, and the sentences that show it."""

    table: str
    name: str
    phrases: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    template: str = DEFAULT_TEMPLATE
    ignore_case: bool = True
    multiline: bool = False
    mode: Mode = "search"
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    about: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    """Other keys a reader needs with the family (a source kind, a fixed name)."""

    @property
    def alternatives(self) -> str:
        return "|".join(self.phrases)

    @property
    def source(self) -> str:
        """The pattern's text, for a reader that builds it into a larger pattern."""
        return self.template.replace("{phrases}", self.alternatives)

    @property
    def flags(self) -> int:
        return (re.IGNORECASE if self.ignore_case else 0) | (re.MULTILINE if self.multiline else 0)

    def compile(self, phrases: str | None = None) -> re.Pattern[str]:
        """The family's pattern, or the template filled with ``phrases`` instead."""
        alternatives = self.alternatives if phrases is None else phrases
        source = self.template.replace("{phrases}", alternatives)
        try:
            return re.compile(source, self.flags)
        except re.error as exc:
            raise PhraseTableError(f"{self.table}.yaml, {self.name}: {exc}") from exc

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return self.compile()

    def fits(self, example: str, pattern: re.Pattern[str] | None = None) -> bool:
        """Whether the pattern fits ``example`` the way the family's readers use it."""
        pattern = pattern or self.pattern
        marked = MARK.search(example)
        if self.mode == "between":
            second = MARK.search(example, marked.end()) if marked else None
            if marked is None or second is None:
                where = f"{self.table}.yaml, {self.name}"
                raise PhraseTableError(f"{where}: mark the two names in {example!r}")
            return pattern.match(example[marked.end() : second.start()]) is not None
        if self.mode == "before":
            if marked is None:
                where = f"{self.table}.yaml, {self.name}"
                raise PhraseTableError(f"{where}: mark the figure in {example!r}")
            return pattern.search(example[: marked.start()]) is not None
        if self.mode == "match":
            return pattern.match(example[marked.end() :] if marked else example) is not None
        return pattern.search(MARK.sub(r"\1", example)) is not None


def _family(table: str, name: str, raw: dict[str, Any], defaults: dict[str, Any]) -> PhraseFamily:
    known = {"phrases", "words", "template", "case", "mode", "examples", "counter_examples"}
    known |= {"about", "multiline"}
    settings = {**defaults, **raw}
    case = settings.get("case", "insensitive")
    if case not in ("insensitive", "sensitive"):
        raise PhraseTableError(f"{table}.yaml, {name}: case is 'insensitive' or 'sensitive'")
    mode = settings.get("mode", "search")
    if mode not in ("search", "match", "before", "between"):
        raise PhraseTableError(f"{table}.yaml, {name}: mode is search, match, before or between")
    phrases, words = raw.get("phrases") or [], raw.get("words") or []
    if bool(phrases) == bool(words):
        raise PhraseTableError(f"{table}.yaml, {name}: give either phrases or words")
    return PhraseFamily(
        table=table,
        name=name,
        phrases=tuple(str(p) for p in phrases),
        words=tuple(str(w) for w in words),
        template=str(settings.get("template", DEFAULT_TEMPLATE)),
        ignore_case=case == "insensitive",
        multiline=bool(settings.get("multiline", False)),
        mode=mode,
        examples=tuple(str(e) for e in raw.get("examples") or ()),
        counter_examples=tuple(str(e) for e in raw.get("counter_examples") or ()),
        about=str(raw.get("about", "")).strip(),
        extra={k: v for k, v in raw.items() if k not in known},
    )


@cache
def table(name: str) -> dict[str, PhraseFamily]:
    """The families of ``summarize/phrases/<name>.yaml``, in file order."""
    path = PHRASES_DIR / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise PhraseTableError(f"{path.name}: {exc}") from exc
    defaults = {k: data[k] for k in ("template", "case", "mode") if k in data}
    families = data.get("families") or {}
    return {key: _family(name, key, raw, defaults) for key, raw in families.items()}


def family(table_name: str, name: str) -> PhraseFamily:
    return table(table_name)[name]


def pattern(table_name: str, name: str) -> re.Pattern[str]:
    """The compiled pattern of one family."""
    return family(table_name, name).pattern


def patterns(table_name: str) -> dict[str, re.Pattern[str]]:
    """Every family's pattern, by family name, in file order (cue tables: label → pattern)."""
    return {key: fam.pattern for key, fam in table(table_name).items()}


def words(table_name: str, name: str, *, lower: bool = True) -> frozenset[str]:
    """A word list (lower-cased unless ``lower=False``: compared as written)."""
    found = family(table_name, name).words
    return frozenset(w.lower() for w in found) if lower else frozenset(found)


def all_tables() -> list[str]:
    return sorted(p.stem for p in PHRASES_DIR.glob("*.yaml"))
