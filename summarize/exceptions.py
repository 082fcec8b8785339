"""Errors a user can act on.

The tree follows the pipeline layers::

    SummarizeError
    ├── ConfigError        misuse: unknown provider, bad flag combination, missing model file
    ├── PromptError        a template is missing, malformed, or needs a variable we did not pass
    ├── InputError         an article cannot be read: empty, binary, too large, missing
    │   └── NoDealError    the article was read but describes no deal
    └── ProviderError      the model could not give a valid answer after every attempt

Every message is one line and says what to do next; the CLI prints it as-is.
"""

from __future__ import annotations


class SummarizeError(Exception):
    """Base class for every error this package raises on purpose."""


class ConfigError(SummarizeError):
    """The toolkit was configured in a way that cannot work."""


class PromptError(SummarizeError):
    """A prompt template could not be found, parsed or rendered."""


class InputError(SummarizeError):
    """An article could not be read or is not something we can summarize."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class NoDealError(InputError):
    """The article was readable but the model found no deal in it."""


class ProviderError(SummarizeError):
    """The provider failed after every retry, or kept returning invalid output."""

    def __init__(
        self,
        message: str,
        *,
        provider: str | None = None,
        model: str | None = None,
        attempts: int | None = None,
        cause: str | None = None,
        transient: bool = False,
    ) -> None:
        self.provider = provider
        self.model = model
        self.attempts = attempts
        self.cause = cause
        self.transient = transient
        """A later run may succeed (connection, timeout, 429, 5xx, crashed server)."""
        where = "/".join(p for p in (provider, model) if p)
        tries = f" after {attempts} attempt{'s' if attempts != 1 else ''}" if attempts else ""
        prefix = f"{where}: " if where else ""
        super().__init__(f"{prefix}{message}{tries}")
