"""The fetcher against a local site that misbehaves on purpose (real HTTP on loopback)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest
from fetchsite import (  # noqa: F401 - `site` is a fixture
    Concurrency,
    TestSite,
    conditional,
    encoded,
    huge,
    redirect,
    sequence,
    site_fixture,
    slow,
    static,
    trickle,
)

from newsflow.extractors import (
    NotHTML,
    RateLimited,
    RobotsDenied,
    TerminalFetchError,
    TooLarge,
    TooManyRedirects,
    TransientFetchError,
    UnsafeURL,
)
from newsflow.extractors.sources import Fetcher, FetchResponse, FetchSettings

T = TypeVar("T")
PAGE = "<html><body>Café à Paris</body></html>"

FAST = FetchSettings(
    contact_url="https://example.org/newsflow-contact",
    allow_private=("127.0.0.1",),
    per_host_delay_s=0.0,
    connect_timeout_s=1.0,
    read_timeout_s=1.0,
    total_timeout_s=2.0,
    max_retries=2,
    backoff_base_s=0.01,
    max_retry_after_s=5.0,
    trust_env=False,
)


def run(settings: FetchSettings, job: Callable[[Fetcher], Awaitable[T]]) -> tuple[T, Fetcher]:
    async def main() -> tuple[T, Fetcher]:
        async with Fetcher(settings, run_id="test-run") as fetcher:
            return await job(fetcher), fetcher

    return asyncio.run(main())


def get(url: str, settings: FetchSettings = FAST, **kwargs: Any) -> tuple[FetchResponse, Fetcher]:
    return run(settings, lambda f: f.fetch(url, **kwargs))


def fails(url: str, settings: FetchSettings = FAST, **kwargs: Any) -> tuple[Exception, Fetcher]:
    holder: list[Fetcher] = []

    async def main() -> None:
        async with Fetcher(settings, run_id="test-run") as fetcher:
            holder.append(fetcher)
            await fetcher.fetch(url, **kwargs)

    with pytest.raises(Exception) as caught:
        asyncio.run(main())
    return caught.value, holder[0]


def test_page_is_fetched_with_an_honest_user_agent_and_recorded(site: TestSite) -> None:
    url = site.route("/a", static("<html><body>hello</body></html>"))
    response, fetcher = get(url, expect_html=True)
    assert response.status == 200 and b"hello" in response.content
    agent = site.hits("/a")[0].headers["User-Agent"]
    assert "newsflow" in agent and "https://example.org/newsflow-contact" in agent
    records = fetcher.drain_records()
    page = [r for r in records if r.purpose == "page"]
    assert len(page) == 1 and page[0].status == 200 and page[0].error_class is None
    assert page[0].bytes == len(response.content) and page[0].run_id == "test-run"
    assert [r.purpose for r in records].count("robots") == 1


def test_trickling_server_cannot_stall_past_the_total_deadline(site: TestSite) -> None:
    url = site.route("/trickle", trickle(total=1000, interval=1.0))
    settings = FAST.with_(total_timeout_s=0.5, read_timeout_s=5.0, max_retries=0)
    error, fetcher = fails(url, settings)
    assert isinstance(error, TransientFetchError) and error.reason == "deadline"
    record = [r for r in fetcher.drain_records() if r.purpose == "page"][0]
    assert record.error_class == "TransientFetchError" and record.reason == "deadline"


def test_500_then_200_is_retried_and_both_attempts_recorded(site: TestSite) -> None:
    url = site.route("/flaky", sequence(static("oops", status=500), static("<p>fine</p>")))
    response, fetcher = get(url)
    assert response.status == 200 and len(site.hits("/flaky")) == 2
    pages = [r for r in fetcher.drain_records() if r.purpose == "page"]
    assert [(r.attempt, r.status, r.reason) for r in pages] == [
        (1, 500, "http_500"),
        (2, 200, None),
    ]


def test_429_with_retry_after_waits_then_succeeds(site: TestSite) -> None:
    limited = static("slow down", status=429, Retry_After="1")
    url = site.route("/limited", sequence(limited, static("<p>ok</p>")))
    response, _ = get(url)
    first, second = site.hits("/limited")
    assert response.status == 200
    assert second.at - first.at >= 0.9  # the server's wish was honoured (a lower bound only)


def test_429_with_a_long_retry_after_gives_up_for_this_run(site: TestSite) -> None:
    url = site.route("/later", static("come back later", status=429, Retry_After="3600"))
    error, _ = fails(url)
    assert isinstance(error, RateLimited) and error.transient and error.retry_after == 3600
    assert len(site.hits("/later")) == 1


@pytest.mark.parametrize("status", [404, 410, 403])
def test_terminal_statuses_are_not_retried(site: TestSite, status: int) -> None:
    url = site.route("/gone", static("gone", status=status))
    error, fetcher = fails(url)
    assert isinstance(error, TerminalFetchError) and not error.transient
    assert error.reason == f"http_{status}" and error.status_code == status
    assert len(site.hits("/gone")) == 1


def test_5xx_that_never_recovers_is_retried_a_bounded_number_of_times(site: TestSite) -> None:
    url = site.route("/down", static("down", status=503))
    error, _ = fails(url)
    assert isinstance(error, TransientFetchError) and error.reason == "http_503"
    assert len(site.hits("/down")) == FAST.max_retries + 1


def test_redirect_loop_is_terminal(site: TestSite) -> None:
    site.route("/loop-a", redirect("/loop-b"))
    url = site.route("/loop-b", redirect("/loop-a"))
    error, _ = fails(url)
    assert isinstance(error, TooManyRedirects)


def test_redirect_chain_longer_than_the_limit_is_terminal(site: TestSite) -> None:
    for i in range(10):
        site.route(f"/hop{i}", redirect(f"/hop{i + 1}"))
    site.route("/hop10", static("<p>end</p>"))
    error, _ = fails(site.url("/hop0"), FAST.with_(max_redirects=3))
    assert isinstance(error, TooManyRedirects)
    assert not site.hits("/hop5")


def test_redirects_are_followed_and_the_final_url_recorded(site: TestSite) -> None:
    site.route("/old", redirect("/new", 301))
    site.route("/new", static("<p>moved</p>"))
    response, fetcher = get(site.url("/old"))
    assert response.final_url == site.url("/new") and response.url == site.url("/old")
    record = [r for r in fetcher.drain_records() if r.purpose == "page"][0]
    assert record.final_url == site.url("/new") and record.redirects == 1


def test_redirect_to_a_private_address_is_refused_before_connecting(site: TestSite) -> None:
    inner = TestSite("127.0.0.2")  # a real server the redirect must never reach
    try:
        inner.route("/secret", static("internal"))
        site.route("/to-inner", redirect(inner.url("/secret")))
        site.route("/to-metadata", redirect("http://169.254.169.254/latest/meta-data/"))
        error, fetcher = fails(site.url("/to-inner"))
        assert isinstance(error, UnsafeURL) and error.final_url == inner.url("/secret")
        error, _ = fails(site.url("/to-metadata"))
        assert isinstance(error, UnsafeURL)
        assert inner.seen == []
    finally:
        inner.close()


def test_private_addresses_and_other_schemes_are_refused_by_default(site: TestSite) -> None:
    url = site.route("/a", static("<p>x</p>"))
    strict = FAST.with_(allow_private=())
    error, _ = fails(url, strict)
    assert isinstance(error, UnsafeURL)
    error, _ = fails("file:///etc/passwd", strict)
    assert isinstance(error, UnsafeURL)
    error, _ = fails("ftp://127.0.0.1/x")
    assert isinstance(error, UnsafeURL)
    assert site.seen == []


def test_streamed_body_over_the_cap_is_cut_off(site: TestSite) -> None:
    url = site.route("/big", huge(10 * 1024 * 1024))
    error, fetcher = fails(url, FAST.with_(max_bytes=1024 * 1024))
    assert isinstance(error, TooLarge) and not error.transient
    record = [r for r in fetcher.drain_records() if r.purpose == "page"][0]
    assert 1024 * 1024 < record.bytes < 2 * 1024 * 1024  # stopped reading soon after the cap
    assert len(site.hits("/big")) == 1


def test_declared_length_over_the_cap_is_refused_without_reading(site: TestSite) -> None:
    url = site.route("/big", huge(10 * 1024 * 1024, declare_length=True))
    error, fetcher = fails(url, FAST.with_(max_bytes=1024 * 1024))
    assert isinstance(error, TooLarge)
    assert [r for r in fetcher.drain_records() if r.purpose == "page"][0].bytes == 0


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (PAGE.encode("iso-8859-1"), "text/html; charset=ISO-8859-1"),
        (b'<meta charset="iso-8859-1"><body>Caf\xe9 \xe0 Paris</body>', "text/html"),
        ("\ufeff<html><body>Café à Paris</body></html>".encode(), "text/html; charset=iso-8859-1"),
        ("<html><body>Café à Paris</body></html>".encode("cp1252"), "text/html; charset=utf-8"),
        ("<html><body>Café à Paris</body></html>".encode(), "text/html"),
    ],
    ids=["declared-latin1", "meta-only", "bom-beats-header", "wrong-header", "no-charset"],
)  # fmt: skip
def test_charsets_are_decoded(site: TestSite, body: bytes, content_type: str) -> None:
    url = site.route("/enc", static(body, content_type))
    response, _ = get(url)
    assert "Café à Paris" in response.text()


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_compressed_bodies_are_decoded(site: TestSite, encoding: str) -> None:
    page = b"<html><body>" + b"compressed news " * 200 + b"</body></html>"
    url = site.route("/z", encoded(page, encoding))
    response, _ = get(url)
    assert response.content == page
    assert encoding in site.hits("/z")[0].headers["Accept-Encoding"]


def test_non_html_page_is_terminal_when_html_is_expected(site: TestSite) -> None:
    url = site.route("/pdf", static(b"%PDF-1.4 ...", "application/pdf"))
    error, _ = fails(url, expect_html=True)
    assert isinstance(error, NotHTML) and not error.transient


def test_robots_disallow_is_a_terminal_status_and_the_page_is_not_requested(
    site: TestSite,
) -> None:
    site.route("/robots.txt", static("User-agent: *\nDisallow: /private/\n", "text/plain"))
    url = site.route("/private/x", static("<p>secret</p>"))
    error, fetcher = fails(url)
    assert isinstance(error, RobotsDenied) and error.status == "skipped"
    assert site.hits("/private/x") == []
    ok = site.route("/public", static("<p>ok</p>"))
    assert get(ok)[0].status == 200


def test_robots_for_a_specific_agent_is_obeyed(site: TestSite) -> None:
    site.route("/robots.txt", static("User-agent: newsflow\nDisallow: /\n", "text/plain"))
    url = site.route("/page", static("<p>x</p>"))
    error, _ = fails(url)
    assert isinstance(error, RobotsDenied)


def test_robots_is_fetched_once_per_host_and_crawl_delay_spaces_requests(site: TestSite) -> None:
    site.route("/robots.txt", static("User-agent: *\nCrawl-delay: 0.3\n", "text/plain"))
    urls = [site.route(f"/p{i}", static("<p>x</p>")) for i in range(3)]

    async def job(fetcher: Fetcher) -> list[FetchResponse]:
        return list(await asyncio.gather(*(fetcher.fetch(u) for u in urls)))

    run(FAST, job)
    assert len(site.hits("/robots.txt")) == 1
    times = sorted(s.at for s in site.seen if s.path.startswith("/p"))
    # starts are 0.3 s apart; a late first arrival (scheduling jitter) may shorten one gap
    assert times[-1] - times[0] >= 2 * 0.3 - 0.1


def test_unreadable_robots_means_try_later(site: TestSite) -> None:
    site.route("/robots.txt", static("broken", "text/plain", status=500))
    url = site.route("/page", static("<p>x</p>"))
    error, _ = fails(url)
    assert isinstance(error, TransientFetchError) and error.reason == "robots_unavailable"
    assert site.hits("/page") == []


def test_missing_robots_allows_everything(site: TestSite) -> None:
    del site.routes["/robots.txt"]
    url = site.route("/page", static("<p>x</p>"))
    assert get(url)[0].status == 200


def test_per_host_concurrency_is_bounded(site: TestSite) -> None:
    urls = [site.route(f"/s{i}", slow(0.1)) for i in range(8)]

    async def job(fetcher: Fetcher) -> None:
        await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    run(FAST.with_(per_host_concurrency=2, global_concurrency=16), job)
    assert site.max_in_flight <= 2


def test_global_concurrency_is_bounded_across_hosts() -> None:
    group = Concurrency()
    sites = [TestSite(f"127.0.0.{i}", group) for i in (1, 2, 3)]
    try:
        urls = []
        for s in sites:
            s.route("/robots.txt", static("", "text/plain"))
            urls += [s.route(f"/s{i}", slow(0.1)) for i in range(4)]
        settings = FAST.with_(
            per_host_concurrency=4, global_concurrency=2, allow_private=("127.0.0.0/8",)
        )

        async def job(fetcher: Fetcher) -> None:
            await asyncio.gather(*(fetcher.fetch(u) for u in urls))

        run(settings, job)
        assert group.max <= 2
        assert all(len(s.seen) == 5 for s in sites)
    finally:
        for s in sites:
            s.close()


def test_conditional_get_returns_not_modified(site: TestSite) -> None:
    url = site.route(
        "/feed",
        conditional(lambda: b"<rss/>", etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT"),
    )
    first, _ = get(url, purpose="feed")
    assert first.etag == '"v1"' and first.last_modified
    second, fetcher = get(url, purpose="feed", etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.content == b""
    hit = site.hits("/feed")[-1]
    assert hit.headers["If-None-Match"] == '"v1"'
    assert hit.headers["If-Modified-Since"] == first.last_modified
    assert [r.conditional for r in fetcher.drain_records() if r.purpose == "feed"] == [True]


def test_connection_refused_is_transient() -> None:
    free = TestSite()
    url = free.url("/x")
    free.close()
    error, _ = fails(url, FAST.with_(max_retries=1, obey_robots=False))
    assert isinstance(error, TransientFetchError) and error.reason == "connection"


def test_waiting_for_a_polite_slot_does_not_count_against_the_deadline(site: TestSite) -> None:
    urls = [site.route(f"/q{i}", static("<p>x</p>")) for i in range(6)]
    settings = FAST.with_(per_host_delay_s=0.1, per_host_concurrency=1, total_timeout_s=0.3)

    async def job(fetcher: Fetcher) -> list[FetchResponse]:
        return list(await asyncio.gather(*(fetcher.fetch(u) for u in urls)))

    responses, _ = run(settings, job)  # the last one queues ~0.6 s, longer than the deadline
    assert [r.status for r in responses] == [200] * 6


def test_per_host_delay_spaces_request_starts(site: TestSite) -> None:
    urls = [site.route(f"/d{i}", static("<p>x</p>")) for i in range(4)]

    async def job(fetcher: Fetcher) -> None:
        await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    run(FAST.with_(per_host_delay_s=0.2, per_host_concurrency=4), job)
    times = sorted(s.at for s in site.seen if s.path.startswith("/d"))
    # Slots are 0.2 s apart; the first request may arrive late (it waits for robots.txt on a
    # busy machine), but the last three slots still span two delays.
    assert times[-1] - times[0] >= 2 * 0.2 - 0.05


def test_server_that_never_answers_hits_the_read_timeout(site: TestSite) -> None:
    url = site.route("/silent", slow(2.0))
    error, _ = fails(url, FAST.with_(read_timeout_s=0.2, total_timeout_s=5.0, max_retries=0))
    assert isinstance(error, TransientFetchError) and error.reason == "timeout"
