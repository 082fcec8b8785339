"""Sentence templates that remember where every fact landed, so quotes are exact by construction.

A template is plain text with three kinds of markup:

- ``{slot}``: a value (a name, an amount phrase); the value's span is recorded under ``slot``.
- ``[[key1,key2|words]]``: literal cue words (``has agreed to buy``) recorded under each key.
- ``<<...>>``: an optional part, kept only when every ``{slot}`` inside it has a value.

A slot's value may itself be a ``Piece`` (a rendered list of names, say); its marks carry over.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

Span = tuple[int, int]

_OPTIONAL = re.compile(r"<<(.*?)>>", re.DOTALL)
_TOKEN = re.compile(r"\{(\w+)\}|\[\[([\w,]+)\|(.*?)\]\]")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass
class Piece:
    """Rendered text plus the spans of its marked parts, relative to the text."""

    text: str
    marks: dict[str, list[Span]] = field(default_factory=dict)

    def add(self, key: str, start: int, end: int) -> None:
        self.marks.setdefault(key, []).append((start, end))

    def shifted(self, offset: int) -> dict[str, list[Span]]:
        return {k: [(s + offset, e + offset) for s, e in spans] for k, spans in self.marks.items()}


SlotValue = str | Piece | None


def _keep_optional(template: str, slots: Mapping[str, SlotValue]) -> str:
    def keep(match: re.Match[str]) -> str:
        inner = match.group(1)
        needed = _SLOT.findall(inner)
        return inner if all(slots.get(name) is not None for name in needed) else ""

    return _OPTIONAL.sub(keep, template)


def fill(template: str, slots: Mapping[str, SlotValue]) -> Piece:
    """Render ``template`` with ``slots``; a required slot without a value is a bug (KeyError)."""
    body = _keep_optional(template, slots)
    piece = Piece("")
    parts: list[str] = []
    pos = 0
    length = 0
    for match in _TOKEN.finditer(body):
        literal = body[pos : match.start()]
        parts.append(literal)
        length += len(literal)
        if match.group(1):
            name = match.group(1)
            value = slots[name]
            if value is None:
                raise KeyError(f"slot {name!r} has no value in {template!r}")
            sub = value if isinstance(value, Piece) else Piece(value)
            for key, spans in sub.shifted(length).items():
                for start, end in spans:
                    piece.add(key, start, end)
            piece.add(name, length, length + len(sub.text))
            parts.append(sub.text)
            length += len(sub.text)
        else:
            words = match.group(3)
            for key in match.group(2).split(","):
                piece.add(key, length, length + len(words))
            parts.append(words)
            length += len(words)
        pos = match.end()
    parts.append(body[pos:])
    text = "".join(parts)
    text, piece.marks = _tidy(text, piece.marks)
    piece.text = text
    return piece


def _tidy(text: str, marks: dict[str, list[Span]]) -> tuple[str, dict[str, list[Span]]]:
    """Collapse double spaces left by dropped optional parts; strip the ends."""
    out: list[str] = []
    mapping: list[int] = []  # old index -> new index
    for i, char in enumerate(text):
        mapping.append(len(out))
        if char == " " and (not out or out[-1] == " " or text[i + 1 : i + 2] in {",", ".", ""}):
            continue
        out.append(char)
    mapping.append(len(out))
    new = "".join(out).strip()
    lead = len("".join(out)) - len("".join(out).lstrip())
    moved = {
        key: [(mapping[s] - lead, mapping[e] - lead) for s, e in spans]
        for key, spans in marks.items()
    }
    return new, moved


def join_names(names: list[Piece | str], *, conj: str = "and") -> Piece:
    """``A``, ``A and B``, ``A, B and C``, keeping each name's marks."""
    pieces = [n if isinstance(n, Piece) else Piece(n) for n in names]
    if not pieces:
        raise ValueError("join_names needs at least one name")
    slots: dict[str, SlotValue] = {f"n{i}": p for i, p in enumerate(pieces)}
    if len(pieces) == 1:
        template = "{n0}"
    else:
        head = ", ".join(f"{{n{i}}}" for i in range(len(pieces) - 1))
        template = f"{head} {conj} {{n{len(pieces) - 1}}}"
    joined = fill(template, slots)
    joined.marks = {k: v for k, v in joined.marks.items() if not re.fullmatch(r"n\d+", k)}
    return joined


def marked(key: str, text: str) -> Piece:
    """A value that carries its own mark, for use inside another slot."""
    return Piece(text, {key: [(0, len(text))]})
