"""WARC files: written here with warcio itself, read without touching the network."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from fetchsite import TestSite, article_html, site_fixture  # noqa: F401 - fixture
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsflow import storage
from newsflow.extractors import InputNotFound, InputRejected
from newsflow.extractors.sources import WarcFilter, read_warc
from newsflow.pipeline import ingest_warc


def write_warc(path: Path, records: list[tuple[str, str, int, str, bytes]]) -> Path:
    """records: (record type, url, status, content type, body); dates step one day each."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for day, (kind, url, status, content_type, body) in enumerate(records, start=1):
            when = datetime(2024, 6, day, 12, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            if kind == "response":
                http = StatusAndHeaders(
                    f"{status} OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url, "response", payload=BytesIO(body), http_headers=http,
                    warc_headers_dict={"WARC-Date": when},
                )  # fmt: skip
            else:
                record = writer.create_warc_record(
                    url, kind, payload=BytesIO(body), warc_headers_dict={"WARC-Date": when}
                )
            writer.write_record(record)
    return path


@pytest.fixture
def archive(tmp_path: Path, site: TestSite) -> Path:
    # Target URIs point at a live local server: reading the archive must never request them.
    live = site.base
    return write_warc(
        tmp_path / "news.warc.gz",
        [
            ("response", "https://news.example.com/a.html?utm_source=x", 200, "text/html",
             article_html("First archived story").encode()),
            ("response", f"{live}/b.html", 200, "text/html; charset=iso-8859-1",
             article_html("Café story").encode("iso-8859-1")),
            ("response", "https://news.example.com/missing", 404, "text/html", b"<p>no</p>"),
            ("response", "https://news.example.com/logo.png", 200, "image/png", b"\x89PNG...."),
            ("request", "https://news.example.com/a.html", 0, "", b"GET /a.html HTTP/1.1\r\n\r\n"),
            ("response", "https://other.example.org/c.html", 200, "text/html",
             article_html("Other site story").encode()),
        ],
    )  # fmt: skip


def test_only_200_html_responses_are_kept(archive: Path, site: TestSite) -> None:
    documents = list(read_warc(archive))
    assert [d.url for d in documents] == [
        "https://news.example.com/a.html",
        f"{site.base}/b.html",
        "https://other.example.org/c.html",
    ]
    assert "Café story" in documents[1].content.decode("utf-8")
    assert documents[1].content_type == "text/html; charset=utf-8"
    assert documents[0].fields["warc_date"].startswith("2024-06-01")
    assert site.seen == []


def test_host_and_date_filters_apply_before_extraction(archive: Path) -> None:
    by_host = list(read_warc(archive, WarcFilter(hosts=("example.com",))))
    assert {d.url for d in by_host} == {"https://news.example.com/a.html"}
    by_date = list(
        read_warc(
            archive,
            WarcFilter(
                since=datetime(2024, 6, 2, tzinfo=UTC), until=datetime(2024, 6, 3, tzinfo=UTC)
            ),
        )  # fmt: skip
    )
    assert len(by_date) == 1 and by_date[0].url.endswith("/b.html")


def test_damaged_or_missing_archive_is_a_typed_error(tmp_path: Path, archive: Path) -> None:
    with pytest.raises(InputNotFound):
        list(read_warc(tmp_path / "nope.warc.gz"))
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(archive.read_bytes()[:-200] + b"garbage" * 10)
    kept = []
    # a truncated tail: the records before it, then (maybe) a typed error, never a crash
    with contextlib.suppress(InputRejected):
        kept.extend(read_warc(broken))
    assert len(kept) <= 3
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a warc file at all\n" * 10)
    with pytest.raises(InputRejected):
        list(read_warc(junk))


def test_warc_ingest_is_idempotent(tmp_path: Path, archive: Path, site: TestSite) -> None:
    with storage.Store.open(tmp_path / "db.duckdb") as store:
        ingest_warc(store, "run-1", str(archive))
        assert store.rows("SELECT count(*) FROM articles")[0][0] == 3
        ingest_warc(store, "run-2", str(archive))
        assert store.rows("SELECT count(*) FROM articles")[0][0] == 3
        assert store.rows("SELECT count(*) FROM article_versions")[0][0] == 3
        assert store.rows("SELECT count(*) FROM fetches")[0][0] == 0
        assert store.rows("SELECT kind FROM sources") == [("warc",)]
    assert site.seen == []
