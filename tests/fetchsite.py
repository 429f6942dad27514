"""A local web site for fetch tests: real HTTP on loopback that misbehaves on purpose.

`TestSite` serves routes registered per test from a threaded `http.server` on 127.0.0.x and
records every request (path, headers, arrival time) so tests can assert what the fetcher
sent. Behaviours: `static`, `sequence` (e.g. 500 then 200), `trickle` (one byte at a time),
`huge` (a large streamed body), `redirect`, `conditional` (honours If-None-Match /
If-Modified-Since), `slow` (sleeps before answering, tracks concurrency).
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    def send(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(self.status)
        headers = {"Content-Length": str(len(self.body)), **self.headers}
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        if self.body:
            handler.wfile.write(self.body)


def static(body: bytes | str = b"", content_type: str = "text/html; charset=utf-8",
           status: int = 200, **headers: str) -> Handler:  # fmt: skip
    data = body.encode("utf-8") if isinstance(body, str) else body
    extra = {k.replace("_", "-"): v for k, v in headers.items()}
    reply = Reply(status, data, {"Content-Type": content_type, **extra})
    return reply.send


def sequence(*handlers: Handler) -> Handler:
    """Answer with each handler in turn; the last one repeats."""
    calls = iter(handlers)
    last: list[Handler] = [handlers[-1]]
    lock = threading.Lock()

    def handle(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            chosen = next(calls, last[0])
        chosen(handler)

    return handle


def trickle(total: int = 1000, interval: float = 1.0) -> Handler:
    """Announce `total` bytes, then send one byte per `interval` seconds."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(total))
        handler.end_headers()
        try:
            handler.wfile.flush()
            for _ in range(total):
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(interval)
        except OSError:
            return

    return handle


def huge(size: int, chunk: int = 64 * 1024, declare_length: bool = False) -> Handler:
    """A body of `size` bytes streamed in chunks (no Content-Length unless asked)."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        if declare_length:
            handler.send_header("Content-Length", str(size))
        else:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        handler.end_headers()
        sent = 0
        block = b"<p>" + b"a" * (chunk - 3)
        try:
            while sent < size:
                handler.wfile.write(block[: size - sent])
                sent += chunk
        except OSError:
            return

    return handle


def redirect(location: str, status: int = 302) -> Handler:
    return Reply(status, b"", {"Location": location}).send


def conditional(body: Callable[[], bytes], etag: Callable[[], str] | str | None = None,
                last_modified: str | None = None, content_type: str = "application/rss+xml",
                honour: bool = True) -> Handler:  # fmt: skip
    """Serve body(); answer 304 when the client's validators match (if `honour`)."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        tag = etag() if callable(etag) else etag
        if honour and (
            (tag and handler.headers.get("If-None-Match") == tag)
            or (last_modified and handler.headers.get("If-Modified-Since") == last_modified)
        ):
            Reply(304, b"", {"ETag": tag} if tag else {}).send(handler)
            return
        headers = {"Content-Type": content_type}
        if tag:
            headers["ETag"] = tag
        if last_modified:
            headers["Last-Modified"] = last_modified
        Reply(200, body(), headers).send(handler)

    return handle


def gzipped(body: bytes, content_type: str = "application/gzip") -> Handler:
    return Reply(200, gzip.compress(body), {"Content-Type": content_type}).send


def encoded(body: bytes, encoding: str, content_type: str = "text/html; charset=utf-8") -> Handler:
    """Content-Encoding gzip / deflate / br."""
    import zlib

    import brotli

    data = {
        "gzip": gzip.compress,
        "deflate": zlib.compress,
        "br": brotli.compress,
    }[encoding](body)
    return Reply(200, data, {"Content-Type": content_type, "Content-Encoding": encoding}).send


class Concurrency:
    """Requests in flight across several sites (for global-limit tests)."""

    def __init__(self) -> None:
        self.now = 0
        self.max = 0
        self._lock = threading.Lock()

    def enter(self) -> None:
        with self._lock:
            self.now += 1
            self.max = max(self.max, self.now)

    def leave(self) -> None:
        with self._lock:
            self.now -= 1


class TestSite:
    __test__ = False  # not a test class

    def __init__(self, host: str = "127.0.0.1", group: Concurrency | None = None) -> None:
        self.routes: dict[str, Handler] = {}
        self.seen: list[Seen] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.group = group or Concurrency()
        self._lock = threading.Lock()
        site = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = 64 * 1024  # one write per response: no Nagle / delayed-ACK stalls

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                with site._lock:
                    site.seen.append(Seen(self.path, dict(self.headers.items()), time.monotonic()))
                    site.in_flight += 1
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                site.group.enter()
                try:
                    path = self.path.split("?", 1)[0]
                    handler = site.routes.get(self.path) or site.routes.get(path)
                    if handler is None:
                        Reply(404, b"not here", {"Content-Type": "text/plain"}).send(self)
                    else:
                        handler(self)
                finally:
                    site.group.leave()
                    with site._lock:
                        site.in_flight -= 1

        self.server = ThreadingHTTPServer((host, 0), RequestHandler)
        self.server.daemon_threads = True
        self.host, self.port = self.server.server_address[:2]
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def hits(self, path: str) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if s.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def slow(seconds: float, body: bytes | str = "<html><body>ok</body></html>") -> Handler:
    reply = static(body)

    def handle(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        reply(handler)

    return handle


def article_html(title: str, paragraphs: int = 6) -> str:
    body = "".join(
        f"<p>{title} paragraph {i}: the city council met on Tuesday to discuss the new budget, "
        "and officials said the plan would fund schools, roads and parks across the region "
        "for the coming year.</p>"
        for i in range(paragraphs)
    )
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body}</article></body></html>"
    )


def rss(items: list[tuple[str, str, str]], title: str = "Test feed") -> bytes:
    """items: (link, title, RFC 822 date)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{d}</pubDate><author>desk@example.org (Desk)</author>"
        f"<description>About {t}</description></item>"
        for link, t, d in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link>{entries}</channel></rss>"
    ).encode()


@pytest.fixture(name="site")
def site_fixture() -> Iterator[TestSite]:
    test_site = TestSite()
    test_site.route("/robots.txt", static("User-agent: *\nAllow: /\n", "text/plain"))
    yield test_site
    test_site.close()
