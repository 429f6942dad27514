"""Polling feed, sitemap and site sources, and fetching the pages they link (plain async code).

A poll is one conditional request per feed (If-None-Match / If-Modified-Since) plus a body
hash, because many servers send stale validators: a 304 or an identical body means nothing to
parse and no page to fetch. What is new is decided by the caller against the `seen_urls` table
(`select_links`), newest first and capped per poll so one huge feed cannot starve the others.

`next_state` is the adaptive schedule: a poll that found new links halves the interval, one
that found none stretches it by half, both within [min, max]; failures back off exponentially
and `max_consecutive_failures` in a row disable the source, with the reason recorded.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .._documents import RawDocument
from .._errors import BadFeed, FetchError, NewsflowInputError
from .._urls import canonical_url
from ._charsets import to_utf8
from ._discovery import common_feed_urls, common_sitemap_urls, feed_links
from ._feeds import parse_feed
from ._fetcher import Fetcher, FetchResponse
from ._loaders import Source
from ._settings import FetchSettings
from ._sitemaps import parse_sitemap

POLLED_KINDS = ("feed", "sitemap", "site")
REDISCOVER_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class Link:
    """A page a source points to, with what the source said about it."""

    url: str  # canonical
    link: str  # as the source wrote it (absolute)
    source_id: str
    when: datetime | None = None
    fields: dict[str, object] = field(default_factory=dict)


@dataclass
class PollResult:
    source: Source
    status: str  # changed | unchanged | not_modified | failed
    links: list[Link] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    children: dict[str, dict[str, Any]] = field(default_factory=dict)
    discovered: list[Source] = field(default_factory=list)
    error: NewsflowInputError | None = None


@dataclass(frozen=True)
class PageOutcome:
    link: Link
    document: RawDocument | None = None
    error: FetchError | None = None
    status: int = 0

    @property
    def settled(self) -> bool:
        """Fetched, or failed for good: either way the URL counts as seen."""
        return self.error is None or not self.error.transient


def polled_source(kind: str, locator: str) -> Source:
    if kind not in POLLED_KINDS:
        raise ValueError(f"unknown source kind {kind!r}; expected one of {POLLED_KINDS}")
    return Source(kind, locator.strip())


# -- polling -----------------------------------------------------------------------------------
def _unchanged(response: FetchResponse, state: dict[str, Any] | None) -> str | None:
    if response.not_modified:
        return "not_modified"
    if state and state.get("body_hash") == response.body_hash:
        return "unchanged"
    return None


async def poll_feed(fetcher: Fetcher, source: Source, state: dict[str, Any] | None) -> PollResult:
    state = state or {}
    try:
        response = await fetcher.fetch(
            source.locator,
            purpose="feed",
            etag=state.get("etag"),
            last_modified=state.get("last_modified"),
            source_id=source.source_id,
        )
    except FetchError as error:
        return PollResult(source, "failed", error=error)
    result = PollResult(
        source,
        "changed",
        etag=response.etag or state.get("etag"),
        last_modified=response.last_modified or state.get("last_modified"),
        body_hash=state.get("body_hash") if response.not_modified else response.body_hash,
    )
    unchanged = _unchanged(response, state)
    if unchanged:
        result.status = unchanged
        return result
    try:
        feed = parse_feed(response.content, response.final_url)
    except BadFeed as error:
        return PollResult(source, "failed", error=error)
    result.links = [
        Link(e.url, e.link, source.source_id, e.when, e.as_fields()) for e in feed.entries
    ]
    return result


async def poll_sitemap(
    fetcher: Fetcher, source: Source, state: dict[str, Any] | None
) -> PollResult:
    """Fetch a sitemap; an index is followed breadth-first, bounded in depth and count.

    Each child keeps its own validators and body hash (in `children`), so an unchanged child
    costs one conditional request and nothing else.
    """
    settings = fetcher.settings
    state = state or {}
    old_children: dict[str, dict[str, Any]] = state.get("children") or {}
    result = PollResult(source, "unchanged")
    queue: list[tuple[str, int]] = [(source.locator, 0)]
    visited: set[str] = set()
    links: list[Link] = []
    root_not_modified = False
    while queue and len(visited) < settings.max_sitemaps:
        url, depth = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        is_root = url == source.locator
        known = old_children.get(url, {})
        try:
            response = await fetcher.fetch(
                url,
                purpose="sitemap",
                etag=known.get("etag"),
                last_modified=known.get("last_modified"),
                source_id=source.source_id,
            )
        except FetchError as error:
            if is_root:
                return PollResult(source, "failed", error=error)
            continue  # a broken child: its links wait for the next poll
        unchanged = _unchanged(response, known)
        if is_root and response.not_modified:
            root_not_modified = True
        children: list[str] = list(known.get("sitemap_children") or [])
        if not unchanged:
            try:
                sitemap = parse_sitemap(response.content, response.final_url,
                                        max_bytes=settings.max_bytes)  # fmt: skip
            except NewsflowInputError as error:
                if is_root:
                    return PollResult(source, "failed", error=error)
                continue
            children = list(sitemap.sitemaps)
            links.extend(
                Link(u.url, u.loc, source.source_id, u.when, u.as_fields()) for u in sitemap.urls
            )
            result.status = "changed"
        entry: dict[str, Any] = {
            "etag": response.etag or known.get("etag"),
            "last_modified": response.last_modified or known.get("last_modified"),
            "body_hash": known.get("body_hash") if response.not_modified else response.body_hash,
            "sitemap_children": children,
        }
        result.children[url] = entry
        if is_root:
            result.etag, result.last_modified = entry["etag"], entry["last_modified"]
            result.body_hash = entry["body_hash"]
        if depth < settings.max_sitemap_depth:
            queue.extend((child, depth + 1) for child in children)
    if result.status == "unchanged" and root_not_modified:
        result.status = "not_modified"
    result.links = _newest_first(links)
    return result


def _newest_first(links: list[Link]) -> list[Link]:
    dated = sorted((k for k in links if k.when), key=lambda k: k.when, reverse=True)  # type: ignore[arg-type, return-value]
    return dated + [k for k in links if not k.when]


async def _try_feed(fetcher: Fetcher, url: str, source_id: str) -> bool:
    try:
        response = await fetcher.fetch(url, purpose="discovery", source_id=source_id)
        return bool(parse_feed(response.content, response.final_url).entries)
    except NewsflowInputError:
        return False


async def _try_sitemap(fetcher: Fetcher, url: str, source_id: str) -> bool:
    try:
        response = await fetcher.fetch(url, purpose="discovery", source_id=source_id)
        parse_sitemap(response.content, response.final_url, max_bytes=fetcher.settings.max_bytes)
        return True
    except NewsflowInputError:
        return False


async def discover_site(
    fetcher: Fetcher, source: Source, state: dict[str, Any] | None, now: datetime
) -> PollResult:
    """Find a site's feeds (home page <link rel=alternate>, then common paths), else its
    sitemaps (robots.txt `Sitemap:`, then common paths). Found sources are polled by the caller.
    Results are kept in the state and reused for `REDISCOVER_AFTER`."""
    state = state or {}
    known = state.get("discovered")
    success = state.get("last_success_at")
    if known and success and now - success < REDISCOVER_AFTER:
        found = [Source(item["kind"], item["locator"]) for item in known]
        return PollResult(source, "unchanged", discovered=found)
    site = source.locator
    sid = source.source_id
    feeds: list[str] = []
    try:
        home = await fetcher.fetch(site, purpose="discovery", expect_html=True, source_id=sid)
        feeds = feed_links(home.content, home.final_url)
    except FetchError as error:
        return PollResult(source, "failed", error=error)
    if not feeds:
        for candidate in common_feed_urls(site):
            if await _try_feed(fetcher, candidate, sid):
                feeds = [candidate]
                break
    if feeds:
        return PollResult(source, "changed", discovered=[Source("feed", f) for f in feeds])
    sitemaps: list[str] = []
    try:
        sitemaps = list((await fetcher.robots.rules_for(site)).sitemaps)
    except NewsflowInputError:
        sitemaps = []
    if not sitemaps:
        for candidate in common_sitemap_urls(site):
            if await _try_sitemap(fetcher, candidate, sid):
                sitemaps = [candidate]
                break
    if not sitemaps:
        missing = BadFeed(f"{site}: no feed or sitemap found", uri=site, reason="nothing_found")
        return PollResult(source, "failed", error=missing)
    return PollResult(source, "changed", discovered=[Source("sitemap", s) for s in sitemaps])


async def poll(
    fetcher: Fetcher, source: Source, state: dict[str, Any] | None, now: datetime
) -> PollResult:
    """Poll one source; whatever goes wrong with it becomes a failed result, never a raise."""
    try:
        if source.kind == "feed":
            return await poll_feed(fetcher, source, state)
        if source.kind == "sitemap":
            return await poll_sitemap(fetcher, source, state)
        return await discover_site(fetcher, source, state, now)
    except NewsflowInputError as error:
        return PollResult(source, "failed", error=error)


# -- scheduling ----------------------------------------------------------------------------------
def is_due(state: dict[str, Any] | None, now: datetime) -> bool:
    if not state:
        return True
    if state.get("disabled_reason"):
        return False
    next_poll = state.get("next_poll_at")
    return next_poll is None or next_poll <= now


@dataclass(frozen=True)
class SourceState:
    """A source's polling state after a poll: validators, body hash, adaptive interval,
    failures and why it was disabled. Stored as one `source_state` row per source."""

    source_id: str
    kind: str
    locator: str
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    children: dict[str, dict[str, Any]] | None
    discovered: list[dict[str, str]] | None
    poll_interval_s: float
    next_poll_at: datetime
    last_polled_at: datetime
    last_success_at: datetime | None
    last_status: str
    last_error: str | None
    last_new_links: int
    consecutive_failures: int
    disabled_at: datetime | None
    disabled_reason: str | None


def next_state(
    source: Source,
    state: dict[str, Any] | None,
    result: PollResult,
    new_links: int,
    settings: FetchSettings,
    now: datetime,
) -> SourceState:
    """The source's state after this poll (adaptive interval, backoff, disabling)."""
    old = dict(state or {})
    interval = float(old.get("poll_interval_s") or settings.default_poll_interval_s)
    values: dict[str, Any] = {
        "etag": old.get("etag"),
        "last_modified": old.get("last_modified"),
        "body_hash": old.get("body_hash"),
        "children": old.get("children"),
        "discovered": old.get("discovered"),
        "last_success_at": old.get("last_success_at"),
        "last_error": None,
        "disabled_at": old.get("disabled_at"),
        "disabled_reason": old.get("disabled_reason"),
    }
    if result.status == "failed":
        failures = int(old.get("consecutive_failures") or 0) + 1
        interval = min(
            settings.max_poll_interval_s, max(settings.min_poll_interval_s, interval) * 2
        )
        error = result.error
        reason = f"{error.reason}: {error}" if error else "failed"
        values.update(
            consecutive_failures=failures,
            last_status="failed",
            last_error=reason[:500],
            last_new_links=0,
        )
        if failures >= settings.max_consecutive_failures and not values["disabled_reason"]:
            values["disabled_at"] = now
            values["disabled_reason"] = f"{failures} consecutive failures; last: {reason}"[:500]
    else:
        if new_links > 0:
            interval = max(settings.min_poll_interval_s, interval / 2)
        else:
            interval = min(settings.max_poll_interval_s, interval * 1.5)
        values.update(
            consecutive_failures=0,
            last_status="new_links" if new_links else result.status,
            last_success_at=now,
            last_new_links=new_links,
        )
        if result.status == "changed" or result.etag or result.last_modified:
            values.update(
                etag=result.etag,
                last_modified=result.last_modified,
                body_hash=result.body_hash or old.get("body_hash"),
            )
        if result.children:
            values["children"] = result.children
        if result.discovered:
            values["discovered"] = [
                {"kind": s.kind, "locator": s.locator} for s in result.discovered
            ]
    return SourceState(
        source_id=source.source_id,
        kind=source.kind,
        locator=source.locator,
        poll_interval_s=interval,
        next_poll_at=now + timedelta(seconds=interval),
        last_polled_at=now,
        **values,
    )


def select_links(links: list[Link], unseen: set[str], cap: int) -> list[Link]:
    """Unseen links, newest first, at most `cap`; each URL once."""
    chosen: list[Link] = []
    taken: set[str] = set()
    for link in links:
        if link.url in unseen and link.url not in taken:
            chosen.append(link)
            taken.add(link.url)
            if len(chosen) >= cap:
                break
    return chosen


# -- pages ---------------------------------------------------------------------------------------
async def fetch_page(fetcher: Fetcher, link: Link, source: Source) -> PageOutcome:
    try:
        response = await fetcher.fetch(
            link.link, purpose="page", expect_html=True, source_id=link.source_id
        )
    except FetchError as error:
        return PageOutcome(link, error=error, status=error.status_code)
    content, content_type = to_utf8(response.content, response.content_type)
    try:
        final = canonical_url(response.final_url)
    except NewsflowInputError:
        final = link.url
    document = RawDocument(
        uri=link.url,
        content=content,
        kind="html",
        source_uri=source.locator,
        url=final,
        content_type=content_type,
        fields=dict(link.fields),
    )
    return PageOutcome(link, document=document, status=response.status)


async def fetch_pages(fetcher: Fetcher, links: list[tuple[Link, Source]]) -> list[PageOutcome]:
    """Fetch many pages at once; the fetcher's per-host and global limits do the pacing."""
    return list(await asyncio.gather(*(fetch_page(fetcher, link, src) for link, src in links)))
