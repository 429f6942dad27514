"""Errors raised by `extractors`.

    NewsflowInputError                  base of everything this package raises
     ├── InputNotFound        terminal  a path or glob that matches nothing
     ├── InputRejected        terminal  empty, binary, too large, undecodable, malformed
     ├── NoArticle            terminal  the page has no article body worth keeping
     └── FetchError                     an HTTP fetch failed
          ├── TransientFetchError  transient  timeout, connection error, 429, 5xx: retry later
          │    └── RateLimited                 429/503 whose Retry-After is longer than we wait
          └── TerminalFetchError   terminal   404, 410, non-HTML, too large: never retried
               ├── RobotsDenied                robots.txt disallows the URL for our user agent
               ├── TooLarge                    body (or Content-Length) over the byte cap
               ├── UnsafeURL                   scheme not http(s), or host resolves to a
               │                               private/loopback/link-local/multicast address
               ├── TooManyRedirects            redirect chain over the limit, or a loop
               ├── NotHTML                     a page fetch answered with a non-HTML type
               └── BadFeed                     a feed or sitemap body that cannot be parsed

Every error carries the `uri` it is about and a short machine-readable `reason`, which becomes
the status row of that input. `transient` tells a retry policy whether trying again can help.
Fetch errors also carry the HTTP `status` (0 when no response) and the `final_url` reached.
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

    def __init__(
        self,
        message: str,
        *,
        uri: str = "",
        reason: str | None = None,
        status: int = 0,
        final_url: str = "",
    ) -> None:
        super().__init__(message, uri=uri, reason=reason)
        self.status_code = status
        self.final_url = final_url or uri


class TransientFetchError(FetchError):
    transient = True
    reason = "transient"


class TerminalFetchError(FetchError):
    reason = "http_error"


class RateLimited(TransientFetchError):
    reason = "rate_limited"

    def __init__(self, message: str, *, retry_after: float = 0.0, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.retry_after = retry_after


class RobotsDenied(TerminalFetchError):
    reason = "robots_denied"

    @property
    def status(self) -> str:
        return "skipped"


class TooLarge(TerminalFetchError):
    reason = "too_large"


class UnsafeURL(TerminalFetchError):
    reason = "unsafe_url"


class TooManyRedirects(TerminalFetchError):
    reason = "too_many_redirects"


class NotHTML(TerminalFetchError):
    reason = "not_html"

    @property
    def status(self) -> str:
        return "skipped"


class BadFeed(TerminalFetchError):
    reason = "bad_feed"
