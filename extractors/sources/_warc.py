"""WARC archives (e.g. CC-NEWS) as a stream of `RawDocument`s, never touching the network.

Only `response` records with HTTP 200 and an HTML content type are kept; host and date filters
are applied from the record headers before the body is read. Bodies are de-chunked and
decompressed by warcio and re-encoded as UTF-8 like fetched pages.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from .._documents import RawDocument
from .._errors import InputNotFound, InputRejected
from .._iso import parse_iso_datetime
from .._urls import canonical_url
from ._charsets import to_utf8

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class WarcFilter:
    """Which records to keep. `hosts` match a host or any of its subdomains."""

    hosts: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    max_bytes: int = 10 * 1024 * 1024

    def keeps_host(self, url: str) -> bool:
        if not self.hosts:
            return True
        host = (urlsplit(url).hostname or "").lower()
        return any(host == h or host.endswith("." + h) for h in (x.lower() for x in self.hosts))

    def keeps_date(self, when: datetime | None) -> bool:
        if when is None:
            return self.since is None and self.until is None
        if self.since and when < self.since:
            return False
        return not (self.until and when >= self.until)


def read_warc(path: str | Path, keep: WarcFilter | None = None) -> Iterator[RawDocument]:
    """Yield the HTML pages a WARC file holds. A damaged archive raises InputRejected after
    yielding every record read before the damage."""
    from warcio.archiveiterator import ArchiveIterator  # here: only WARC runs need warcio
    from warcio.exceptions import ArchiveLoadFailed

    keep = keep or WarcFilter()
    path = Path(path)
    if not path.is_file():
        raise InputNotFound(f"no WARC file at {path}", uri=str(path))
    source_uri = path.resolve().as_uri()
    if not _looks_like_warc(path):
        raise InputRejected(f"{path} is not a WARC file", uri=source_uri, reason="bad_warc")
    with path.open("rb") as stream:
        records: Iterable = ArchiveIterator(stream)
        try:
            for record in records:
                document = _document(record, keep, source_uri)
                if document is not None:
                    yield document
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as error:
            raise InputRejected(
                f"{path}: damaged WARC ({error})", uri=source_uri, reason="bad_warc"
            ) from error


def _looks_like_warc(path: Path) -> bool:
    with path.open("rb") as stream:
        head = stream.read(4096)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith(b"WARC/")


def _document(record: object, keep: WarcFilter, source_uri: str) -> RawDocument | None:
    headers = record.rec_headers  # type: ignore[attr-defined]
    if record.rec_type != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return None
    url = headers.get_header("WARC-Target-URI") or ""
    if not url.startswith(("http://", "https://")) or not keep.keeps_host(url):
        return None
    when = parse_iso_datetime(headers.get_header("WARC-Date"))
    if not keep.keeps_date(when):
        return None
    http = record.http_headers  # type: ignore[attr-defined]
    if http.get_statuscode() != "200":
        return None
    content_type = http.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    body = record.content_stream().read(keep.max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > keep.max_bytes or not body:
        return None
    content, utf8_type = to_utf8(body, content_type)
    record_id = headers.get_header("WARC-Record-ID") or url
    return RawDocument(
        uri=f"{source_uri}#{record_id.strip('<>')}",
        content=content,
        kind="html",
        source_uri=source_uri,
        url=canonical_url(url),
        content_type=utf8_type,
        fields={
            k: v
            for k, v in {
                "warc_date": when.isoformat() if when else None,
                "warc_record_id": record_id,
                "warc_target_uri": url,
            }.items()
            if v
        },
    )
