"""Feeds: RSS 0.9x/1.0/2.0 and Atom (feedparser) and JSON Feed 1.x (json), as `FeedEntry`s.

Parsing only, never fetching: feedparser is always handed bytes (given a str it would treat it
as a URL or a file name). A body that is no feed raises `BadFeed`, and so does a malformed
one from which no entry with a link can be read (feedparser parses what it can of a broken
feed: a few broken characters keep the entries, a feed cut off in its first item keeps none).
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from .._errors import BadFeed, NewsflowInputError
from .._iso import parse_iso_datetime
from .._urls import canonical_url


@dataclass(frozen=True)
class FeedEntry:
    """One entry as the feed describes it; `link` is absolute, `url` its canonical form."""

    link: str
    url: str
    guid: str | None = None
    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    author: str | None = None
    summary: str | None = None

    @property
    def when(self) -> datetime | None:
        return self.published or self.updated

    def as_fields(self) -> dict[str, object]:
        """Feed-side metadata, kept beside the page's own (keys prefixed `feed_`)."""
        values = {
            "feed_link": self.link,
            "feed_guid": self.guid,
            "feed_title": self.title,
            "feed_published": self.published.isoformat() if self.published else None,
            "feed_updated": self.updated.isoformat() if self.updated else None,
            "feed_author": self.author,
            "feed_summary": self.summary,
        }
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class Feed:
    title: str | None
    format: str  # rss20 | atom10 | rss10 | jsonfeed | …
    entries: tuple[FeedEntry, ...]


def _when(struct: Any) -> datetime | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def newest_first(entries: list[FeedEntry]) -> list[FeedEntry]:
    """Dated entries newest first; undated ones after them, in feed order (a stable sort)."""
    dated = sorted((e for e in entries if e.when), key=lambda e: e.when, reverse=True)  # type: ignore[arg-type, return-value]
    return dated + [e for e in entries if not e.when]


def _entry(base_url: str, link: str | None, **values: Any) -> FeedEntry | None:
    if not link or not isinstance(link, str):
        return None
    absolute = urljoin(base_url, link.strip())
    if not absolute.startswith(("http://", "https://")):
        return None
    clean: dict[str, Any] = {
        k: (v.strip() if isinstance(v, str) else v) or None for k, v in values.items()
    }
    try:
        url = canonical_url(absolute)
    except NewsflowInputError:
        return None
    return FeedEntry(link=absolute, url=url, **clean)


def _json_feed(data: dict[str, Any], base_url: str) -> Feed:
    entries = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        author = ", ".join(a.get("name", "") for a in authors if isinstance(a, dict)) or None
        entry = _entry(
            base_url,
            item.get("url") or item.get("external_url"),
            guid=str(item["id"]) if item.get("id") is not None else None,
            title=item.get("title"),
            published=parse_iso_datetime(item.get("date_published")),
            updated=parse_iso_datetime(item.get("date_modified")),
            author=author,
            summary=item.get("summary"),
        )
        if entry:
            entries.append(entry)
    return Feed(data.get("title"), "jsonfeed", tuple(newest_first(entries)))


def parse_feed(content: bytes, base_url: str) -> Feed:
    """Parse a feed body; raises BadFeed if it is neither an XML feed nor a JSON Feed."""
    head = content.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            data = json.loads(content)
        except ValueError as error:
            raise BadFeed(f"{base_url}: invalid JSON Feed: {error}", uri=base_url) from error
        if not isinstance(data, dict) or "items" not in data:
            raise BadFeed(f"{base_url}: JSON without `items` is not a JSON Feed", uri=base_url)
        return _json_feed(data, base_url)
    import feedparser  # here, not with the package: a run of local files never needs it

    parsed = feedparser.parse(content, response_headers={"content-location": base_url})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise BadFeed(
            f"{base_url}: not an RSS/Atom feed ({problem or 'no feed elements'})", uri=base_url
        )
    entries = []
    for item in parsed.entries:
        entry = _entry(
            base_url,
            item.get("link"),
            guid=item.get("id"),
            title=item.get("title"),
            # dict.get: FeedParserDict.get would alias updated_parsed to published_parsed
            published=_when(dict.get(item, "published_parsed")),
            updated=_when(dict.get(item, "updated_parsed")),
            author=item.get("author"),
            summary=item.get("summary"),
        )
        if entry:
            entries.append(entry)
    if parsed.get("bozo") and not entries:
        # A feed that breaks off or is not well-formed and yields no entry with a link: a
        # failed poll, not an empty feed (which would look like a healthy source).
        raise BadFeed(
            f"{base_url}: malformed feed, no entry could be read "
            f"({parsed.get('bozo_exception') or 'not well-formed'})",
            uri=base_url,
        )
    return Feed(
        parsed.feed.get("title"), parsed.get("version") or "unknown", tuple(newest_first(entries))
    )
