"""Hostile servers, broken feeds and DNS rebinding, over real HTTP and DNS on loopback.
Matrix rows N1-N12 (docs/reliability.md)."""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import json
import socket
import struct
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from faultkit import assert_same_as_clean, root_only, rows
from fetchsite import (  # noqa: F401 - `site` is a fixture
    TestSite,
    article_html,
    encoded,
    huge,
    redirect,
    rss,
    site_fixture,
    slow,
    static,
    trickle,
)

from newsflow import pipeline, storage
from newsflow.extractors import TransientFetchError, UnsafeURL
from newsflow.extractors.sources import Fetcher, FetchSettings
from newsflow.settings import Settings

HOSTILE = FetchSettings(
    allow_private=("127.0.0.1",), per_host_delay_s=0.0, connect_timeout_s=1.0,
    read_timeout_s=1.0, total_timeout_s=1.5, max_retries=1, backoff_base_s=0.05,
    trust_env=False,
)  # fmt: skip


def _run(db: Path, settings: FetchSettings, inputs: list[str] = (), **options) -> pipeline.Run:
    request = pipeline.IngestRequest.of(list(inputs), workers=0, **options)
    with pipeline.open_run(db, "ingest", request.parameters(),
                           settings=Settings(fetch=settings)) as run:  # fmt: skip
        pipeline.ingest(run, request)
    return run


def test_hostile_servers_fail_alone_and_the_good_pages_are_stored(site: TestSite, tmp_path):
    good = [site.route(f"/story-{n}.html", static(article_html(f"Story {n}"))) for n in (1, 2)]
    bad = {
        "hang": site.route("/hang", slow(30)),
        "drip": site.route("/drip", trickle(total=10_000, interval=0.05)),
        "endless": site.route("/endless", huge(64 * 1024 * 1024)),
        "bomb": site.route("/bomb", encoded(b"<p>" + b"a" * (24 * 1024 * 1024), "gzip")),
        "loop": site.route("/loop", redirect("/loop")),
        "lying": site.route("/lying", static("<p>short</p>", Content_Length="5000")),
        "busy": site.route("/busy", static("busy", status=503, Retry_After="3600")),
        "gone": site.route("/gone", static("gone", status=410)),
        "pdf": site.route("/paper.pdf", static(b"%PDF-1.4", "application/pdf")),
    }
    clean_db, db = tmp_path / "clean.duckdb", tmp_path / "hostile.duckdb"
    (tmp_path / "good.urls").write_text("\n".join(good) + "\n")
    _run(clean_db, HOSTILE, [str(tmp_path / "good.urls")])
    (tmp_path / "all.urls").write_text("\n".join([*good, *bad.values()]) + "\n")
    run = _run(db, HOSTILE, [str(tmp_path / "all.urls")])
    assert run.state == "completed_with_failures"
    found = dict(rows(db, "SELECT uri, status || ' ' || coalesce(split_part(reason, ':', 1), "
                          "'') FROM run_items"))  # fmt: skip
    assert {url: found[url] for url in good} == {url: "new " for url in good}
    assert {name: found[url] for name, url in bad.items()} == {
        "hang": "failed deadline",
        "drip": "failed deadline",
        "endless": "failed too_large",
        "bomb": "failed too_large",
        "loop": "failed too_many_redirects",
        "lying": "failed deadline",  # 12 bytes of 5,000 promised, then silence
        "busy": "failed rate_limited",
        "gone": "failed http_410",
        "pdf": "skipped not_html",
    }
    assert_same_as_clean(clean_db, db)


def test_a_dripping_server_gets_one_deadline_for_the_whole_fetch(site: TestSite):
    drip = site.route("/drip", trickle(total=1000, interval=0.05))
    hops = [site.route(f"/hop{n}", slow(0.4)) for n in range(3)]
    for n in range(2):  # /hop0 -> /hop1 -> /hop2, each taking 0.4 s before it answers
        site.routes[f"/hop{n}"] = _slow_redirect(0.4, f"/hop{n + 1}")
    settings = HOSTILE.with_(total_timeout_s=1.0, max_retries=3, obey_robots=False)

    async def fetch(url: str) -> tuple[Exception | None, list]:
        async with Fetcher(settings) as fetcher:
            try:
                await fetcher.fetch(url)
            except Exception as error:  # noqa: BLE001 - what the test looks at
                return error, fetcher.drain_records()
            return None, fetcher.drain_records()

    error, records = asyncio.run(fetch(drip))
    assert isinstance(error, TransientFetchError) and error.reason == "deadline"
    assert len(records) == 1  # a spent deadline is not retried (it was, four times)
    error, _ = asyncio.run(fetch(hops[0]))
    # 3 x 0.4 s of hops: each under the deadline alone, over it together
    assert isinstance(error, TransientFetchError) and error.reason == "deadline"


def _slow_redirect(seconds: float, location: str):
    answer = redirect(location)

    def handle(handler) -> None:
        time.sleep(seconds)
        answer(handler)

    return handle


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b']><rss version="2.0"><channel><title>&lol9;</title></channel></rss>'
)


def test_broken_feeds_are_failed_polls_in_source_health(site: TestSite, tmp_path):
    pages = [site.route(f"/p{n}.html", static(article_html(f"Page {n}"))) for n in (1, 2)]
    items = [(url, f"Page {n}", "Wed, 19 Jun 2024 10:00:00 GMT") for n, url in enumerate(pages)]
    good = site.route("/feed.xml", static(rss(items), "application/rss+xml"))
    cut = site.route("/cut.xml", static(rss(items)[:150], "application/rss+xml"))
    bomb = site.route("/bomb.xml", static(BOMB, "application/rss+xml"))
    zipped = site.route("/sitemap.xml.gz", static(_gzip_bomb(), "application/gzip"))
    clean_db, db = tmp_path / "clean.duckdb", tmp_path / "feeds.duckdb"
    # Every route here answers at once: a deadline roomy enough that inflating the bomb to
    # its cap on a loaded machine still ends as too_large, not as a spent deadline.
    roomy = dataclasses.replace(HOSTILE, read_timeout_s=10.0, total_timeout_s=20.0)
    _run(clean_db, roomy, feeds=[good])
    _run(db, roomy, feeds=[good, cut, bomb], sitemaps=[zipped])
    health = {
        locator: (enabled, failures, (error or "").split(":")[0])
        for locator, enabled, failures, error in rows(
            db, "SELECT locator, enabled, consecutive_failures, last_error FROM source_health"
        )
    }
    assert health == {
        good: (True, 0, ""),
        cut: (True, 1, "bad_feed"),  # counted as a healthy poll with 0 links before
        bomb: (True, 1, "bad_feed"),
        zipped: (True, 1, "too_large"),
    }
    assert_same_as_clean(clean_db, db)
    checkup = storage.check(db, failing_polls=1)  # what `newsflow doctor` reports
    assert not checkup.ok
    assert {locator for locator, _, _ in checkup.failing} == {cut, bomb, zipped}
    assert storage.check(clean_db, failing_polls=1).ok


def _gzip_bomb() -> bytes:
    """30 MiB of sitemap in a few kB: inflated past the 10 MiB cap."""
    return gzip.compress(b"<" + b"a" * (30 << 20), compresslevel=9)


# -- DNS rebinding ---------------------------------------------------------------------------
class RebindingResolver:
    """A DNS server on a loopback address: `rebind.test` answers a public address to the
    first A query and 127.0.0.1 to every later one (what DNS rebinding does)."""

    def __init__(self, address: str) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind((address, 53))
        self.socket.settimeout(0.2)
        self.a_queries = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                packet, peer = self.socket.recvfrom(512)
            except (TimeoutError, OSError):
                continue
            self.socket.sendto(self._answer(packet), peer)

    def _answer(self, packet: bytes) -> bytes:
        ident = packet[:2]
        labels, at = [], 12
        while packet[at]:
            labels.append(packet[at + 1 : at + 1 + packet[at]].decode().lower())
            at += 1 + packet[at]
        question = packet[12 : at + 5]
        kind = struct.unpack(">H", packet[at + 1 : at + 3])[0]
        if ".".join(labels) != "rebind.test":
            return ident + b"\x81\x83" + struct.pack(">HHHH", 1, 0, 0, 0) + question
        if kind != 1:  # AAAA and the rest: no such record
            return ident + b"\x81\x80" + struct.pack(">HHHH", 1, 0, 0, 0) + question
        self.a_queries += 1
        ip = "93.184.216.34" if self.a_queries == 1 else "127.0.0.1"
        answer = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 0, 4) + socket.inet_aton(ip)
        return ident + b"\x81\x80" + struct.pack(">HHHH", 1, 1, 0, 0) + question + answer

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture
def resolver() -> Iterator[RebindingResolver]:
    server = RebindingResolver("127.53.0.1")
    yield server
    server.close()


FETCH_IN_NAMESPACE = textwrap.dedent(
    """
    import asyncio, json, sys
    import httpx
    from newsflow.extractors.sources import Fetcher, FetchSettings
    settings = FetchSettings(obey_robots=False, trust_env=False, max_retries=0)
    async def main():
        async with Fetcher(settings) as fetcher:
            try:
                await fetcher.fetch(sys.argv[1])
                return "fetched", ""
            except Exception as error:
                return type(error).__name__, str(error)
    outcome, message = asyncio.run(main())
    # The same URL fetched with no guard at all reaches the private address:
    plain = httpx.get(sys.argv[1], trust_env=False).text
    print(json.dumps({"outcome": outcome, "message": message, "plain": plain}))
    """
)


@root_only
def test_dns_rebinding_cannot_reach_a_private_address(site: TestSite, resolver, tmp_path):
    """The first lookup (the safety check) says public, the connection's lookup says
    127.0.0.1: the connected address is refused before the request is sent."""
    site.route("/secret", static("internal admin page"))
    conf = tmp_path / "resolv.conf"
    conf.write_text("nameserver 127.53.0.1\noptions attempts:1 timeout:2\n")
    url = f"http://rebind.test:{site.port}/secret"
    script = f'mount --bind {conf} /etc/resolv.conf && exec "$0" -c "$1" "$2"'
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, sys.executable, FETCH_IN_NAMESPACE, url],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    # the pre-check saw the public answer and let it through; the connection got 127.0.0.1
    assert outcome["outcome"] == UnsafeURL.__name__, outcome
    assert "connected to non-public address 127.0.0.1" in outcome["message"]
    assert outcome["plain"] == "internal admin page"  # what an unguarded client gets
    agents = [seen.headers.get("User-Agent", "") for seen in site.hits("/secret")]
    assert len(agents) == 1 and "newsflow" not in agents[0]  # not a byte from the fetcher
    assert resolver.a_queries == 3
