from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarize.articles import Article, make_article
from summarize.grounding import evidence_items, ground
from summarize.grounding.html import KIND_COLOURS, render_html
from summarize.schema import DealSummary

from .test_verify import HTML

SCREENSHOT_COMMAND = (
    "chromium --headless --no-sandbox --disable-gpu --screenshot={png} --window-size=1400,1000 "
    "file://{html}"
)
"""The check docs/grounding.md tells people to run; the test below runs exactly this."""


class _Marks(HTMLParser):
    """Collects the text inside each <mark>, keyed by the field ids it carries."""

    def __init__(self) -> None:
        super().__init__()
        self.text_by_id: dict[str, str] = {}
        self.external: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for attr in ("src", "href"):
            link = values.get(attr) or ""
            if link and not link.startswith("#"):
                self.external.append(link)
        if tag == "mark":
            self._open = (values.get("data-ids") or "").split()

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open = None

    def handle_data(self, data: str) -> None:
        for field_id in self._open or []:
            self.text_by_id[field_id] = self.text_by_id.get(field_id, "") + data


def _parse(page: str) -> _Marks:
    parser = _Marks()
    parser.feed(page)
    return parser


def test_every_span_is_highlighted_with_its_words(
    article: Article, full_summary: DealSummary
) -> None:
    grounded = ground(full_summary, article, policy="strict")
    marks = _parse(render_html([(article, grounded)]))
    items = evidence_items(grounded)
    assert len(marks.text_by_id) == len(items)
    for n, item in enumerate(items):
        assert item.evidence is not None
        assert marks.text_by_id[f"a0-f{n}"] == item.evidence.quote, item.field


def test_page_is_self_contained_and_coloured_per_kind(
    article: Article, full_summary: DealSummary
) -> None:
    page = render_html([(article, ground(full_summary, article, policy="strict"))])
    assert _parse(page).external == []
    assert "<script>" in page and "<style>" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    for kind, colour in KIND_COLOURS.items():
        assert f".k-{kind} {{ background: {colour}55; }}" in page


def test_unsupported_and_dropped_values_are_listed_apart(
    article: Article, doubtful: DealSummary
) -> None:
    strict = render_html([(article, ground(doubtful, article, policy="strict"))])
    unsupported = strict.split("Not supported (", 1)[1]
    assert unsupported.startswith("11)")
    assert "Fjellstad Securities" in unsupported and "does not occur in the quote" in unsupported
    assert unsupported.count('class="badge dropped"') == 11
    flagged = render_html([(article, ground(doubtful, article, policy="flag"))])
    tail = flagged.split("Not supported (", 1)[1]
    assert tail.startswith("11)") and 'class="badge dropped"' not in tail
    assert 'mark class="k-parties flagged"' in flagged  # quote found, party not in it


def test_article_text_is_escaped(make_summary) -> None:  # type: ignore[no-untyped-def]
    article = make_article(
        "Acme <b>Corp</b> & Beta agree to merge in an all-stock deal worth $1 billion.",
        id="x", source="x.txt", html=False,
    )  # fmt: skip
    summary = make_summary(parties=[{"name": "Beta", "role": "merger_partner"}])
    page = render_html([(article, ground(summary, article, policy="flag"))])
    assert "Acme &lt;b&gt;Corp&lt;/b&gt; &amp; " in page


def test_html_article_shows_its_text_and_raw_offsets(make_summary) -> None:  # type: ignore[no-untyped-def]
    article = make_article(HTML, id="html", source="deal.html")
    summary = make_summary(
        deal_type=None, status=None, parties=[{"name": "Fjellstad Securities", "role": "advisor"}]
    )
    page = render_html([(article, ground(summary, article, policy="strict"))])
    start, end = ground(summary, article, policy="strict").parties[0].evidence.spans[0]  # type: ignore[union-attr]
    raw_start, raw_end = article.raw_span(start, end)
    assert HTML[raw_start:raw_end] == "Fjellstad Securities"
    assert f"text [{start}, {end}) · raw [{raw_start}, {raw_end})" in page
    assert "This article was HTML" in page


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        ("|\nBy: Jo Vance\nAcme and Beta agree to merge in an all-stock deal.\n", "Page furniture"),
        ("Acme and Beta agree to merge in an all-stock deal worth $1 billion.\n", None),
    ],
)
def test_article_with_furniture_cut_says_so(make_summary, raw: str, note: str | None) -> None:  # type: ignore[no-untyped-def]
    article = make_article(raw, id="x", source="x.txt")
    summary = make_summary(parties=[{"name": "Beta", "role": "merger_partner"}])
    page = render_html([(article, ground(summary, article, policy="flag"))])
    assert "This article was HTML" not in page
    assert ("Page furniture" in page) is (note is not None)


def _png_top_colours(data: bytes, rows: int) -> set[tuple[int, int, int]]:
    """The RGB colours in the top ``rows`` of an 8-bit RGB(A) PNG (enough of a decoder for that)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, _, depth, colour_type = struct.unpack(">IIBB", data[16:26])
    assert depth == 8 and colour_type in (2, 6)
    channels = 3 if colour_type == 2 else 4
    stride = width * channels
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompressobj().decompress(idat, (stride + 1) * rows)
    colours: set[tuple[int, int, int]] = set()
    previous = bytearray(stride)
    for r in range(len(raw) // (stride + 1)):
        kind, line = (
            raw[r * (stride + 1)],
            bytearray(raw[r * (stride + 1) + 1 : (r + 1) * (stride + 1)]),
        )
        for i in range(stride):  # undo the row filter (PNG spec, section 9)
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(tuple(line[i : i + 3]) for i in range(0, stride, channels))  # type: ignore[misc]
        previous = line
    return colours


def _highlight(colour: str) -> tuple[int, int, int]:
    """A kind's colour as painted on white at the page's highlight opacity (0x55)."""
    alpha = 0x55 / 255
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(round(v * alpha + 255 * (1 - alpha)) for v in (r, g, b))  # type: ignore[return-value]


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("chromium") is None, reason="chromium not installed (apt-get install chromium)"
)
def test_view_renders_in_headless_chromium(
    article: Article, full_summary: DealSummary, tmp_path: Path
) -> None:
    html, png = tmp_path / "view.html", tmp_path / "view.png"
    html.write_text(
        render_html([(article, ground(full_summary, article, policy="flag"))]), encoding="utf-8"
    )
    command = SCREENSHOT_COMMAND.format(png=png, html=html).split()
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    data = png.read_bytes()
    assert struct.unpack(">II", data[16:24]) == (1400, 1000)
    colours = _png_top_colours(data, rows=300)
    assert len(colours) > 200  # text, labels and highlights, not a blank page
    for kind in ("parties", "amount", "deal_type", "announced_on"):
        want = _highlight(KIND_COLOURS[kind])
        painted = any(
            all(abs(x - y) <= 3 for x, y in zip(want, got, strict=True)) for got in colours
        )
        assert painted, f"no {kind} highlight ({want}) in the screenshot"
