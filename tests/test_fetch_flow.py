"""`newsflow ingest --feed/--sitemap/--site/--warc` through the Prefect flow and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fetchsite import TestSite, article_html, rss, site_fixture, static  # noqa: F401 - fixture
from test_warc import write_warc

from newsflow import storage

FAST_ENV = {
    "NEWSFLOW_ALLOW_PRIVATE": "127.0.0.1",
    "NEWSFLOW_PER_HOST_DELAY": "0",
    "NEWSFLOW_FETCH_TIMEOUT": "5",
}


@pytest.fixture
def fast_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in FAST_ENV.items():
        monkeypatch.setenv(name, value)


def _publish(site: TestSite, n: int) -> str:
    items = []
    for i in range(n):
        path = f"/news/{i}.html"
        site.route(path, static(article_html(f"Flow story {i}")))
        items.append((site.url(path), f"Flow story {i}", f"Mon, 0{i + 1} Jul 2024 10:00:00 GMT"))
    return site.route("/feed.xml", static(rss(items), "application/rss+xml"))


def test_ingest_flow_polls_feeds_and_urls_with_the_polite_fetcher(
    tmp_path: Path, site: TestSite, fast_env: None
) -> None:
    from newsflow.flows.ingest import ingest

    feed = _publish(site, 2)
    single = site.route("/single.html", static(article_html("A single page")))
    db = str(tmp_path / "flow.duckdb")
    summary = ingest(inputs=[single], db=db, feeds=[feed])
    assert summary["status_counts"] == {"new": 3}
    summary = ingest(inputs=[single], db=db, feeds=[feed])
    assert summary["status_counts"].get("new", 0) == 0
    with storage.Store.open(db, read_only=True) as store:
        assert store.rows("SELECT count(*) FROM articles")[0][0] == 3
        purposes = dict(store.rows("SELECT purpose, count(*) FROM fetches GROUP BY 1"))
        assert purposes["page"] == 4 and purposes["feed"] == 2  # single URL fetched twice
        assert store.rows("SELECT count(*) FROM seen_urls")[0][0] == 2
        assert store.rows("SELECT kind FROM source_health") == [("feed",)]
    agents = {s.headers["User-Agent"] for s in site.seen}
    assert all(a.startswith("newsflow/") for a in agents)


def test_registry_style_prefixed_inputs_are_polled(
    tmp_path: Path, site: TestSite, fast_env: None
) -> None:
    from newsflow.flows.ingest import ingest

    feed = _publish(site, 2)
    summary = ingest(inputs=[f"feed:{feed}"], db=str(tmp_path / "p.duckdb"))
    assert summary["status_counts"] == {"new": 2} and summary["polled"] == {feed: "changed"}


def test_url_list_fetch_refuses_private_addresses_by_default(
    tmp_path: Path, site: TestSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsflow.flows.ingest import ingest

    monkeypatch.delenv("NEWSFLOW_ALLOW_PRIVATE", raising=False)
    url = site.route("/page.html", static(article_html("Internal page")))
    summary = ingest(inputs=[url], db=str(tmp_path / "x.duckdb"))
    assert summary["status_counts"] == {"failed": 1}
    assert "unsafe_url" in summary["failures"][0][2]
    assert site.seen == []


@pytest.mark.slow
def test_cli_ingests_feed_sitemap_site_and_warc(tmp_path: Path, site: TestSite) -> None:
    feed = _publish(site, 2)
    urlset = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url('/news/0.html')}</loc></url></urlset>"
    )
    sitemap = site.route("/sitemap.xml", static(urlset, "application/xml"))
    home = site.route(
        "/", static(f'<html><head><link rel="alternate" type="application/rss+xml" '
                    f'href="{feed}"></head><body>home</body></html>'),
    )  # fmt: skip
    warc = write_warc(
        tmp_path / "a.warc.gz",
        [("response", "https://warc.example.com/x.html", 200, "text/html",
          article_html("Archived story").encode())],
    )  # fmt: skip
    db = tmp_path / "cli.duckdb"
    env = {**os.environ, **FAST_ENV, "PREFECT_LOGGING_LEVEL": "WARNING"}
    command = [
        sys.executable, "-m", "newsflow", "ingest", "--db", str(db), "--feed", feed,
        "--sitemap", sitemap, "--site", home, "--warc", str(warc), "--warc-since", "2024-06-01",
        "--warc-until", "2024-06-02",
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    with storage.Store.open(db, read_only=True) as store:
        assert store.rows("SELECT count(*) FROM articles")[0][0] == 3
        kinds = sorted(k for (k,) in store.rows("SELECT kind FROM sources"))
        assert kinds == ["feed", "site", "sitemap", "warc"]
    query = [sys.executable, "-m", "newsflow", "sql", "--db", str(db), "--format", "csv",
             "SELECT kind, enabled, last_status FROM source_health ORDER BY kind"]  # fmt: skip
    shown = subprocess.run(query, env=env, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0 and "sitemap,True,new_links" in shown.stdout
    assert "polled sources" in done.stdout
