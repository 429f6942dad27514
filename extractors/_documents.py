"""Plain data types that flow between extractors, flows and storage."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from ._errors import NewsflowInputError


def content_id(data: bytes) -> str:
    """Content address of raw bytes: hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def key_id(text: str) -> str:
    """Stable short id for a natural key such as a canonical URL (first 128 bits of SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class RawDocument:
    """One input exactly as loaded or fetched, before any cleaning.

    `uri` is where it came from (``file:///…``, ``https://…``, ``file:///x.jsonl#L3``);
    `url` is the article's web address when known (fetched URL, JSONL `url`), else None.
    `fields` carries metadata that arrived with the input (JSONL title/text/published, feed
    entry data) and wins over what cleaning finds. `stored_id` is the id an input rebuilt
    from `documents` was stored under: a lean page's bytes no longer hash to it.
    """

    uri: str
    content: bytes
    kind: str  # "html" | "text" | "record"
    source_uri: str
    url: str | None = None
    content_type: str | None = None
    fields: dict[str, object] = field(default_factory=dict)
    stored_id: str | None = None

    @property
    def document_id(self) -> str:
        return self.stored_id or content_id(self.content)


@dataclass(frozen=True)
class Article:
    """A cleaned article: text plus metadata, each field's origin in `field_sources`."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: date | datetime | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    url: str | None = None
    captions: tuple[str, ...] = ()
    agency: str | None = None  # news agency of the byline or dateline ("Associated Press")
    field_sources: dict[str, str] = field(default_factory=dict)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class ExtractionResult:
    """What cleaning one document produced. Failures keep their reason instead of turning None."""

    status: str  # "ok" | "skipped" | "failed"
    reason: str = ""
    article: Article | None = None

    @classmethod
    def from_error(cls, error: NewsflowInputError) -> ExtractionResult:
        return cls(status=error.status, reason=f"{error.reason}: {error}")


@dataclass(frozen=True)
class Mention:
    """An entity mention as the NER model tagged it, with character offsets into the text."""

    start: int
    end: int
    sentence: int
    label: str
    text: str
