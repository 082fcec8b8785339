"""What a line of page furniture looks like: the text around an article that is not the article.

Pages copied from news sites carry an audio player's prompt, share buttons, bylines, time
stamps, "Related:" links, photo captions, stock-quote boxes and editor's notes as lines of
their own. A line is furniture only as a whole: "(NASDAQ: XYZ)" or "by 2026" inside a sentence
is the article's, so every pattern here must match the entire line, and the looser ones only
short lines that do not read as a sentence.
"""

from __future__ import annotations

import re


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")

_PUNCTUATION = re.compile(r"[\W_]+")
"""Separators left by a page's layout: "|", "•", "* * *", "—"."""

_AUDIO = re.compile(
    r"(?:.*\b(?:audio player|player ready|listen to (?:this |the )?(?:article|story|podcast)|"
    r"text-to-speech|play audio|audio version)\b.*)|(?:\d+\s*min(?:ute)?s?\s+(?:listen|read))",
    re.I,
)

_SHARE_VERB = r"(?i:share|tweet|e-?mail|print|save|copy link|bookmark|gift)"
_SHARE_TAIL = (
    r"(?:(?i:this|the|article|story|page|post|link|for|later|it|now|with|friends)|"
    r"(?i:on|via|to)\s+[A-Z][\w.+-]*)"
)
_SHARE = re.compile(rf"(?:{_SHARE_VERB}(?:\s+{_SHARE_TAIL})*\s*[|·•,/:]?\s*)+")
"""Only share verbs and what they share to: "Share this article", "Share | Tweet | Email"."""

_SUBSCRIBE = re.compile(
    r"(?:subscribe|sign up|sign in|log in|register)(?: now| today| here| for free)?[\W_]*|"
    r"(?:subscribe|sign up|sign in|log in|register|join|get|receive|follow|click here|"
    r"don['’]t miss|want more)\b.*\b(?:newsletters?|inbox|subscri\w+|sign up|alerts|"
    r"follow us|updates)\b.*",
    re.I,
)

_NAME = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
_BYLINE = re.compile(
    rf"(?:(?i:by|written by|words by|posted by|author)\s*:?\s+)"
    rf"{_NAME}(?:\s+{_NAME}){{0,4}}(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{0,4}})*"
    r"(?:\s*(?:[|,·•—–-]|\bfor\b|\bin\b)\s*.*)?"
)
"""A byline names people, and may go on after a separator ("By Jane Roe | Updated 2 hours
ago", "By Jane Roe, Senior Writer"); "By March 2026 the plant will ..." is a sentence."""
_BYLINE_WORDS = _vocabulary(
    "and de van von der da del di le la staff writer writers reporter reporters editor editors "
    "correspondent correspondents contributor senior special chief for in with updated published "
    "by posted ago min mins read hours hour minutes minute on at news desk team"
)
_CREDIT_TRAILER = re.compile(
    r"\(?\s*(?:additional )?(?:reporting|writing|editing|edited|compiled|written|produced) by\s+"
    r"[A-Z].*",
    re.I,
)
"""A wire story's closing credits: "(Reporting by A in B; Editing by C)"."""

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAYS = (
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?"
)
_TIME_TOKEN = re.compile(
    rf"(?i:\b(?:{_MONTHS}|{_DAYS})\b\.?|\d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|"
    r"\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,4}(?:st|nd|rd|th)?\b|"
    r"\b[ap]\.?m\.?(?!\w)|\bago\b|\b(?:just now|today|yesterday)\b)"
    r"|\b[A-Z]{1,3}T\b|\bUTC\b|[+-]\d{2}:?\d{2}"
)
"""Dates, times, time zones ("ET", "GMT") and "3 hours ago": what a time stamp is made of."""
_TIME_WORDS = re.compile(
    r"(?i:\b(?:updated|last updated|published|first published|posted|modified|date|time|on|at|"
    r"hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|read)\b)"
)
_TIME_LEFTOVER = re.compile(r"[\s,.|·•:/()\-–—]*")
_STAMP_OPENER = re.compile(
    r"(?:updated|last updated|published|first published|posted|modified)\b", re.I
)

_RELATED = re.compile(
    r"(?:related(?: articles?| stories| coverage| news| content| reading)?|see also|read more|"
    r"read also|also read|more from\b.*|more on\b.*|more stories|further reading|recommended|"
    r"you may also like|you might also like|most read|most popular|trending(?: now)?|"
    r"don['’]t miss|must read|top stories|latest news)\s*(?:[:|—–-].*)?",
    re.I,
)
"""A pointer to other stories: "Related: ...", "See also: ...", "More from ..."."""

_CAPTION = re.compile(
    r"(?i:\(?\s*(?:file )?(?:photo|photograph|picture|image|illustration|video)s?"
    r"(?:\s+(?:credit|courtesy|by))?\s*(?::|\||—|–|-\s)).*"
    r"|(?i:(?:photo|photograph|picture|image)s?\s+(?:by|courtesy of)\s+)[A-Z].*"
    r"|(?i:(?:photo |image )?credits?\s*:).*"
    r"|.*\((?i:(?:file )?photo|image|pic|credit)\b[^)]*\)\s*"
    r"|.*\b[A-Z]{3,}(?:/[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)+\s*"
    r"|.*(?:/|\bvia\s+)[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s+Images\)?\s*"
)
"""A photo caption or its credit: "Photo: ... (File photo)", "Image credit: ...", a caption
ending in an agency slug such as "AGENCY/Jane Roe/File Photo"."""

_PRICE_ACTION = re.compile(r"(?i:price action|stock action)\b.*")

_QUOTE_NUMBER = re.compile(r"[+\-−]?\d[\d,]*(?:\.\d+)?\s?%|[$€£¥]\s?\d|[▲▼↑↓]|\b\d+\.\d{2}\b")
_TICKER = re.compile(r"(?:\b[A-Z]{2,10}\s?:\s?)?\b[A-Z]{1,5}(?:\.[A-Z]{1,2})?\b")
_QUOTE_WORDS = _vocabulary(
    "shares stock price market cap close closed open opened last volume change premarket "
    "after hours trading intraday high low day week year ytd at on as of vol avg"
)

_EDITOR_NOTE = re.compile(
    r"\(?\s*(?:editor['’]?s['’]? note|editors['’] note|ed\. note|note to (?:editors|readers))\b.*",
    re.I,
)

_CHROME = re.compile(
    r"(?:advertisement|sponsored(?: content)?|ad|loading|skip to (?:main )?content|"
    r"story continues below(?: advertisement)?|continue reading(?: below)?|scroll to continue)"
    r"[\W_]*",
    re.I,
)


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _is_byline(line: str) -> bool:
    if len(line.split()) > 14 or not _BYLINE.fullmatch(line):
        return False
    head, _, _ = line.partition(" ")
    rest = line[len(head) :]
    lowercase = [w for w in _words(rest) if w[0].islower() and len(w) > 1]
    return all(w.lower().strip(".") in _BYLINE_WORDS for w in lowercase)


def _is_timestamp(line: str) -> bool:
    if len(line.split()) > 14:
        return False
    rest = _TIME_TOKEN.sub(" ", line)
    found = rest != line
    rest = _TIME_WORDS.sub(" ", rest)
    if not _TIME_LEFTOVER.fullmatch(rest):
        return False
    return found or bool(_STAMP_OPENER.match(line))


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def states_year(line: str) -> bool:
    """A time stamp with a year dates the article: "March 4, 2025", "2025-03-04 10:42"."""
    return bool(_YEAR.search(line))


def is_quote_line(line: str) -> bool:
    """A stock-quote box as a line: "XYZ $41.20 ▲ 1.3%", "NASDAQ: XYZ +2.4%"."""
    if len(line.split()) > 12 or line.rstrip().endswith(".") or not _QUOTE_NUMBER.search(line):
        return False
    if not _TICKER.search(_QUOTE_NUMBER.sub(" ", line)):
        return False
    lowercase = [w.lower() for w in _words(line) if not w.isupper()]
    return all(w.lower() in _QUOTE_WORDS or len(w) <= 2 for w in lowercase)


def furniture_kind(line: str) -> str | None:
    """What kind of page furniture ``line`` is, or None when it may be the article's own."""
    line = line.strip()
    if not line:
        return None
    if _PUNCTUATION.fullmatch(line):
        return "punctuation"
    words = len(line.split())
    prose = line.endswith(".") and not line.endswith("..")
    """Widgets and stamps do not end in a full stop; captions and notes may."""
    checks = (
        ("audio", not prose and words <= 14 and _AUDIO.fullmatch(line)),
        ("share", not prose and words <= 10 and _SHARE.fullmatch(line)),
        ("subscribe", words <= 20 and _SUBSCRIBE.fullmatch(line)),
        ("chrome", not prose and words <= 6 and _CHROME.fullmatch(line)),
        ("byline", _is_byline(line)),
        ("credits", words <= 40 and _CREDIT_TRAILER.fullmatch(line)),
        ("timestamp", not prose and _is_timestamp(line)),
        ("related", words <= 25 and _RELATED.fullmatch(line) and (":" in line or not prose)),
        ("caption", words <= 60 and _CAPTION.fullmatch(line)),
        ("price action", words <= 60 and _PRICE_ACTION.fullmatch(line)),
        ("quote", is_quote_line(line)),
        ("editor's note", _EDITOR_NOTE.fullmatch(line)),
    )
    return next((kind for kind, found in checks if found), None)


def opens_list(line: str, kind: str | None) -> bool:
    """A header whose following lines belong to it: "Related stories", "Price Action:"."""
    line = line.strip().rstrip(":").strip()
    if kind == "related":
        return bool(_RELATED.fullmatch(line)) and ":" not in line and len(line.split()) <= 5
    return kind == "price action" and len(line.split()) <= 3


def is_list_item(line: str, kind: str | None) -> bool:
    """A line that still belongs to an open list: a link title (subheads such as "What
    happened" are shorter), or a quote under a price box."""
    line = line.strip()
    if kind == "price action":
        return is_quote_line(line)
    return 3 <= len(line.split()) <= 16 and not line.endswith((".", ":", ";"))
