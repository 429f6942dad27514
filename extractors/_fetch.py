"""A plain, correct HTTP fetch for URL lists and single URLs (httpx, synchronous).

Maps httpx failures onto the error tree: timeouts, connection errors, 429 and 5xx are
transient; other 4xx, non-HTML and oversized bodies are terminal.
"""

from __future__ import annotations

import httpx

from ._documents import RawDocument
from ._errors import InputRejected, TerminalFetchError, TransientFetchError
from ._settings import LoadSettings

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def http_client(settings: LoadSettings | None = None) -> httpx.Client:
    settings = settings or LoadSettings()
    return httpx.Client(
        timeout=httpx.Timeout(settings.http_timeout),
        follow_redirects=True,
        max_redirects=10,
        headers={"User-Agent": settings.user_agent},
    )


def fetch_url(
    url: str, client: httpx.Client, settings: LoadSettings | None = None, source_uri: str = ""
) -> RawDocument:
    settings = settings or LoadSettings()
    try:
        with client.stream("GET", url) as response:
            status = response.status_code
            if status == 429 or status >= 500:
                raise TransientFetchError(
                    f"HTTP {status} from {url}", uri=url, reason=f"http_{status}"
                )
            if status >= 400:
                raise TerminalFetchError(
                    f"HTTP {status} from {url}", uri=url, reason=f"http_{status}"
                )
            content_type = response.headers.get("content-type", "")
            if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
                raise TerminalFetchError(
                    f"{url} is {content_type}, not an HTML page", uri=url, reason="not_html"
                )
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > settings.max_input_bytes:
                    raise InputRejected(
                        f"{url} is over the {settings.max_input_bytes:,}-byte limit",
                        uri=url, reason="too_large",
                    )  # fmt: skip
                chunks.append(chunk)
            final_url = str(response.url)
    except httpx.TimeoutException as error:
        raise TransientFetchError(f"timed out fetching {url}", uri=url, reason="timeout") from error
    except httpx.TooManyRedirects as error:
        raise TerminalFetchError(
            f"too many redirects from {url}", uri=url, reason="redirects"
        ) from error
    except httpx.TransportError as error:
        raise TransientFetchError(
            f"could not connect to {url}: {error}", uri=url, reason="connection"
        ) from error
    except httpx.HTTPError as error:
        raise TerminalFetchError(f"fetching {url} failed: {error}", uri=url) from error
    return RawDocument(
        uri=url, content=b"".join(chunks), kind="html", source_uri=source_uri or url,
        url=final_url, content_type=content_type,
    )  # fmt: skip
