"""URL canonicalisation: what decides an article's identity.

Lower-case scheme and host, no default port, no fragment, no tracking parameters (utm_*,
fbclid, gclid, …), dot segments resolved, an empty path made "/", the remaining query sorted.
Every other query parameter is kept: `article.php?id=1` and `?id=2` are two articles. It is
idempotent: ``canonical_url(canonical_url(u)) == canonical_url(u)`` (a property test pins it).
"""

from __future__ import annotations

import contextlib
import posixpath
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from ._errors import InputRejected

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ncid", "cmpid", "ocid", "sr_share",
        "at_medium", "at_campaign", "ito", "ref_src", "spm", "_ga", "_gl", "oly_enc_id",
        "oly_anon_id", "vero_id", "wt_mc", "wt.mc_id", "s_cid", "icid", "soc_src", "soc_trk",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "__twitter", "ga_")
DEFAULT_PORTS = {"http": 80, "https": 443}
PATH_SAFE = "/:@!$&'()*+,;=-._~"
QUERY_SAFE = ":@!$'()*,;/?-._~"  # no '+': parse_qsl reads it as a space


def is_web_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _path(path: str) -> str:
    path = unquote(path)
    if not path:
        return "/"
    trailing = path.endswith("/")
    resolved = posixpath.normpath("/" + path.lstrip("/"))
    if resolved.startswith("//"):
        resolved = "/" + resolved.lstrip("/")
    if trailing and not resolved.endswith("/"):
        resolved += "/"
    return quote(resolved, safe=PATH_SAFE)


def canonical_url(url: str) -> str:
    """One string for every spelling of one web page; InputRejected for non-http(s) input."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise InputRejected(f"malformed URL {url!r}: {error}", uri=url, reason="bad_url") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise InputRejected(f"not an http(s) URL: {url!r}", uri=url, reason="bad_url")
    host = parts.hostname.lower().rstrip(".")
    if not host.isascii():
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    encoded = urlencode(query, quote_via=quote, safe=QUERY_SAFE.replace("&", ""))
    return urlunsplit((scheme, netloc, _path(parts.path), encoded, ""))
