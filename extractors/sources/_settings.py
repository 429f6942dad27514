"""Typed settings for fetching: one frozen object, named defaults, one resolution path.

Filled in from the environment by `newsflow.settings` (NEWSFLOW_CONTACT_URL,
NEWSFLOW_ALLOW_PRIVATE, NEWSFLOW_PER_HOST_DELAY, …; documented there).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace

VERSION = "0.1.0"
DEFAULT_CONTACT_URL = "https://github.com/newsflow/newsflow"

# Named defaults, one place.
PER_HOST_CONCURRENCY = 2
PER_HOST_DELAY_S = 1.0
GLOBAL_CONCURRENCY = 32
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 20.0
TOTAL_TIMEOUT_S = 60.0
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_RETRIES = 3
BACKOFF_BASE_S = 1.0
MAX_RETRY_AFTER_S = 120.0
MAX_CRAWL_DELAY_S = 30.0
ROBOTS_TTL_S = 3600.0
MAX_LINKS_PER_POLL = 200
MIN_POLL_INTERVAL_S = 5 * 60.0
MAX_POLL_INTERVAL_S = 24 * 3600.0
DEFAULT_POLL_INTERVAL_S = 3600.0
MAX_CONSECUTIVE_FAILURES = 8
MAX_SITEMAP_DEPTH = 3
MAX_SITEMAPS = 100


@dataclass(frozen=True)
class FetchSettings:
    """Everything the fetcher and pollers need. Tests shrink timeouts and allow 127.0.0.1."""

    contact_url: str = DEFAULT_CONTACT_URL
    user_agent: str = ""  # empty: built from VERSION and contact_url
    per_host_concurrency: int = PER_HOST_CONCURRENCY
    per_host_delay_s: float = PER_HOST_DELAY_S
    global_concurrency: int = GLOBAL_CONCURRENCY
    connect_timeout_s: float = CONNECT_TIMEOUT_S
    read_timeout_s: float = READ_TIMEOUT_S
    total_timeout_s: float = TOTAL_TIMEOUT_S  # whole request incl. body: a trickle cannot stall
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    max_retries: int = MAX_RETRIES  # extra attempts after the first, transient failures only
    backoff_base_s: float = BACKOFF_BASE_S
    max_retry_after_s: float = MAX_RETRY_AFTER_S  # a longer Retry-After gives up for this run
    obey_robots: bool = True
    max_crawl_delay_s: float = MAX_CRAWL_DELAY_S
    robots_ttl_s: float = ROBOTS_TTL_S
    allow_private: tuple[str, ...] = ()  # hosts or CIDR networks exempt from the safety check
    trust_env: bool = True  # honour HTTP(S)_PROXY / NO_PROXY
    max_links_per_poll: int = MAX_LINKS_PER_POLL
    min_poll_interval_s: float = MIN_POLL_INTERVAL_S
    max_poll_interval_s: float = MAX_POLL_INTERVAL_S
    default_poll_interval_s: float = DEFAULT_POLL_INTERVAL_S
    max_consecutive_failures: int = MAX_CONSECUTIVE_FAILURES
    max_sitemap_depth: int = MAX_SITEMAP_DEPTH
    max_sitemaps: int = MAX_SITEMAPS
    _networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = field(
        default=(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        networks = []
        for entry in self.allow_private:
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                continue  # a host name: matched by name in `allows_host`
        object.__setattr__(self, "_networks", tuple(networks))
        for name in ("per_host_concurrency", "global_concurrency"):
            if getattr(self, name) < 1:
                raise ValueError(f"FetchSettings.{name} must be at least 1")

    @property
    def agent(self) -> str:
        if self.user_agent:
            return self.user_agent
        return f"newsflow/{VERSION} (+{self.contact_url})"

    def allows_host(self, host: str) -> bool:
        """Is this host name explicitly allowed despite resolving to a private address?"""
        return host.lower() in {entry.lower() for entry in self.allow_private}

    def allows_address(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self._networks)

    def with_(self, **changes: object) -> FetchSettings:
        return replace(self, **changes)  # type: ignore[arg-type]
