"""URL canonicalisation: what decides an article's identity."""

from __future__ import annotations

from urllib.parse import urlsplit

import courlan

from ._errors import InputRejected


def is_web_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking parameters,
    sort the query. Two spellings of one article give one string."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputRejected(f"not an http(s) URL: {url!r}", uri=url, reason="bad_url")
    # strict=True removes tracking parameters (utm_*, fbclid, …) as well as fragments.
    return str(courlan.normalize_url(url, strict=True))
