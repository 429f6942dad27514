"""robots.txt, fetched once per origin and cached (protego does the parsing).

The cache can be seeded with robots.txt bodies stored by an earlier run (`seed`) and hands
back what it fetched (`fetched`), so a re-poll within the TTL asks for nothing but the feed.

RFC 9309 rules: a 4xx robots.txt means "everything allowed"; 5xx or an unreachable server
means "assume nothing is allowed for now", which we report as a transient error so the page
is tried again in a later run. Failures are cached for a short time so a dead server is not
asked for robots.txt before every page.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from protego import Protego

from .._errors import FetchError, TransientFetchError

ROBOTS_MAX_BYTES = 512 * 1024
FAILURE_TTL_S = 300.0

# (url) -> (status, body); raises FetchError when there is no response at all
RobotsGetter = Callable[[str], Awaitable[tuple[int, bytes]]]


@dataclass
class RobotsRules:
    origin: str
    parser: Protego | None  # None: everything allowed
    fetched_at: float
    unavailable: str = ""  # non-empty: robots.txt could not be read (5xx, timeout, refused)
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str, agent: str) -> bool:
        return self.parser is None or bool(self.parser.can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    """One `RobotsRules` per origin; concurrent callers for one origin share a single fetch."""

    def __init__(self, getter: RobotsGetter, *, ttl_s: float, agent: str) -> None:
        self._get = getter
        self._ttl = ttl_s
        self._agent = agent
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._fetched: dict[str, tuple[int, str, datetime]] = {}

    def seed(self, origin: str, status: int, body: str, fetched_at: datetime) -> None:
        """Use a robots.txt stored earlier, for what remains of its TTL."""
        age = (datetime.now(UTC) - fetched_at).total_seconds()
        if age >= self._ttl or origin in self._rules:
            return
        self._rules[origin] = self._parse(origin, status, body, time.monotonic() - max(age, 0))

    def fetched(self) -> list[dict[str, object]]:
        """robots.txt answers fetched by this cache (not failures), as `robots_txt` rows."""
        return [
            {"origin": origin, "status": status, "body": body, "fetched_at": at}
            for origin, (status, body, at) in self._fetched.items()
        ]

    def _fresh(self, rules: RobotsRules | None) -> bool:
        if rules is None:
            return False
        ttl = min(self._ttl, FAILURE_TTL_S) if rules.unavailable else self._ttl
        return time.monotonic() - rules.fetched_at < ttl

    async def rules_for(self, url: str) -> RobotsRules:
        origin = origin_of(url)
        cached = self._rules.get(origin)
        if self._fresh(cached):
            assert cached is not None
            return cached
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            cached = self._rules.get(origin)
            if self._fresh(cached):
                assert cached is not None
                return cached
            rules = await self._load(origin)
            self._rules[origin] = rules
            return rules

    async def _load(self, origin: str) -> RobotsRules:
        now = time.monotonic()
        try:
            status, body = await self._get(f"{origin}/robots.txt")
        except FetchError as error:
            return RobotsRules(origin, None, now, unavailable=f"{error.reason}: {error}")
        if status >= 500:
            return RobotsRules(origin, None, now, unavailable=f"robots.txt answered {status}")
        text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        self._fetched[origin] = (status, text, datetime.now(UTC))
        return self._parse(origin, status, text, now)

    @staticmethod
    def _parse(origin: str, status: int, text: str, fetched_at: float) -> RobotsRules:
        if status >= 400 or status < 200:
            return RobotsRules(origin, None, fetched_at)
        parser = Protego.parse(text)
        return RobotsRules(origin, parser, fetched_at, sitemaps=list(parser.sitemaps))

    async def check(self, url: str) -> RobotsRules:
        """Rules for url's origin; raises TransientFetchError if robots.txt is unavailable."""
        rules = await self.rules_for(url)
        if rules.unavailable:
            raise TransientFetchError(
                f"robots.txt of {rules.origin} unavailable ({rules.unavailable}); "
                "not fetching until it can be read",
                uri=url,
                reason="robots_unavailable",
            )
        return rules
