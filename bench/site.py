"""A local news site for benchmarks: N article pages built from the bundled corpus, an RSS
feed and a sitemap, served on 127.0.0.1 from its own process.

    python -m bench.site --pages 1000      # prints "READY http://127.0.0.1:PORT", serves forever

Page i is corpus page (i mod 85) with a marker comment, so every URL is a distinct document.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
CORPUS_HTML = ROOT / "samples" / "corpus" / "html"


def build_site(pages: int, base: str) -> dict[str, tuple[str, bytes]]:
    corpus = [gzip.decompress(path.read_bytes()) for path in sorted(CORPUS_HTML.glob("*.gz"))]
    site: dict[str, tuple[str, bytes]] = {}
    now = datetime(2024, 6, 19, 12, tzinfo=UTC)
    items, urls = [], []
    for i in range(pages):
        path = f"/news/{i:05d}.html"
        body = corpus[i % len(corpus)] + f"\n<!-- newsflow bench copy {i} -->\n".encode()
        site[path] = ("text/html; charset=utf-8", body)
        url = f"{base}{path}"
        published = now - timedelta(minutes=i)
        items.append(
            f"<item><title>Story {i}</title><link>{escape(url)}</link>"
            f"<guid>{escape(url)}</guid><pubDate>{format_datetime(published)}</pubDate></item>"
        )
        urls.append(
            f"<url><loc>{escape(url)}</loc><lastmod>{published.isoformat()}</lastmod></url>"
        )
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Bench news</title><link>{base}/</link><description>bench</description>"
        + "".join(items)
        + "</channel></rss>"
    )
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(urls) + "</urlset>"
    )
    site["/feed.xml"] = ("application/rss+xml", rss.encode())
    site["/sitemap.xml"] = ("application/xml", sitemap.encode())
    site["/urls.txt"] = (
        "text/plain",
        "\n".join(f"{base}/news/{i:05d}.html" for i in range(pages)).encode(),
    )
    site["/robots.txt"] = (
        "text/plain",
        f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n".encode(),
    )
    return site


def serve(pages: int, port: int = 0) -> None:
    holder: dict[str, dict[str, tuple[str, bytes]]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            found = holder["site"].get(self.path.split("?", 1)[0])
            if found is None:
                self.send_error(404)
                return
            content_type, body = found
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    holder["site"] = build_site(pages, base)
    print(f"READY {base}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--port", type=int, default=0)
    arguments = parser.parse_args()
    try:
        serve(arguments.pages, arguments.port)
    except KeyboardInterrupt:
        sys.exit(0)
