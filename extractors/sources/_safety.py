"""URL safety and politeness keys (identity is `extractors._urls.canonical_url`).

`ensure_safe` refuses what a hostile feed could use to probe an internal network: schemes
other than http/https and hosts that resolve to private, loopback, link-local, multicast,
reserved or unspecified addresses, unless the settings' allow-list names them.

Resolving before connecting is not enough: the connection resolves the name again, and a
name that answers with a public address first and a private one next (DNS rebinding)
would pass the check and reach the private one. `connected_guard` therefore checks the
address the socket actually connected to, before a byte of the request is sent (httpx's
`trace` request extension reports the connection as soon as it is made).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from typing import Any
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


Trace = Callable[[str, dict[str, Any]], Awaitable[None]]


def connected_guard(url: str, settings: FetchSettings) -> Trace:
    """An httpx `trace` callback that refuses a connection to `url`'s host when the socket
    is connected to a non-public address, closing it before the request is sent.

    Only a direct connection is checked: through a proxy the socket goes to the proxy.
    """
    host = (urlsplit(url).hostname or "").lower()
    direct = {"now": False}

    async def trace(event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.started":
            target = str(info.get("host") or "").lower().strip("[]")
            direct["now"] = target == host and not settings.allows_host(host)
        elif event == "connection.connect_tcp.complete" and direct["now"]:
            stream = info.get("return_value")
            if stream is None:
                return
            peer = stream.get_extra_info("server_addr")
            if not peer:
                return
            address = str(peer[0]).split("%")[0]
            ip = ipaddress.ip_address(address)
            if _forbidden(ip) and not settings.allows_address(address):
                await stream.aclose()
                raise UnsafeURL(
                    f"{url}: {host} resolved to a public address, then connected to "
                    f"non-public address {address} (DNS rebinding?); refused before sending "
                    "the request",
                    uri=url,
                )

    return trace
