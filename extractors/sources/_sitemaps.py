"""Sitemaps: urlset, sitemap index, Google News sitemaps, gzip and plain-text sitemaps.

Parsing only. XML is read with entity resolution and network access off (no XXE, no billion
laughs). A gzip body is inflated under a byte cap. Following an index's children is the
poller's job (bounded depth and count, see `extractors._polling`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from .._errors import BadFeed, NewsflowInputError, TooLarge
from .._iso import parse_iso_datetime
from .._urls import canonical_url

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    url: str  # canonical
    lastmod: datetime | None = None
    news_title: str | None = None
    news_published: datetime | None = None
    news_publication: str | None = None

    @property
    def when(self) -> datetime | None:
        return self.news_published or self.lastmod

    def as_fields(self) -> dict[str, object]:
        values = {
            "sitemap_loc": self.loc,
            "sitemap_lastmod": self.lastmod.isoformat() if self.lastmod else None,
            "news_title": self.news_title,
            "news_published": self.news_published.isoformat() if self.news_published else None,
            "news_publication": self.news_publication,
        }
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class Sitemap:
    kind: str  # urlset | index | text
    urls: tuple[SitemapUrl, ...] = ()
    sitemaps: tuple[str, ...] = ()  # children of an index, absolute


def inflate(content: bytes, max_bytes: int, uri: str = "") -> bytes:
    """Gunzip `content` if it is gzip; refuse to inflate past `max_bytes` (gzip bombs)."""
    if not content.startswith(GZIP_MAGIC):
        return content
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(content, max_bytes + 1)
    except zlib.error as error:
        raise BadFeed(f"{uri}: broken gzip: {error}", uri=uri) from error
    if len(out) > max_bytes:
        raise TooLarge(f"{uri}: sitemap inflates past {max_bytes} bytes", uri=uri)
    return out


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *path: str) -> str | None:
    node: etree._Element | None = element
    for name in path:
        if node is None:
            return None
        node = next((c for c in node if _local(c.tag) == name), None)
    if node is None or node.text is None:
        return None
    return node.text.strip() or None


def _absolute(base_url: str, loc: str | None) -> str | None:
    if not loc:
        return None
    absolute = urljoin(base_url, loc.strip())
    if not absolute.startswith(("http://", "https://")):
        return None
    try:
        canonical_url(absolute)
    except NewsflowInputError:
        return None
    return absolute


def newest_first(urls: list[SitemapUrl]) -> list[SitemapUrl]:
    dated = sorted((u for u in urls if u.when), key=lambda u: u.when, reverse=True)  # type: ignore[arg-type, return-value]
    return dated + [u for u in urls if not u.when]


def parse_sitemap(content: bytes, base_url: str, *, max_bytes: int = 50 * 1024 * 1024) -> Sitemap:
    """Parse one sitemap body (gzip or not); raises BadFeed if it is not a sitemap."""
    content = inflate(content, max_bytes, base_url)
    stripped = content.lstrip()
    if stripped.startswith((b"http://", b"https://")):
        lines = stripped.decode("utf-8", errors="replace").split()
        locs = [_absolute(base_url, line) for line in lines]
        urls = [SitemapUrl(loc, canonical_url(loc)) for loc in locs if loc]
        return Sitemap("text", tuple(urls))
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise BadFeed(f"{base_url}: not XML: {error}", uri=base_url) from error
    if root is None:
        raise BadFeed(f"{base_url}: empty or not XML", uri=base_url)
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = []
        for node in root:
            if _local(node.tag) == "sitemap":
                loc = _absolute(base_url, _child_text(node, "loc"))
                if loc:
                    children.append(loc)
        return Sitemap("index", sitemaps=tuple(children))
    if kind != "urlset":
        raise BadFeed(f"{base_url}: root element <{kind}> is not a sitemap", uri=base_url)
    urls = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = _absolute(base_url, _child_text(node, "loc"))
        if not loc:
            continue
        urls.append(
            SitemapUrl(
                loc=loc,
                url=canonical_url(loc),
                lastmod=parse_iso_datetime(_child_text(node, "lastmod")),
                news_title=_child_text(node, "news", "title"),
                news_published=parse_iso_datetime(_child_text(node, "news", "publication_date")),
                news_publication=_child_text(node, "news", "publication", "name"),
            )
        )
    return Sitemap("urlset", tuple(newest_first(urls)))
