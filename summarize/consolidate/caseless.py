"""Case-blind yes/no searches for cue words, fast on plain ASCII text.

Python's ``re`` cannot skip ahead on a first letter under IGNORECASE, so a pattern of many
alternatives is tried at every position of the text, alternative by alternative. On ASCII
text the answer is the same when the text is lower-cased and searched case-sensitively, which
is several times faster; other text goes through the case-blind pattern.
"""

from __future__ import annotations

import re


class Caseless:
    """A lower-case pattern that answers 'does the text hold it?' regardless of case."""

    def __init__(self, pattern: str) -> None:
        if pattern != pattern.lower():
            raise ValueError(f"write the pattern in lower case: {pattern!r}")
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self._lower = re.compile(pattern)

    def found(self, text: str) -> bool:
        if text.isascii():
            return self._lower.search(text.lower()) is not None
        return self.pattern.search(text) is not None
