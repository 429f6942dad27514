"""Fetcher throughput and the cost of a no-change re-poll, against a local test site.

    python -m bench.fetch_bench           # prints the figures, writes bench/results/fetch.json

Hosts are distinct loopback addresses (127.0.0.2 … 127.0.0.33), each a threaded HTTP server
running in a separate process (so the servers do not share the fetcher's GIL). Every host
serves robots.txt and article pages of about 2 KB.

* throughput: the same number of pages spread over 1, 8 and 32 hosts, fetched by one
  `Fetcher` with default concurrency limits (2 per host, 32 overall); median of 5 runs (each
  run a fresh Fetcher, so robots.txt is fetched again and connections are new). Measured twice: with
  the per-host delay at 0 (what the machinery can do) and at the default 1 s (what a polite
  crawl does: about one page per second per host).
* re-poll: one feed of 50 entries ingested through `newsflow.pipeline.crawl` (feed + pages +
  cleaning + NER + load), then polled again unchanged (one conditional request, 304).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "fetch.json"
sys.path.insert(0, str(ROOT / "tests"))

HOSTS = [f"127.0.0.{i}" for i in range(2, 34)]
PAGES_PER_RUN = 512
POLITE_PAGES_PER_HOST = 4
FEED_ENTRIES = 50
REPEATS = 5


def _serve(hosts: list[str], pages: int, ready: Any, ports: Any, stop: Any) -> None:
    from fetchsite import TestSite, article_html, conditional, rss, static

    sites = []
    for index, host in enumerate(hosts):
        site = TestSite(host)
        site.route("/robots.txt", static("User-agent: *\nAllow: /\n", "text/plain"))
        for page in range(pages):
            site.route(f"/p/{page}.html", static(article_html(f"Story {page} on host {index}")))
        sites.append(site)
        ports[index] = site.port
    first = sites[0]
    items = [
        (first.url(f"/p/{i}.html"), f"Story {i}", f"Mon, 01 Jul 2024 {i % 24:02d}:00:00 GMT")
        for i in range(FEED_ENTRIES)
    ]
    body = rss(items)
    first.route("/feed.xml", conditional(lambda: body, etag='"feed-v1"'))
    ready.set()
    stop.wait()
    for site in sites:
        site.close()


def _settings(delay: float) -> Any:
    from newsflow.extractors.sources import FetchSettings

    return FetchSettings(
        allow_private=("127.0.0.0/8",), per_host_delay_s=delay, trust_env=False,
        contact_url="https://example.org/bench",
    )  # fmt: skip


async def _fetch_all(urls: list[str], delay: float) -> tuple[float, int, int]:
    from newsflow.extractors import FetchError
    from newsflow.extractors.sources import Fetcher

    async with Fetcher(_settings(delay), run_id="bench") as fetcher:

        async def one(url: str) -> int:
            try:
                return len((await fetcher.fetch(url, expect_html=True)).content)
            except FetchError:
                return -1

        started = time.perf_counter()
        sizes = await asyncio.gather(*(one(u) for u in urls))
        elapsed = time.perf_counter() - started
    failures = sum(1 for s in sizes if s < 0)
    return elapsed, failures, sum(s for s in sizes if s > 0)


def throughput(ports: list[int]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for hosts in (1, 8, 32):
        per_host = PAGES_PER_RUN // hosts
        urls = [
            f"http://{HOSTS[h]}:{ports[h]}/p/{p}.html"
            for p in range(per_host)
            for h in range(hosts)
        ]
        runs = sorted((asyncio.run(_fetch_all(urls, 0.0)) for _ in range(REPEATS)),
                      key=lambda r: r[0])  # fmt: skip
        elapsed, failures, size = runs[len(runs) // 2]  # the median run
        polite_urls = [
            f"http://{HOSTS[h]}:{ports[h]}/p/{p}.html"
            for p in range(POLITE_PAGES_PER_HOST)
            for h in range(hosts)
        ]
        polite_elapsed, polite_failures, _ = asyncio.run(_fetch_all(polite_urls, 1.0))
        figures[f"{hosts}_hosts"] = {
            "pages": len(urls),
            "failures": failures,
            "seconds": round(elapsed, 3),
            "pages_per_s_no_delay": round(len(urls) / elapsed, 1),
            "mb_per_s_no_delay": round(size / elapsed / 1e6, 2),
            "polite_pages": len(polite_urls),
            "polite_failures": polite_failures,
            "pages_per_s_polite_1s_delay": round(len(polite_urls) / polite_elapsed, 2),
        }
        print(f"{hosts:>2} hosts: {figures[f'{hosts}_hosts']}", flush=True)
    return figures


def repoll(port: int) -> dict[str, Any]:
    from newsflow import storage
    from newsflow.extractors.nlp import load_model
    from newsflow.extractors.sources import Source
    from newsflow.pipeline import crawl

    load_model()  # loaded once, outside the timings
    feed = f"http://{HOSTS[0]}:{port}/feed.xml"
    settings = _settings(0.0)
    with tempfile.TemporaryDirectory() as tmp, storage.Store.open(Path(tmp) / "b.duckdb") as db:
        started = time.perf_counter()
        first = crawl(db, "first", [Source("feed", feed)], settings)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        second = crawl(db, "second", [Source("feed", feed)], settings)
        second_s = time.perf_counter() - started

        def traffic(run: str) -> tuple[int, int]:
            return db.rows(
                "SELECT count(*), coalesce(sum(bytes), 0) FROM fetches WHERE run_id = ?", [run]
            )[0]

        first_requests, first_bytes = traffic("first")
        second_requests, second_bytes = traffic("second")
        articles = db.rows("SELECT count(*) FROM articles")[0][0]
    return {
        "feed_entries": FEED_ENTRIES,
        "articles_after_first_poll": articles,
        "first_poll": {
            "seconds": round(first_s, 3),
            "requests": first_requests,
            "bytes": first_bytes,
            "status": first.polled,
        },  # fmt: skip
        "repoll_unchanged": {
            "seconds": round(second_s, 3),
            "requests": second_requests,
            "bytes": second_bytes,
            "status": second.polled,
        },  # fmt: skip
        "repoll_relative_time": round(second_s / first_s, 4),
        "repoll_relative_requests": round(second_requests / first_requests, 4),
        "repoll_relative_bytes": round(second_bytes / max(first_bytes, 1), 4),
        "note": "a re-poll is one conditional GET answered 304 (robots.txt comes from the "
        "robots_txt table); the first poll includes robots.txt, 50 pages, cleaning, NER, load",
    }


def main() -> None:
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Event(), context.Event()
    ports = context.Array("i", len(HOSTS))
    pages = PAGES_PER_RUN
    server = context.Process(target=_serve, args=(HOSTS, pages, ready, ports, stop), daemon=True)
    server.start()
    try:
        if not ready.wait(60):
            raise SystemExit("the local test site did not start")
        port_list = ports[:]  # a slice of the shared array is a plain list
        results = {
            "benchmark": "fetch_bench",
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": multiprocessing.cpu_count(),
            },  # fmt: skip
            "settings": "FetchSettings defaults (2 per host, 32 global) except delay as named",
            "throughput": throughput(port_list),
            "repoll": repoll(port_list[0]),
        }
    finally:
        stop.set()
        server.join(10)
    print(json.dumps(results["repoll"], indent=2))
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
