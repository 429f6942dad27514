"""Polling feeds, sitemaps and sites into a real DuckDB store, over real HTTP on loopback."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from fetchsite import (  # noqa: F401 - `site` is a fixture
    TestSite,
    article_html,
    conditional,
    rss,
    site_fixture,
    static,
)

from newsflow import storage
from newsflow.extractors.sources import FetchSettings, Source
from newsflow.pipeline import CrawlReport, DirectRunner, batch_sizes, crawl

SETTINGS = FetchSettings(
    allow_private=("127.0.0.1",),
    per_host_delay_s=0.0,
    per_host_concurrency=4,
    connect_timeout_s=1.0,
    read_timeout_s=1.0,
    total_timeout_s=3.0,
    max_retries=1,
    backoff_base_s=0.01,
    trust_env=False,
    max_consecutive_failures=3,
)
BASE_DAY = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[storage.Store]:
    with storage.Store.open(tmp_path / "news.duckdb") as db:
        yield db


def day(n: int) -> str:
    return format_datetime(BASE_DAY + timedelta(days=n))


def publish(site: TestSite, count: int, start: int = 0) -> list[tuple[str, str, str]]:
    items = []
    for i in range(start, start + count):
        path = f"/news/story-{i}.html"
        site.route(path, static(article_html(f"Story number {i}")))
        items.append((site.url(path), f"Story number {i}", day(i)))
    return items


def count(store: storage.Store, sql: str, params: list | None = None) -> int:
    return store.rows(sql, params)[0][0]


def run(store: storage.Store, sources: list[Source], run_id: str, **kw) -> CrawlReport:
    return crawl(store, run_id, sources, kw.pop("settings", SETTINGS), **kw)


def page_hits(site: TestSite) -> int:
    return sum(1 for s in site.seen if s.path.startswith("/news/"))


def test_feed_pages_become_articles_with_feed_metadata_beside_them(
    site: TestSite, store: storage.Store
) -> None:
    items = publish(site, 3)
    feed = site.route("/feed.xml", conditional(lambda: rss(items), etag='"v1"'))
    report = run(store, [Source("feed", feed)], "run-1")
    assert report.polled == {feed: "changed"} and report.pages == 3
    assert count(store, "SELECT count(*) FROM articles") == 3
    row = store.rows(
        "SELECT s.link_fields->>'feed_title', s.link_fields->>'feed_guid', "
        "s.link_fields->>'feed_author', s.link_fields->>'feed_published', a.title "
        "FROM seen_urls s JOIN articles a USING (article_id) WHERE s.url LIKE '%story-2.html'"
    )[0]
    assert row[0] == "Story number 2" and row[1].endswith("story-2.html")
    assert "Desk" in row[2] and row[3].startswith("2024-06-03") and row[4] == "Story number 2"
    fetches = dict(store.rows("SELECT purpose, count(*) FROM fetches GROUP BY 1"))
    assert fetches == {"robots": 1, "feed": 1, "page": 3}
    state = store.rows(
        "SELECT etag, body_hash IS NOT NULL, consecutive_failures, last_new_links FROM source_state"
    )
    assert state == [('"v1"', True, 0, 3)]


def test_second_poll_of_an_unchanged_feed_is_one_conditional_request_and_no_rows(
    site: TestSite, store: storage.Store
) -> None:
    items = publish(site, 4)
    feed = site.route("/feed.xml", conditional(lambda: rss(items), etag='"v1"'))
    run(store, [Source("feed", feed)], "run-1")
    tables = ("articles", "article_versions", "documents", "mentions", "seen_urls")
    before = {t: count(store, f"SELECT count(*) FROM {t}") for t in tables}
    pages_before = page_hits(site)
    report = run(store, [Source("feed", feed)], "run-2")
    assert report.polled == {feed: "not_modified"}
    after = {t: count(store, f"SELECT count(*) FROM {t}") for t in before}
    assert after == before
    assert page_hits(site) == pages_before
    run2 = store.rows("SELECT purpose, conditional, status FROM fetches WHERE run_id = 'run-2'")
    assert run2 == [("feed", True, 304)]  # robots.txt came from the robots_txt table
    assert len(site.hits("/robots.txt")) == 1
    assert site.hits("/feed.xml")[-1].headers.get("If-None-Match") == '"v1"'


def test_stale_etag_with_a_changing_body_is_caught_by_the_body_hash(
    site: TestSite, store: storage.Store
) -> None:
    items = publish(site, 2)
    # The server always sends the same ETag and ignores If-None-Match: its validator is stale.
    feed = site.route("/feed.xml", conditional(lambda: rss(items), etag='"same"', honour=False))
    run(store, [Source("feed", feed)], "run-1")
    items.extend(publish(site, 1, start=2))
    report = run(store, [Source("feed", feed)], "run-2")
    assert report.polled == {feed: "changed"} and report.pages == 1
    assert count(store, "SELECT count(*) FROM articles") == 3
    pages = page_hits(site)
    report = run(store, [Source("feed", feed)], "run-3")
    assert report.polled == {feed: "unchanged"} and page_hits(site) == pages
    assert (
        count(store, "SELECT count(*) FROM fetches WHERE run_id = 'run-3' AND purpose = 'page'")
        == 0
    )


def test_feed_that_is_not_xml_is_a_failure_row_then_disabled(
    site: TestSite, store: storage.Store
) -> None:
    feed = site.route("/feed.xml", static("<html><body>not a feed at all</body></html>"))
    for n in range(3):
        report = run(store, [Source("feed", feed)], f"run-{n}")
        assert report.polled == {feed: "failed"}
    failures, reason, error = store.rows(
        "SELECT consecutive_failures, disabled_reason, last_error FROM source_state"
    )[0]
    assert failures == 3 and "3 consecutive failures" in reason and "bad_feed" in error
    hits = len(site.hits("/feed.xml"))
    report = run(store, [Source("feed", feed)], "run-4")
    assert report.skipped[feed].startswith("disabled") and len(site.hits("/feed.xml")) == hits
    health = store.rows("SELECT enabled, polls_30d, disabled_reason FROM source_health")
    assert health[0][0] is False and health[0][1] == 3


def test_failing_feed_backs_off(site: TestSite, store: storage.Store) -> None:
    feed = site.route("/feed.xml", static("down", status=500))
    run(store, [Source("feed", feed)], "run-1")
    first = store.rows("SELECT poll_interval_s, consecutive_failures FROM source_state")[0]
    run(store, [Source("feed", feed)], "run-2")
    second = store.rows("SELECT poll_interval_s, consecutive_failures FROM source_state")[0]
    assert second[1] == first[1] + 1 and second[0] > first[0]
    assert store.rows("SELECT last_error FROM source_state")[0][0].startswith("http_500")


def test_poll_interval_adapts_to_yield(site: TestSite, store: storage.Store) -> None:
    items = publish(site, 2)
    feed = site.route("/feed.xml", conditional(lambda: rss(items), etag=lambda: str(len(items))))
    run(store, [Source("feed", feed)], "run-1")
    busy = store.rows("SELECT poll_interval_s FROM source_state")[0][0]
    assert busy == SETTINGS.default_poll_interval_s / 2
    run(store, [Source("feed", feed)], "run-2")
    quiet = store.rows("SELECT poll_interval_s FROM source_state")[0][0]
    assert quiet == busy * 1.5
    run(store, [Source("feed", feed)], "run-3", only_due=True)
    assert store.rows("SELECT last_polled_at FROM source_state")[0][0] is not None
    # not due yet: a scheduled run skips it without a request
    hits = len(site.hits("/feed.xml"))
    report = run(store, [Source("feed", feed)], "run-4", only_due=True)
    assert report.skipped == {feed: "not due"} and len(site.hits("/feed.xml")) == hits


@pytest.mark.slow
def test_huge_feed_is_capped_per_poll_newest_first(site: TestSite, store: storage.Store) -> None:
    entries = [
        (site.url(f"/news/story-{i}.html"), f"Story {i}", day(i % 3000)) for i in range(10_000)
    ]
    for i in range(10_000):
        site.routes[f"/news/story-{i}.html"] = static(article_html(f"Story number {i}"))
    body = rss(entries)
    feed = site.route("/feed.xml", static(body, "application/rss+xml"))
    settings = SETTINGS.with_(max_links_per_poll=5)
    report = run(store, [Source("feed", feed)], "run-1", settings=settings)
    assert report.pages == 5
    fetched = sorted(
        int(s.path.split("-")[1].split(".")[0]) for s in site.seen if s.path.startswith("/news/")
    )
    # newest dates are day 2999: entries 2999, 5999, 8999 then day 2998: 2998, 5998 …
    assert fetched == sorted([2999, 5999, 8999, 2998, 5998])
    report = run(store, [Source("feed", feed)], "run-2", settings=settings)
    assert report.polled == {feed: "unchanged"}


def test_sitemap_index_gzip_child_and_google_news(site: TestSite, store: storage.Store) -> None:
    items = publish(site, 3)
    news = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        + "".join(
            f"<url><loc>{link}</loc><news:news><news:publication><news:name>Test Times"
            f"</news:name><news:language>en</news:language></news:publication>"
            f"<news:publication_date>2024-06-0{i + 1}T10:00:00Z</news:publication_date>"
            f"<news:title>{title}</news:title></news:news></url>"
            for i, (link, title, _) in enumerate(items[:2])
        )
        + "</urlset>"
    ).encode()
    plain = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{items[2][0]}</loc><lastmod>2024-06-09</lastmod></url></urlset>"
    ).encode()
    site.route("/news-sitemap.xml", static(news, "application/xml"))
    site.route("/pages.xml.gz", static(gzip.compress(plain), "application/x-gzip"))
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/news-sitemap.xml')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/pages.xml.gz')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/sitemap.xml')}</loc></sitemap>"  # a loop back to itself
        "</sitemapindex>"
    ).encode()
    root = site.route("/sitemap.xml", static(index, "application/xml"))
    report = run(store, [Source("sitemap", root)], "run-1")
    assert report.pages == 3 and count(store, "SELECT count(*) FROM articles") == 3
    title = store.rows(
        "SELECT link_fields->>'news_title', link_fields->>'news_publication' FROM seen_urls "
        "WHERE url LIKE '%story-1.html'"
    )
    assert title == [("Story number 1", "Test Times")]
    assert len(site.hits("/sitemap.xml")) == 1
    report = run(store, [Source("sitemap", root)], "run-2")
    assert report.polled == {root: "unchanged"} and report.pages == 0


def test_site_discovers_its_feed_from_the_home_page(site: TestSite, store: storage.Store) -> None:
    items = publish(site, 2)
    site.route("/rss", static(rss(items), "application/rss+xml"))
    home = site.route(
        "/",
        static('<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
               "</head><body>Home</body></html>"),
    )  # fmt: skip
    report = run(store, [Source("site", home)], "run-1")
    assert report.polled[home] == "changed" and report.polled[site.url("/rss")] == "changed"
    assert count(store, "SELECT count(*) FROM articles") == 2
    kinds = store.rows("SELECT kind, locator FROM source_state ORDER BY kind")
    assert kinds == [("feed", site.url("/rss")), ("site", home)]


def test_site_without_feeds_falls_back_to_robots_sitemaps(
    site: TestSite, store: storage.Store
) -> None:
    items = publish(site, 2)
    urlset = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{link}</loc></url>" for link, _, _ in items)
        + "</urlset>"
    ).encode()
    site.route("/maps/all.xml", static(urlset, "application/xml"))
    site.route(
        "/robots.txt",
        static(f"User-agent: *\nAllow: /\nSitemap: {site.url('/maps/all.xml')}\n", "text/plain"),
    )
    home = site.route("/", static("<html><body>No feeds here</body></html>"))
    report = run(store, [Source("site", home)], "run-1")
    assert report.polled[site.url("/maps/all.xml")] == "changed"
    assert count(store, "SELECT count(*) FROM articles") == 2


def test_robots_denied_page_is_a_skipped_status_and_seen(
    site: TestSite, store: storage.Store
) -> None:
    items = publish(site, 2)
    site.route("/robots.txt", static("User-agent: *\nDisallow: /news/story-1.html\n", "text/plain"))
    feed = site.route("/feed.xml", static(rss(items), "application/rss+xml"))
    run(store, [Source("feed", feed)], "run-1")
    assert count(store, "SELECT count(*) FROM articles") == 1
    status = store.rows("SELECT status, reason FROM run_items WHERE uri LIKE '%story-1.html'")[0]
    assert status[0] == "skipped" and status[1].startswith("robots_denied")
    assert store.rows("SELECT outcome FROM seen_urls WHERE url LIKE '%story-1.html'") == [
        ("robots_denied",)
    ]
    assert site.hits("/news/story-1.html") == []


def test_transient_page_failure_is_not_seen_and_retried_next_poll(
    site: TestSite, store: storage.Store
) -> None:
    items = publish(site, 1)
    site.routes["/news/story-0.html"] = static("busy", status=503)
    feed = site.route("/feed.xml", static(rss(items), "application/rss+xml"))
    run(store, [Source("feed", feed)], "run-1")
    assert count(store, "SELECT count(*) FROM seen_urls") == 0
    site.routes["/news/story-0.html"] = static(article_html("Story number 0"))
    report = run(store, [Source("feed", feed)], "run-2")  # same feed body, link still wanted
    assert report.pages == 1 and count(store, "SELECT count(*) FROM articles") == 1


DOC_EXAMPLES = re.findall(
    r"```sql\n(.*?)```",
    (Path(__file__).resolve().parent.parent / "docs" / "fetching.md").read_text("utf-8"),
    flags=re.S,
)


def test_docs_have_example_queries() -> None:
    assert len(DOC_EXAMPLES) >= 4


@pytest.mark.parametrize("query", DOC_EXAMPLES, ids=[q.splitlines()[0][:30] for q in DOC_EXAMPLES])
def test_docs_example_queries_run(site: TestSite, store: storage.Store, query: str) -> None:
    items = publish(site, 2)
    feed = site.route("/feed.xml", static(rss(items), "application/rss+xml"))
    site.route("/broken.xml", static("nope", status=500))
    run(store, [Source("feed", feed), Source("feed", site.url("/broken.xml"))], "run-1")
    columns, rows = store.query(query)
    assert columns and rows


def test_sitemap_index_recursion_is_bounded(site: TestSite, store: storage.Store) -> None:
    items = publish(site, 1)
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    for level in range(3):  # /idx0 -> /idx1 -> /idx2 -> /leaf.xml
        child = f"/idx{level + 1}.xml" if level < 2 else "/leaf.xml"
        body = f"<sitemapindex {ns}><sitemap><loc>{site.url(child)}</loc></sitemap></sitemapindex>"
        site.route(f"/idx{level}.xml", static(body, "application/xml"))
    leaf = f"<urlset {ns}><url><loc>{items[0][0]}</loc></url></urlset>"
    site.route("/leaf.xml", static(leaf, "application/xml"))
    settings = SETTINGS.with_(max_sitemap_depth=2)
    report = run(store, [Source("sitemap", site.url("/idx0.xml"))], "run-1", settings=settings)
    assert site.hits("/idx2.xml") and not site.hits("/leaf.xml") and report.pages == 0
    report = run(store, [Source("sitemap", site.url("/idx0.xml"))], "run-2")  # depth 3
    assert site.hits("/leaf.xml") and report.pages == 1


class _Recording(DirectRunner):
    """The engine's runner, keeping the name of every stage it runs."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[tuple[str, str]] = []

    def call(self, stage, name, fn, /, *args):  # type: ignore[no-untyped-def]
        self.names.append((stage, name))
        return super().call(stage, name, fn, *args)


def test_crawl_with_workers_tapers_batches_loads_a_window_at_once_and_warms_up_once(
    site: TestSite, store: storage.Store
) -> None:
    items = publish(site, 12)
    feed = site.route("/feed.xml", conditional(lambda: rss(items), etag='"v1"'))
    runner, warmed = _Recording(), []
    kw = {"batch_size": 8, "workers": 2, "depth": 3, "warm_up": lambda: warmed.append(1)}
    report = run(store, [Source("feed", feed)], "run-1", runner=runner, **kw)
    assert report.pages == 12 and count(store, "SELECT count(*) FROM articles") == 12
    fetched = [int(re.search(r"(\d+) pages?\)$", n)[1]) for s, n in runner.names if s == "read"]
    assert fetched == batch_sizes(12, 8, 2) == [4, 4, 4]  # not 8 + 4: the workers end together
    loads = [name for stage, name in runner.names if stage == "load"]
    assert len(loads) == 1 and loads[0].startswith("load-batches-1-3 ")  # one transaction
    assert count(store, "SELECT count(*) FROM seen_urls") == 12
    assert count(store, "SELECT count(*) FROM fetches WHERE purpose = 'page'") == 12
    assert count(store, "SELECT count(*) FROM source_state") == 1
    assert warmed == [1]
    again = run(store, [Source("feed", feed)], "run-2", runner=_Recording(), **kw)
    assert again.pages == 0 and warmed == [1]  # nothing new: no worker started
