"""Case-blind yes/no searches for cue words, fast on plain ASCII text.

Python's ``re`` cannot skip ahead on a first letter under IGNORECASE, so a pattern of many
alternatives is tried at every position of the text, alternative by alternative. On ASCII
text the answer is the same when the text is lower-cased and searched case-sensitively, which
is several times faster; other text goes through the case-blind pattern.

Most quotes hold none of the cues. A cue list may also name the words every match contains
(``needs``): ASCII text without any of them is answered with a few substring checks and the
pattern is never run (tests/text/test_caseless.py checks the words against generated
matches of each pattern).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class Caseless:
    """A lower-case pattern that answers 'does the text hold it?' regardless of case."""

    def __init__(self, pattern: str, needs: Iterable[str] = ()) -> None:
        if pattern != pattern.lower():
            raise ValueError(f"write the pattern in lower case: {pattern!r}")
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self._lower = re.compile(pattern)
        self.needs = tuple(needs)
        """Lower-case words of which every match holds at least one."""
        if any(word != word.lower() for word in self.needs):
            raise ValueError(f"write the needed words in lower case: {self.needs!r}")

    def found(self, text: str) -> bool:
        if not text.isascii():
            return self.pattern.search(text) is not None
        lower = text.lower()
        if self.needs:
            for word in self.needs:
                if word in lower:
                    break
            else:
                return False
        return self._lower.search(lower) is not None
