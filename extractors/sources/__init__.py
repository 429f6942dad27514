"""Where inputs come from: local paths and URL lists, the polite async fetcher (robots.txt,
per-host limits, private-address refusal), feeds, sitemaps, site discovery, adaptive polling
and WARC archives. Plain code; every failure is an `extractors` error, never a bare httpx one.

    plan_inputs, read_input, InputPlan, InputRef, Source      paths, globs, URL lists, URLs
    FetchSettings, Fetcher, FetchResponse, FetchRecord        the polite fetcher
    parse_feed, parse_sitemap, feed_links, decode_body        parsers
    poll, fetch_page, select_links, next_state, is_due, …     polling feeds, sitemaps, sites
    read_warc, WarcFilter                                     WARC archives, offline
"""

from ._charsets import decode_body
from ._discovery import feed_links
from ._feeds import parse_feed
from ._fetcher import Fetcher, FetchRecord, FetchResponse
from ._loaders import InputPlan, InputRef, Source, plan_inputs, read_input
from ._polling import (
    Link,
    PageOutcome,
    PollResult,
    SourceState,
    fetch_page,
    is_due,
    next_state,
    poll,
    polled_source,
    select_links,
)
from ._robots import origin_of
from ._settings import FetchSettings
from ._sitemaps import parse_sitemap
from ._warc import WarcFilter, read_warc

__all__ = [
    "FetchRecord",
    "FetchResponse",
    "FetchSettings",
    "Fetcher",
    "InputPlan",
    "InputRef",
    "Link",
    "PageOutcome",
    "PollResult",
    "Source",
    "SourceState",
    "WarcFilter",
    "decode_body",
    "feed_links",
    "fetch_page",
    "is_due",
    "next_state",
    "origin_of",
    "parse_feed",
    "parse_sitemap",
    "plan_inputs",
    "poll",
    "polled_source",
    "read_input",
    "read_warc",
    "select_links",
]
