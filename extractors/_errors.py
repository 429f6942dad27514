"""Errors raised by `extractors`.

    NewsflowInputError                  base of everything this package raises
     ├── InputNotFound        terminal  a path or glob that matches nothing
     ├── InputRejected        terminal  empty, binary, too large, undecodable, malformed
     ├── NoArticle            terminal  the page has no article body worth keeping
     └── FetchError                     an HTTP fetch failed
          ├── TransientFetchError  transient  timeout, connection error, 429, 5xx: retry later
          └── TerminalFetchError   terminal   404, 410, non-HTML, too large: never retried

Every error carries the `uri` it is about and a short machine-readable `reason`, which becomes
the status row of that input. `transient` tells a retry policy whether trying again can help.
"""

from __future__ import annotations


class NewsflowInputError(Exception):
    """Base class: something about one input went wrong; the rest of the run goes on."""

    transient = False
    reason = "error"

    def __init__(self, message: str, *, uri: str = "", reason: str | None = None) -> None:
        super().__init__(message)
        self.uri = uri
        if reason is not None:
            self.reason = reason

    @property
    def status(self) -> str:
        return "failed"


class InputNotFound(NewsflowInputError):
    reason = "not_found"


class InputRejected(NewsflowInputError):
    reason = "rejected"


class NoArticle(NewsflowInputError):
    reason = "no_article"

    @property
    def status(self) -> str:
        return "skipped"


class FetchError(NewsflowInputError):
    reason = "fetch_error"


class TransientFetchError(FetchError):
    transient = True
    reason = "transient"


class TerminalFetchError(FetchError):
    reason = "http_error"
