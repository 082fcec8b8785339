"""Reading a page: the headline and body found among furniture, in plain text and in HTML.

Every case is the same short article with one kind of page furniture put where pages put it.
The reader must find the headline, leave the furniture out of ``Article.text``, keep every
body line, and map body sentences back to the same characters of the input.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pytest

from summarize.articles import Article, make_article
from summarize.page import read_page

HEADLINE = "Corvane to buy Tellamar Labs for $1.2 billion"
LEDE = (
    "Corvane Systems (NASDAQ: CRVN) agreed on Tuesday to buy Tellamar Labs, a maker of "
    "laboratory robots, for $1.2 billion in cash."
)
BODY = (
    LEDE,
    "What happened",
    "Tellamar shareholders will receive $14.50 a share, a 31% premium to Monday's close.",
    "By 2027 the combined company expects to save $90 million a year, Corvane said.",
    "So what",
    "The deal is expected to close in the third quarter, subject to regulatory approval.",
)
SUBHEADS = {"What happened", "So what"}
SENTENCES = [line for line in BODY if line not in SUBHEADS]


@dataclass(frozen=True)
class Case:
    """An article with furniture: its lines in order, which of them are furniture."""

    lines: tuple[str, ...]
    furniture: tuple[str, ...]
    headline: str | None = HEADLINE
    blank_lines: bool = True
    """Paragraphs separated by an empty line, or (as some copied pages) by none."""

    def text(self) -> str:
        return ("\n\n" if self.blank_lines else "\n").join(self.lines) + "\n"


def with_furniture(
    top: tuple[str, ...] = (),
    under_headline: tuple[str, ...] = (),
    middle: tuple[str, ...] = (),
    end: tuple[str, ...] = (),
    blank_lines: bool = True,
) -> Case:
    lines = (*top, HEADLINE, *under_headline, *BODY[:3], *middle, *BODY[3:], *end)
    return Case(lines, (*top, *under_headline, *middle, *end), blank_lines=blank_lines)


CASES = {
    "lone punctuation and an audio player": with_furniture(
        top=("|", "Getting your audio player ready...", "|"), blank_lines=False
    ),
    "audio prompts": with_furniture(under_headline=("Listen to this article", "4 min listen")),
    "share and newsletter prompts": with_furniture(
        under_headline=("Share this article", "Share | Tweet | Email"),
        end=("Sign up for our free morning deals newsletter",),
    ),
    "byline with a colon": with_furniture(under_headline=("By: Maren Ostby",), blank_lines=False),
    "byline in capitals with a desk": with_furniture(
        under_headline=("BY MAREN OSTBY AND TOMAS REIN | Markets desk",)
    ),
    "time stamps": Case(
        (
            HEADLINE,
            "March 4, 2025",
            "5 hours ago",
            "Updated 10:42 AM ET",
            *BODY,
            "Published 2025-03-05 · 3 min read",
        ),
        furniture=("5 hours ago", "Updated 10:42 AM ET", "Published 2025-03-05 · 3 min read"),
    ),
    "related lines": with_furniture(
        middle=(
            "Related: Corvane's failed bid for a sensor maker",
            "See also: Who owns Tellamar",
            "Read more: Lab robots draw investors",
            "More from Deals",
        )
    ),
    "related list": with_furniture(
        end=(
            "Related stories\nCorvane names a new chief executive\n"
            "Lab automation deals hit a record",
        ),
    ),
    "photo captions": with_furniture(
        under_headline=(
            "Photo: Tellamar's test floor in Kestover (File photo)",
            "Image credit: Maren Ostby",
        ),
        middle=("A technician checks a robot arm. WIREPIX/Tomas Rein/File Photo",),
    ),
    "price action and quotes": with_furniture(
        end=(
            "Price Action: CRVN shares rose 2.1% to $45.10 on Tuesday.",
            "CRVN $45.10 ▲ 2.1%",
            "NYSE: TLLB +24.3%",
        )
    ),
    "price action box": with_furniture(end=("Price Action:\nCRVN $45.10 +2.1%\nTLLB $14.10",)),
    "editor's note and wire credits": with_furniture(
        top=("Editor's note: This story was updated to add the premium.",),
        end=("(Reporting by Maren Ostby in Kestover; Editing by Tomas Rein)",),
    ),
    "repeated standfirst": Case(
        (HEADLINE, LEDE, f"{LEDE} It is Corvane's largest deal.", *BODY[1:]),
        furniture=(),
    ),
    "no headline on the page": Case(
        ("|", "By: Maren Ostby", *BODY),
        furniture=("|", "By: Maren Ostby"),
        headline=None,
        blank_lines=False,
    ),
}


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def check_article(article: Article, case: Case, raw: str) -> None:
    assert article.headline == case.headline
    if case.headline:
        assert article.text.startswith(case.headline + "\n")
    kept = lines_of(article.text)
    for furniture in case.furniture:
        for line in furniture.splitlines():
            assert line not in kept
    for line in SUBHEADS:
        assert line in kept
    for sentence in SENTENCES:
        assert sentence in article.text
    assert article.text.count(LEDE) == 1
    for sentence in SENTENCES:
        start = article.text.index(sentence)
        raw_start, raw_end = article.raw_span(start, start + len(sentence))
        assert html.unescape(raw[raw_start:raw_end]) == sentence


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_plain_text_page(case: Case) -> None:
    raw = case.text()
    article = make_article(raw, id="page", source="page.txt")
    check_article(article, case, raw)
    assert article.raw == raw


def page_html(case: Case) -> str:
    """The case as a news site would serve it: menus, an article with its headline as <h1>
    and subheads as <h2>, a sidebar of other stories and a footer."""
    blocks = []
    for item in case.lines:
        for line in item.splitlines():
            tag = "h1" if line == case.headline else "h2" if line in SUBHEADS else "p"
            blocks.append(f"<{tag}>{html.escape(line, quote=False)}</{tag}>")
    body = "\n      ".join(blocks)
    return f"""<!DOCTYPE html>
<html lang="en">
  <head><title>{HEADLINE} | Kestover Ledger</title></head>
  <body>
    <header><nav><ul><li><a href="/">Home</a></li><li><a href="/markets">Markets</a></li>
      <li><a href="/deals">Deals</a></li><li><a href="/tech">Technology</a></li></ul></nav></header>
    <main>
      <article>
      {body}
      </article>
      <aside><h3>Most read</h3><ul>
        <li><a href="/a">Port operator weighs a bid for a rival terminal</a></li>
        <li><a href="/b">Chipmaker shares slide after a profit warning</a></li>
      </ul></aside>
    </main>
    <footer><p>Copyright 2025 Kestover Ledger. All rights reserved.</p>
      <p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
  </body>
</html>
"""


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_html_page(case: Case) -> None:
    raw = page_html(case)
    article = make_article(raw, id="page", source="page.html")
    check_article(article, case, raw)
    for boilerplate in ("Home", "Most read", "Chipmaker shares slide", "All rights reserved"):
        assert boilerplate not in article.text


def test_clean_article_comes_through_unchanged() -> None:
    raw = "\n" + "\n\n".join((HEADLINE, *BODY)) + "\n"
    article = make_article(raw, id="clean", source="clean.txt")
    assert article.text == raw.strip()
    assert (article.raw, article.offsets) == (None, None)
    assert article.headline == HEADLINE


def test_headline_fused_into_a_wire_dateline_is_split() -> None:
    dateline = "KESTOVER, March 4 (Wirenews) - "
    raw = f"{HEADLINE} {dateline}{LEDE}\n{BODY[2]}\n"
    article = make_article(raw, id="wire", source="wire.txt")
    assert article.headline == HEADLINE
    assert article.text.splitlines()[:2] == [HEADLINE, dateline + LEDE]
    assert [article.raw_span(i, i + 1)[0] for i in range(len(article.text))] == list(
        range(len(raw.strip()))
    )


@pytest.mark.parametrize(
    "first_line",
    [
        "KESTOVER, March 4 (Wirenews) - Corvane Systems agreed to buy Tellamar Labs.",
        "Corvane Systems agreed to buy Tellamar Labs, the company said on Tuesday.",
        "Deals",
        "Corvane to buy Tellamar Labs, sources say:",
    ],
)
def test_a_first_line_that_is_no_headline(first_line: str) -> None:
    page = read_page(f"{first_line}\n{LEDE}\n")
    assert page.headline is None
    assert page.text.startswith(first_line)


def test_a_lone_line_is_no_headline() -> None:
    assert read_page(HEADLINE).headline is None


def test_reader_says_what_it_left_out() -> None:
    page = read_page(CASES["time stamps"].text())
    assert page.furniture == (
        ("timestamp", "5 hours ago"),
        ("timestamp", "Updated 10:42 AM ET"),
        ("timestamp", "Published 2025-03-05 · 3 min read"),
    )
    assert "\n\n\n" not in page.text


@pytest.mark.parametrize(
    "stamp", ["March 4, 2025", "Updated March 4, 2025 10:42 AM ET", "2025-03-04T10:42:00Z"]
)
@pytest.mark.parametrize("above", [True, False], ids=["above the headline", "below it"])
def test_the_first_dated_stamp_stays_as_the_articles_date(stamp: str, above: bool) -> None:
    """Dates in the text ("on 1 December") are read against it; it is no headline."""
    lines = [stamp, HEADLINE] if above else [HEADLINE, stamp]
    page = read_page("\n".join([*lines, "5 hours ago", "Updated March 5, 2025", *BODY]))
    assert page.headline == HEADLINE
    assert page.text.startswith("\n".join(lines) + "\n" + LEDE)
    assert [line for _, line in page.furniture] == ["5 hours ago", "Updated March 5, 2025"]
