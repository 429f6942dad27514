"""Finding a site's feeds and sitemaps from its home page and robots.txt (parsing only).

Order of discovery for `--site URL` (the poller does the fetching):
1. `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json|json">` on the home page;
2. common feed paths (`COMMON_FEED_PATHS`), the first that parses as a feed;
3. sitemaps named by robots.txt `Sitemap:` lines, then `COMMON_SITEMAP_PATHS`.
"""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree, html

FEED_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml",
        "application/feed+json", "application/json", "application/x.atom+xml",
        "text/xml", "application/xml",
    }
)  # fmt: skip
COMMON_FEED_PATHS = ("/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml",
                     "/feeds/posts/default", "/feed.json")  # fmt: skip
COMMON_SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml")


def feed_links(page: str | bytes, base_url: str) -> list[str]:
    """Absolute feed URLs a page advertises with <link rel="alternate">, in page order."""
    if not page:
        return []
    try:
        tree = html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in tree.iter("link"):
        rels = {r.lower() for r in (link.get("rel") or "").split()}
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rels and kind in FEED_TYPES and href:
            absolute = urljoin(base_url, href)
            if absolute.startswith(("http://", "https://")) and absolute not in found:
                found.append(absolute)
    return found


def common_feed_urls(site_url: str) -> list[str]:
    return [urljoin(site_url, path) for path in COMMON_FEED_PATHS]


def common_sitemap_urls(site_url: str) -> list[str]:
    return [urljoin(site_url, path) for path in COMMON_SITEMAP_PATHS]
