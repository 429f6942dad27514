"""Open-ended input never crashes the parsers: it parses or raises the package's typed errors."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.extractors import NewsflowInputError
from newsflow.extractors.sources import decode_body, feed_links, parse_feed, parse_sitemap

FRAGMENTS = [
    b"<?xml version='1.0'?>", b"<rss version='2.0'>", b"<channel>", b"<item>", b"<link>",
    b"http://e.com/a", b"</link>", b"</item>", b"<feed xmlns='http://www.w3.org/2005/Atom'>",
    b"<entry>", b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>", b"<url>",
    b"<loc>", b"</loc>", b"<sitemapindex>", b"{", b'"items": [', b"]", b"}", b"\x1f\x8b",
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", b"&a;", b"\xff\xfe", b"\xef\xbb\xbf", b"<",
]  # fmt: skip
CONTENT_TYPES = [
    None, "text/html", "text/html; charset=bogus", "text/html; charset=utf-16",
    "text/html; charset=shift_jis",
]  # fmt: skip
bodies = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=20).map(b"".join),
)


@settings(max_examples=300, deadline=None)
@given(body=bodies)
def test_feed_and_sitemap_parsers_raise_only_typed_errors(body: bytes) -> None:
    for parse in (parse_feed, parse_sitemap):
        with contextlib.suppress(NewsflowInputError):
            parse(body, "https://e.com/x.xml")
    assert isinstance(feed_links(body, "https://e.com/"), list)


@settings(max_examples=300, deadline=None)
@given(body=bodies, content_type=st.sampled_from(CONTENT_TYPES))
def test_decode_body_never_raises(body: bytes, content_type: str | None) -> None:
    text, codec = decode_body(body, content_type)
    assert isinstance(text, str) and codec
