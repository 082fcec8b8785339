"""Read a page as lines: find the headline and the body among the page's furniture.

Text copied from a news page starts with whatever the page showed first ("|", an audio
player's prompt, a byline), so "the first line is the headline" picks furniture. This reader
drops furniture lines (``summarize.furniture``), a standfirst the first paragraph repeats, and
splits a headline fused into a wire dateline, keeping a map from every character it keeps back
to the input. A clean article comes through as it was.

One time stamp stays: the first that states a year is the article's date, and dates in the
text ("on 1 December", "on Tuesday") are read against it. It is never the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarize.furniture import furniture_kind, is_list_item, opens_list, states_year
from summarize.offsets import OffsetMap, TextBuilder

MAX_HEADLINE_CHARS = 200
MIN_HEADLINE_WORDS = 3
STANDFIRST_REACH = 6
"""Non-blank lines from the top where a standfirst may stand."""
MIN_STANDFIRST_WORDS = 5
MAX_LIST_ITEMS = 8
"""Link titles under a "Related stories" header, at most."""

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_L = r"[^\W\d_]"
_DATE = rf"{_L}{{3,9}}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?"
_DATELINE = re.compile(
    rf"(?P<place>{_L}{{2,}}(?:[ .'’-]+{_L}{{2,}}){{0,3}}\.?)"
    rf"(?:,\s*(?P<date>{_DATE})|,\s*{_L}+\.?(?:\s{_L}+\.?)?(?:,\s*(?P<date2>{_DATE}))?)?"
    r"\s*(?P<agency>\((?![^()]*:)[^()\n]{2,40}\)|/[^/\n]{2,40}/)?\s*[-–—]{1,2}\s+(?=\S)"
)
"""A wire dateline: "LONDON, March 3 (Agency) -", "SAN JOSE, Calif., May 2, 2025 /Wire/ --".
A ticker tag ("(NYSE: XYZ) -") is no agency."""
_HEADLINE_END = re.compile(r"[.,;:]\s*$")


@dataclass(frozen=True)
class Page:
    """What the reader made of a page: the text to read and the headline found in it."""

    text: str
    headline: str | None
    offsets: OffsetMap | None = None
    """Where ``text`` came from in the input; None when it is the input, stripped."""
    furniture: tuple[tuple[str, str], ...] = field(default=())
    """(kind, line) for each line left out."""


@dataclass
class _Line:
    start: int
    end: int
    """Past the line's newline, if it has one."""
    text: str
    kind: str | None = None
    split: tuple[int, int] | None = None
    """The whitespace between a fused headline and its dateline, as input offsets."""
    dated: bool = False
    """The time stamp kept as the article's date."""

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    return [_Line(m.start(), m.end(), m.group().rstrip("\r\n")) for m in _LINE.finditer(text)]


def _mark_furniture(lines: list[_Line]) -> None:
    """Label each furniture line; lines under an opened list ("Related stories") go with it."""
    open_kind: str | None = None
    items = 0
    for line in lines:
        if line.blank:
            continue  # HTML puts an empty line between any two blocks
        if open_kind and items < MAX_LIST_ITEMS and is_list_item(line.text, open_kind):
            line.kind = open_kind
            items += 1
            continue
        line.kind = furniture_kind(line.text)
        open_kind = line.kind if opens_list(line.text, line.kind) else None
        items = 0
    dated = next((x for x in lines if x.kind == "timestamp" and states_year(x.text)), None)
    if dated:
        dated.kind, dated.dated = None, True


def _mark_gaps(lines: list[_Line]) -> None:
    """A blank line after cut furniture goes too when the text before it already ends a
    paragraph, so cutting leaves no run of empty lines."""
    kept_blank, after_cut = True, False
    for line in lines:
        if line.kind:
            after_cut = True
        elif line.blank:
            if after_cut and kept_blank:
                line.kind = "gap"
            kept_blank = True
        else:
            kept_blank, after_cut = False, False


def _normal(text: str) -> str:
    return " ".join(text.split()).rstrip(".!?…\"'”’ ")


def _mark_standfirst(lines: list[_Line]) -> None:
    """A standfirst that the first paragraph repeats as its first sentence: keep the paragraph."""
    body = [line for line in lines if not line.kind and not line.blank and not line.dated]
    for i, line in enumerate(body[:STANDFIRST_REACH]):
        said = _normal(line.text)
        if len(said.split()) < MIN_STANDFIRST_WORDS:
            continue
        for later in body[i + 1 : i + 4]:
            paragraph = " ".join(later.text.split())
            rest = paragraph[len(said) :]
            if paragraph.startswith(said) and (not rest or rest[0] in ".!?…\"'”’"):
                line.kind = "standfirst"
                break


def _fused_headline(line: _Line) -> str | None:
    """The headline at the front of a wire lede ("Acme to buy Beta LONDON, March 3 (Agency) -
    Acme said ..."); marks where to break the line."""
    for match in _DATELINE.finditer(line.text, 0, MAX_HEADLINE_CHARS + 80):
        if not (match.group("agency") or match.group("date") or match.group("date2")):
            continue
        place = match.group("place").split()
        while place and not all(w.isupper() for w in place):
            place.pop(0)  # the words before the place belong to the headline
        if not place:
            continue
        at = match.start() + match.group("place").rindex(" ".join(place))
        before = line.text[:at]
        headline = before.strip()
        if len(headline.split()) < MIN_HEADLINE_WORDS or not before[-1:].isspace():
            continue
        if len(headline) > MAX_HEADLINE_CHARS or _HEADLINE_END.search(headline):
            continue
        gap = len(before) - len(before.rstrip())
        line.split = (line.start + at - gap, line.start + at)
        return headline
    return None


def _headline(lines: list[_Line]) -> str | None:
    """The first line kept, if it reads as a headline: short, no full stop, text below it."""
    content = [line for line in lines if not line.kind and not line.blank and not line.dated]
    if not content:
        return None
    first = content[0]
    fused = _fused_headline(first)
    if fused:
        return fused
    headline = first.text.strip()
    if len(content) < 2 or len(headline) > MAX_HEADLINE_CHARS:
        return None
    if len(headline.split()) < MIN_HEADLINE_WORDS or _HEADLINE_END.search(headline):
        return None
    if headline.endswith(("...", "…")):
        return None
    return headline


def read_page(text: str) -> Page:
    """The page's headline and readable text, with the furniture lines left out."""
    lines = _lines(text)
    _mark_furniture(lines)
    _mark_standfirst(lines)
    _mark_gaps(lines)
    headline = _headline(lines)
    cut = [line for line in lines if line.kind]
    furniture = tuple((line.kind, line.text.strip()) for line in cut if line.kind != "gap")
    if not cut and not any(line.split for line in lines):
        return Page(text.strip(), headline)
    builder = TextBuilder(text)
    for line in lines:
        if line.kind:
            continue
        if line.split:
            builder.copy(line.start, line.split[0])
            builder.insert("\n", line.split[0])
            builder.copy(line.split[1], line.end)
        else:
            builder.copy(line.start, line.end)
    body, offsets = builder.build()
    return Page(body, headline, offsets, furniture)
