"""Feed, sitemap and discovery parsers on hand-written bodies (no network)."""

from __future__ import annotations

import gzip
import json

import pytest
from fetchsite import TestSite, rss, site_fixture, static  # noqa: F401 - fixture

from newsflow.extractors import BadFeed, TooLarge
from newsflow.extractors.sources import feed_links, parse_feed, parse_sitemap

BASE = "https://news.example.com/feed"

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><title>Older</title><link href="/a/1"/><id>tag:x,2024:1</id>
  <updated>2024-05-01T10:00:00Z</updated><author><name>Ann</name></author>
  <summary>One</summary></entry>
<entry><title>Newer</title><link rel="alternate" href="https://news.example.com/a/2?utm_medium=rss"/>
  <id>tag:x,2024:2</id><published>2024-05-03T10:00:00Z</published>
  <updated>2024-05-04T10:00:00Z</updated></entry>
</feed>"""

RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://news.example.com/"><title>RDF news</title></channel>
<item rdf:about="https://news.example.com/r/1"><title>RDF one</title>
  <link>https://news.example.com/r/1</link><dc:date>2024-05-02T08:00:00Z</dc:date>
  <dc:creator>Bo</dc:creator></item>
</rdf:RDF>"""

JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON news",
        "items": [
            {"id": "1", "url": "https://news.example.com/j/1", "title": "J one",
             "date_published": "2024-05-01T00:00:00Z", "authors": [{"name": "Cy"}]},
            {"id": "2", "url": "/j/2", "title": "J two", "date_published": "2024-05-05T00:00:00Z",
             "summary": "Two"},
            {"id": "3", "title": "no url: skipped"},
        ],
    }
).encode()  # fmt: skip


def test_atom_entries_newest_first_with_metadata() -> None:
    feed = parse_feed(ATOM, BASE)
    assert feed.format.startswith("atom") and feed.title == "Atom news"
    newer, older = feed.entries
    assert newer.title == "Newer" and newer.url == "https://news.example.com/a/2"
    assert newer.published.isoformat() == "2024-05-03T10:00:00+00:00"
    assert newer.updated.isoformat() == "2024-05-04T10:00:00+00:00"
    assert older.link == "https://news.example.com/a/1" and older.author == "Ann"
    assert older.guid == "tag:x,2024:1" and older.summary == "One"


def test_rss_10_and_rss_20() -> None:
    rdf = parse_feed(RSS10, BASE)
    assert rdf.format == "rss10" and rdf.entries[0].author == "Bo"
    assert rdf.entries[0].when is not None  # dc:date arrives as `updated`
    two = parse_feed(rss([("https://e.com/x", "X", "Mon, 01 Jul 2024 10:00:00 GMT")]), BASE)
    assert two.format == "rss20" and two.entries[0].guid == "https://e.com/x"


def test_rss_09x() -> None:
    body = b'<rss version="0.91"><channel><title>Old</title><item><title>T</title><link>https://e.com/old</link></item></channel></rss>'
    feed = parse_feed(body, BASE)
    assert feed.format == "rss091u" or feed.format.startswith("rss09")
    assert [e.url for e in feed.entries] == ["https://e.com/old"]


def test_json_feed() -> None:
    feed = parse_feed(JSON_FEED, BASE)
    assert feed.format == "jsonfeed"
    assert [e.url for e in feed.entries] == [
        "https://news.example.com/j/2",
        "https://news.example.com/j/1",
    ]
    assert feed.entries[1].author == "Cy" and feed.entries[0].summary == "Two"


@pytest.mark.parametrize(
    "body",
    [b"<html><body>hello</body></html>", b"not xml at all", b"", b'{"no": "items"}', b"{broken"],
)
def test_bodies_that_are_no_feed_raise_bad_feed(body: bytes) -> None:
    with pytest.raises(BadFeed):
        parse_feed(body, BASE)


def test_sitemap_rejects_entities_and_non_sitemaps() -> None:
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.com/&e;</loc></url></urlset>'
    )
    parsed = parse_sitemap(evil, "https://e.com/sitemap.xml")
    assert all("root:" not in u.loc for u in parsed.urls)
    with pytest.raises(BadFeed):
        parse_sitemap(b"<html><body/></html>", "https://e.com/sitemap.xml")


def test_text_sitemap_and_gzip_bomb_cap() -> None:
    text = parse_sitemap(b"https://e.com/a\nhttps://e.com/b\n", "https://e.com/s.txt")
    assert [u.url for u in text.urls] == ["https://e.com/a", "https://e.com/b"]
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(TooLarge):
        parse_sitemap(bomb, "https://e.com/s.xml.gz", max_bytes=1_000_000)


def test_feed_links_on_a_home_page() -> None:
    page = b"""<html><head>
      <link rel="alternate" type="application/rss+xml" href="/rss.xml">
      <link rel="alternate" type="application/atom+xml" href="https://e.com/atom">
      <link rel="alternate" type="application/feed+json" href="feed.json">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="stylesheet" type="text/css" href="/s.css">
    </head><body></body></html>"""
    assert feed_links(page, "https://e.com/news/") == [
        "https://e.com/rss.xml", "https://e.com/atom", "https://e.com/news/feed.json",
    ]  # fmt: skip
    assert feed_links(b"", "https://e.com/") == []


def test_site_discovery_falls_back_to_common_feed_paths(site: TestSite, tmp_path) -> None:
    from test_crawl import SETTINGS

    from newsflow import storage
    from newsflow.extractors.sources import Source
    from newsflow.pipeline import crawl

    site.route("/", static("<html><body>No link tags</body></html>"))
    site.route("/atom.xml", static(rss([(site.url("/x.html"), "X", "")]), "application/xml"))
    site.route("/x.html", static("<html><body>" + "word " * 60 + "</body></html>"))
    with storage.Store.open(tmp_path / "d.duckdb") as store:
        report = crawl(store, "r", [Source("site", site.url("/"))], SETTINGS)
    assert site.url("/atom.xml") in report.polled
    assert site.hits("/feed") and site.hits("/rss")  # tried in order before /atom.xml
