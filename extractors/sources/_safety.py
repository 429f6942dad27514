"""URL safety and politeness keys (identity is `extractors._urls.canonical_url`).

`ensure_safe` refuses what a hostile feed could use to probe an internal network: schemes
other than http/https and hosts that resolve to private, loopback, link-local, multicast,
reserved or unspecified addresses, unless the settings' allow-list names them.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from .._errors import UnsafeURL
from ._settings import FetchSettings

SAFE_SCHEMES = ("http", "https")


def host_key(url: str) -> str:
    """What politeness limits are keyed on: host[:port], lower-case."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def _forbidden(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


async def ensure_safe(url: str, settings: FetchSettings) -> None:
    """Raise UnsafeURL unless `url` is http(s) and its host resolves only to public addresses.

    Every address the host resolves to is checked (a name with one public and one private
    address is refused). Names and networks in `settings.allow_private` are exempt.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as error:
        raise UnsafeURL(f"malformed URL {url!r}: {error}", uri=url) from error
    if parts.scheme.lower() not in SAFE_SCHEMES:
        raise UnsafeURL(f"scheme {parts.scheme!r} is not http or https: {url}", uri=url)
    if not host:
        raise UnsafeURL(f"no host in {url}", uri=url)
    if settings.allows_host(host):
        return
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return  # unresolvable: the request itself fails with a connection error
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for ip in addresses:
        if _forbidden(ip) and not settings.allows_address(str(ip)):
            raise UnsafeURL(
                f"{url} resolves to non-public address {ip}; refused "
                "(add it to FetchSettings.allow_private / NEWSFLOW_ALLOW_PRIVATE to allow)",
                uri=url,
            )
