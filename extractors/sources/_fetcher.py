"""The polite, robust HTTP fetcher (httpx, async).

One `Fetcher` per run. Every `fetch`:

1. checks robots.txt for the URL's origin (cached; a disallow raises `RobotsDenied`);
2. waits for a slot on the host (per-host concurrency and minimum delay, raised to the
   site's Crawl-delay) and then for a global slot;
3. refuses unsafe targets (`ensure_safe`) before connecting, on the first URL and after every
   redirect, and again on the address actually connected to (`connected_guard`: DNS
   rebinding), and follows at most `max_redirects` redirects (a loop is terminal);
4. streams the body under a byte cap, and gives the whole fetch (every exchange, connect
   to last body byte, of every attempt and redirect) one total deadline that progress does
   not reset, so a server that trickles bytes cannot stall the run past it (time spent
   queueing for a polite slot does not count against it);
5. retries transient failures (timeouts, connection errors, 5xx, 429 with a bearable
   Retry-After) with exponential backoff while the deadline lasts; a fetch that used up its
   deadline, and terminal failures, raise at once.

Each HTTP attempt becomes a `FetchRecord` (the `fetches` table); callers drain them with
`Fetcher.drain_records()` and store them in the same transaction as what they produced.
Transport-level exceptions never leave this module unwrapped: they become `FetchError`s.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from .._documents import content_id, key_id
from .._errors import (
    FetchError,
    NotHTML,
    RateLimited,
    RobotsDenied,
    TerminalFetchError,
    TooLarge,
    TooManyRedirects,
    TransientFetchError,
    UnsafeURL,
)
from ._charsets import decode_body
from ._robots import ROBOTS_MAX_BYTES, RobotsCache, RobotsRules
from ._safety import connected_guard, ensure_safe, host_key
from ._settings import FetchSettings

if TYPE_CHECKING:  # imported when a fetcher opens: a run of local files never loads httpx
    import httpx

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = ("text/html", "application/xhtml+xml")
KEPT_HEADERS = ("etag", "last-modified", "content-type", "retry-after", "content-length")


@dataclass(frozen=True)
class FetchRecord:
    """One HTTP attempt (stored as a row of the `fetches` table)."""

    fetch_id: str
    run_id: str
    source_id: str | None
    purpose: str  # page | feed | sitemap | robots | discovery
    url: str
    final_url: str
    status: int  # 0: no response
    bytes: int
    elapsed_ms: int
    attempt: int
    redirects: int
    conditional: bool
    error_class: str | None
    reason: str | None
    started_at: datetime


@dataclass(frozen=True)
class FetchResponse:
    url: str
    final_url: str
    status: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    elapsed_ms: int = 0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def body_hash(self) -> str:
        return content_id(self.content)

    def text(self) -> str:
        return decode_body(self.content, self.content_type)[0]


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _is_html(content_type: str | None, head: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in HTML_TYPES
    sniff = head.lstrip()[:100].lower()
    return sniff.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<"))


class _Host:
    """Politeness state of one host: a semaphore and the next moment a request may start."""

    def __init__(self, concurrency: int) -> None:
        self.semaphore = asyncio.Semaphore(concurrency)
        self.lock = asyncio.Lock()
        self.next_start = 0.0


class _Budget:
    """The exchange time one `fetch` may still spend, across attempts and redirects."""

    def __init__(self, seconds: float) -> None:
        self.total = seconds
        self.spent = 0.0

    @property
    def left(self) -> float:
        return max(0.0, self.total - self.spent)


class _Attempt:
    """Mutable facts about one attempt, filled in as it goes, recorded at the end."""

    def __init__(self, url: str) -> None:
        self.final_url = url
        self.status = 0
        self.bytes = 0
        self.redirects = 0


class Fetcher:
    """Use as ``async with Fetcher(settings, run_id=...) as fetcher: await fetcher.fetch(url)``.

    `transport` may inject an httpx transport (tests at the network edge); by default a real
    connection pool is used.
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        run_id: str = "",
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.run_id = run_id
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._hosts: dict[str, _Host] = {}
        self._global = asyncio.Semaphore(self.settings.global_concurrency)
        self._records: list[FetchRecord] = []
        self._seq = 0
        self.robots = RobotsCache(
            self._get_robots, ttl_s=self.settings.robots_ttl_s, agent=self.settings.agent
        )

    async def __aenter__(self) -> Fetcher:
        import httpx

        s = self.settings
        self._client = httpx.AsyncClient(
            headers={"User-Agent": s.agent, "Accept-Language": "*"},
            timeout=httpx.Timeout(
                connect=s.connect_timeout_s,
                read=s.read_timeout_s,
                write=s.read_timeout_s,
                pool=s.total_timeout_s,
            ),
            # Requests in flight are bounded by our semaphores; the pool may keep more idle
            # connections so that many hosts do not evict each other's keep-alive connections.
            limits=httpx.Limits(
                max_connections=s.global_concurrency * 4,
                max_keepalive_connections=s.global_concurrency * 4,
            ),
            follow_redirects=False,
            trust_env=s.trust_env,
            transport=self._transport,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    # -- records ---------------------------------------------------------------------------------
    def drain_records(self) -> list[FetchRecord]:
        records, self._records = self._records, []
        return records

    def _record(
        self,
        url: str,
        attempt: _Attempt,
        *,
        purpose: str,
        source_id: str | None,
        number: int,
        conditional: bool,
        started: float,
        started_at: datetime,
        error: FetchError | None,
    ) -> None:
        self._seq += 1
        self._records.append(
            FetchRecord(
                fetch_id=key_id(f"{self.run_id}\x00{self._seq}\x00{url}\x00{started_at}"),
                run_id=self.run_id,
                source_id=source_id,
                purpose=purpose,
                url=url,
                final_url=attempt.final_url,
                status=attempt.status,
                bytes=attempt.bytes,
                elapsed_ms=int((time.monotonic() - started) * 1000),
                attempt=number,
                redirects=attempt.redirects,
                conditional=conditional,
                error_class=type(error).__name__ if error else None,
                reason=error.reason if error else None,
                started_at=started_at,
            )
        )

    # -- politeness ------------------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        key = host_key(url)
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(self.settings.per_host_concurrency)
        return host

    async def _wait_turn(self, host: _Host, delay: float) -> None:
        async with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + delay
        if start > now:
            await asyncio.sleep(start - now)

    def _delay_for(self, rules: RobotsRules | None) -> float:
        delay = self.settings.per_host_delay_s
        if rules is not None:
            crawl_delay = rules.crawl_delay(self.settings.agent)
            if crawl_delay is not None:
                delay = max(delay, min(crawl_delay, self.settings.max_crawl_delay_s))
        return delay

    async def _rules(self, url: str, purpose: str) -> RobotsRules | None:
        if not self.settings.obey_robots or purpose == "robots":
            return None
        rules = await self.robots.check(url)
        if not rules.allowed(url, self.settings.agent):
            raise RobotsDenied(f"robots.txt of {rules.origin} disallows {url}", uri=url)
        return rules

    async def _get_robots(self, url: str) -> tuple[int, bytes]:
        try:
            response = await self.fetch(url, purpose="robots", max_bytes=ROBOTS_MAX_BYTES)
        except TerminalFetchError as error:
            if error.status_code:
                return error.status_code, b""
            raise
        return response.status, response.content

    # -- the request -----------------------------------------------------------------------------
    async def fetch(
        self,
        url: str,
        *,
        purpose: str = "page",
        expect_html: bool = False,
        etag: str | None = None,
        last_modified: str | None = None,
        source_id: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResponse:
        """GET `url` politely; raises a `FetchError` subclass on any failure.

        With `etag` / `last_modified` the request is conditional and a 304 comes back as a
        response whose `not_modified` is true and whose content is empty.
        """
        s = self.settings
        number = 0
        budget = _Budget(s.total_timeout_s)
        while True:
            number += 1
            try:
                return await self._attempt(
                    url,
                    purpose=purpose,
                    expect_html=expect_html,
                    etag=etag,
                    last_modified=last_modified,
                    source_id=source_id,
                    max_bytes=max_bytes or s.max_bytes,
                    number=number,
                    budget=budget,
                )
            except TransientFetchError as error:
                spent = error.reason in ("robots_unavailable", "deadline") or not budget.left
                if number > s.max_retries or spent:
                    raise
                wait = s.backoff_base_s * (2 ** (number - 1)) * random.uniform(0.5, 1.5)
                if isinstance(error, RateLimited):
                    if error.retry_after > s.max_retry_after_s:
                        raise
                    wait = max(error.retry_after, wait)
                await asyncio.sleep(wait)

    async def _attempt(
        self,
        url: str,
        *,
        purpose: str,
        expect_html: bool,
        etag: str | None,
        last_modified: str | None,
        source_id: str | None,
        max_bytes: int,
        number: int,
        budget: _Budget,
    ) -> FetchResponse:
        started, started_at = time.monotonic(), datetime.now(UTC)
        attempt = _Attempt(url)
        conditional = bool(etag or last_modified)
        error: FetchError | None = None
        try:
            return await self._follow(
                url, attempt, purpose, expect_html, etag, last_modified, max_bytes, budget
            )
        except FetchError as caught:
            error = caught
            raise
        except TimeoutError as caught:
            error = TransientFetchError(
                f"{url}: no complete response within {self.settings.total_timeout_s}s "
                "(the fetch's total deadline, over all its attempts and redirects)",
                uri=url,
                reason="deadline",
                status=attempt.status,
                final_url=attempt.final_url,
            )
            raise error from caught
        finally:
            if error is not None:
                error.final_url = attempt.final_url
            self._record(
                url,
                attempt,
                purpose=purpose,
                source_id=source_id,
                number=number,
                conditional=conditional,
                started=started,
                started_at=started_at,
                error=error,
            )

    async def _follow(
        self,
        url: str,
        attempt: _Attempt,
        purpose: str,
        expect_html: bool,
        etag: str | None,
        last_modified: str | None,
        max_bytes: int,
        budget: _Budget,
    ) -> FetchResponse:
        visited: set[str] = set()
        current = url
        while True:
            visited.add(current)
            attempt.final_url = current
            await ensure_safe(current, self.settings)
            rules = await self._rules(current, purpose)
            headers = {}
            if current == url:  # validators belong to the URL they were stored for
                if etag:
                    headers["If-None-Match"] = etag
                if last_modified:
                    headers["If-Modified-Since"] = last_modified
            host = self._host(current)
            async with host.semaphore:
                await self._wait_turn(host, self._delay_for(rules))
                async with self._global:
                    # The deadline covers the exchanges themselves, not the politeness queue.
                    begun = time.monotonic()
                    try:
                        async with asyncio.timeout(budget.left):
                            result = await self._send(
                                current, headers, attempt, expect_html, max_bytes
                            )
                    finally:
                        budget.spent += time.monotonic() - begun
            if isinstance(result, FetchResponse):
                return FetchResponse(
                    url=url,
                    final_url=result.final_url,
                    status=result.status,
                    content=result.content,
                    headers=result.headers,
                    elapsed_ms=result.elapsed_ms,
                )
            target = urljoin(current, result)
            if target in visited:
                raise TooManyRedirects(
                    f"redirect loop: {current} -> {target}", uri=url, final_url=target
                )
            if attempt.redirects >= self.settings.max_redirects:
                raise TooManyRedirects(
                    f"more than {self.settings.max_redirects} redirects from {url}",
                    uri=url,
                    final_url=target,
                )
            attempt.redirects += 1
            current = target

    async def _send(
        self,
        url: str,
        headers: dict[str, str],
        attempt: _Attempt,
        expect_html: bool,
        max_bytes: int,
    ) -> FetchResponse | str:
        """One request. Returns the response, or the Location of a redirect."""
        import httpx

        assert self._client is not None, "use `async with Fetcher(...)`"
        started = time.monotonic()
        try:
            request = self._client.build_request(
                "GET", url, headers=headers,
                extensions={"trace": connected_guard(url, self.settings)},
            )  # fmt: skip
            response = await self._client.send(request, stream=True)
        except httpx.TimeoutException as error:
            raise TransientFetchError(
                f"{url}: {type(error).__name__}", uri=url, reason="timeout"
            ) from error
        except httpx.UnsupportedProtocol as error:
            raise UnsafeURL(f"{url}: {error}", uri=url) from error
        except (httpx.TransportError, httpx.InvalidURL, OSError) as error:
            raise TransientFetchError(
                f"{url}: {type(error).__name__}: {error}", uri=url, reason="connection"
            ) from error
        try:
            attempt.status = status = response.status_code
            kept = {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers}
            if status in REDIRECT_CODES:
                location = response.headers.get("location")
                if not location:
                    raise TerminalFetchError(
                        f"{url}: {status} without Location", uri=url, reason="bad_redirect",
                        status=status,
                    )  # fmt: skip
                return location
            self._raise_for_status(url, status, kept)
            if status == 304:
                return FetchResponse(url, url, status, b"", kept, 0)
            declared_type = kept.get("content-type")
            if expect_html and declared_type and not _is_html(declared_type, b""):
                raise NotHTML(
                    f"{url}: content type {declared_type!r} is not HTML", uri=url, status=status
                )
            declared = kept.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise TooLarge(
                    f"{url}: Content-Length {declared} over the {max_bytes}-byte cap",
                    uri=url, status=status,
                )  # fmt: skip
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                attempt.bytes = size
                if size > max_bytes:
                    raise TooLarge(
                        f"{url}: body over the {max_bytes}-byte cap", uri=url, status=status
                    )
                chunks.append(chunk)
                if expect_html and len(chunks) == 1 and not _is_html(kept.get("content-type"),
                                                                     chunk):  # fmt: skip
                    raise NotHTML(
                        f"{url}: content type {kept.get('content-type')!r} is not HTML",
                        uri=url, status=status,
                    )  # fmt: skip
            content = b"".join(chunks)
            if expect_html and not chunks and not _is_html(kept.get("content-type"), b"<"):
                raise NotHTML(f"{url}: not HTML", uri=url, status=status)
            elapsed = int((time.monotonic() - started) * 1000)
            return FetchResponse(url, url, status, content, kept, elapsed)
        except httpx.TimeoutException as error:
            raise TransientFetchError(
                f"{url}: {type(error).__name__} while reading", uri=url, reason="timeout",
                status=attempt.status,
            ) from error  # fmt: skip
        except httpx.DecodingError as error:
            raise TerminalFetchError(
                f"{url}: cannot decode body: {error}", uri=url, reason="decoding",
                status=attempt.status,
            ) from error  # fmt: skip
        except (httpx.TransportError, OSError) as error:
            raise TransientFetchError(
                f"{url}: {type(error).__name__}: {error}", uri=url, reason="connection",
                status=attempt.status,
            ) from error  # fmt: skip
        finally:
            await response.aclose()

    def _raise_for_status(self, url: str, status: int, headers: dict[str, str]) -> None:
        if 200 <= status < 300 or status == 304:
            return
        if status < 400:
            raise TerminalFetchError(
                f"{url}: unexpected status {status}", uri=url, reason=f"http_{status}",
                status=status,
            )  # fmt: skip
        if status in (429, 503) and "retry-after" in headers:
            wait = retry_after_seconds(headers["retry-after"])
            raise RateLimited(
                f"{url}: {status}, Retry-After {headers['retry-after']}",
                uri=url, status=status, retry_after=wait or 0.0,
            )  # fmt: skip
        if status == 429 or status >= 500 or status == 408:
            raise TransientFetchError(
                f"{url}: HTTP {status}", uri=url, reason=f"http_{status}", status=status
            )
        raise TerminalFetchError(
            f"{url}: HTTP {status}", uri=url, reason=f"http_{status}", status=status
        )
