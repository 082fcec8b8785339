"""Whether a name is a place: country and city names are never a deal's parties.

A name is a place when it is a country or territory (Babel's English names) or a city that
deal news often names, or when the article itself uses it as one ("an Aarhus-based app",
"based in Turku", "a New Leeds startup").
"""

from __future__ import annotations

import re
from functools import cache

from summarize.text.phrases import words


@cache
def _places() -> frozenset[str]:
    from babel import Locale

    english = Locale("en")
    names = {n.lower() for n in english.territories.values()}
    names |= words("places", "cities")
    return frozenset(names)


def is_place(name: str, text: str | None = None) -> bool:
    """A country, territory or well-known city; or, given the article, a name it uses as a
    place: "an Aarhus-based app", "based in Turku", "a New Leeds startup"."""
    if name.lower() in _places():
        return True
    if text is None:
        return False
    name = re.escape(name)
    return re.search(rf"\b{name}-based\b|\bbased in {name}\b|\bNew {name}\b", text) is not None
