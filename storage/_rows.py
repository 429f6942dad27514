"""Domain objects in, table rows out: the one place newsflow's objects become rows.

Producers (the engine, in worker processes too) call these and hand the rows to `load` in a
`Batch`. The objects are read by attribute: `storage` never imports `extractors` at run time,
only their plain data types for the type checker.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from ._schema import ARTICLE_FIELDS, natural_key

if TYPE_CHECKING:  # plain data types only
    from newsflow.extractors import Article, Mention, NewsflowInputError, RawDocument
    from newsflow.extractors.nlp import Enrichment, Signature
    from newsflow.extractors.sources import FetchRecord, PageOutcome, Source, SourceState

# Per-article enrichment tables, in the order `Enrichment` holds them.
ENRICHMENT_TABLES = (
    ("entity_mentions", "mentions"),
    ("date_mentions", "dates"),
    ("quotes", "quotes"),
    ("amounts", "amounts"),
    ("events", "events"),
)


def _as_dict(item: Any) -> dict[str, Any]:
    return dataclasses.asdict(item)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


def _flat_dict(item: Any) -> dict[str, Any]:
    """A dataclass of plain values as a dict: `asdict` without its deep copy, which cost
    about 1.5 % of a batch's CPU on the enrichment rows (tens of them per article)."""
    return {name: getattr(item, name) for name in _field_names(type(item))}


def source_rows(sources: Iterable[Source]) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    return [
        {
            "source_id": s.source_id,
            "kind": s.kind,
            "locator": s.locator,
            "first_seen_at": now,
            "last_seen_at": now,
        }
        for s in sources
    ]


def failure_item(uri: str, source_id: str | None, error: NewsflowInputError) -> dict[str, Any]:
    """The `run_items` row of an input that could not be stored, with its reason."""
    return {
        "uri": uri,
        "source_id": source_id,
        "status": error.status,
        "reason": f"{error.reason}: {error}",
    }


# gzip's level for a raw input compressed in a worker. On the 85 corpus pages, ms per page /
# compressed share of the raw bytes: level 6 2.66 / 0.2023, 4 1.66 / 0.2122, 3 1.34 / 0.2263,
# 1 1.17 / 0.2399 (bench/results/issue14.md, round 11): 4 saves 1 ms of a worker's CPU a page
# for 5 % more bytes in `documents.content_gzip`; the stored input decompresses the same.
RAW_GZIP_LEVEL = 4


def document_row(raw: RawDocument, lean: bytes | None = None) -> dict[str, Any]:
    """The raw input as stored for reprocessing, compressed by whoever calls this (the worker
    processes, so the single writer does not): its exact bytes, or the `lean` page cleaning
    made of it (`extractors.cleaning.lean_page`). `size_bytes` is the input's size either way."""
    return {
        "document_id": raw.document_id,
        "kind": raw.kind,
        "content_type": raw.content_type,
        "size_bytes": len(raw.content),
        "content_gzip": gzip.compress(
            raw.content if lean is None else lean, compresslevel=RAW_GZIP_LEVEL
        ),
        "content_lean": lean is not None,
    }


def _published(value: date | datetime | None) -> tuple[datetime | None, date | None]:
    if value is None:
        return None, None
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value, value.date()
    return datetime.combine(value, time(0, 0), tzinfo=UTC), value


def article_row(
    raw: RawDocument,
    article: Article,
    *,
    article_id: str,
    content_hash: str,
    source_id: str,
    nlp_status: str,
    cleaner: str,
) -> dict[str, Any]:
    """The `articles` row of a cleaned article (the loader adds its version)."""
    published, published_date = _published(article.published)
    row: dict[str, Any] = {
        "article_id": article_id,
        "content_hash": content_hash,
        "document_id": raw.document_id,
        "source_id": source_id,
        "uri": raw.uri,
        "url": article.url or raw.url,
        "published": published,
        "published_date": published_date,
        "word_count": article.word_count,
        "nlp_status": nlp_status,
        "cleaner": cleaner,
    }
    for name in ARTICLE_FIELDS:
        if name not in row:
            value = getattr(article, name)
            row[name] = list(value) if isinstance(value, tuple) else value
    return row


def mention_rows(article_id: str, extractor: str, mentions: Iterable[Mention]) -> list[dict]:
    """`mentions` rows: what the model tagged, before the enrichment's rules."""
    return [
        {
            "article_id": article_id,
            "extractor": extractor,
            "mention_index": index,
            "sentence_index": mention.sentence,
            "start_char": mention.start,
            "end_char": mention.end,
            "label": mention.label,
            "text": mention.text,
        }
        for index, mention in enumerate(mentions)
    ]


def enrichment_rows(enrichment: Enrichment, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Rows per table: cross-article tables (`entities`, `entity_aliases`) as they are,
    per-article tables with `article_id` (the loader adds the article's version)."""
    rows: dict[str, list[dict[str, Any]]] = {
        "entities": [_flat_dict(e) for e in enrichment.entities],
        "entity_aliases": [_flat_dict(a) for a in enrichment.aliases],
    }
    for table, attribute in ENRICHMENT_TABLES:
        rows[table] = [
            {"article_id": article_id, **_flat_dict(item)}
            for item in getattr(enrichment, attribute)
        ]
    mentions: dict[str, int] = {}
    for link in enrichment.mentions:
        mentions[link.entity_id] = mentions.get(link.entity_id, 0) + 1
    rows["article_entities"] = [
        {
            "article_id": article_id,
            "extractor": entity.extractor,
            "entity_id": entity.entity_id,
            "country": entity.country,
            "mentions": mentions.get(entity.entity_id, 0),
        }
        for entity in enrichment.entities
    ]
    return rows


def story_signature_rows(article_id: str, signature: Signature | None) -> list[dict[str, Any]]:
    """The `story_signatures` row of an article's text (none for a text too short to sign)."""
    if signature is None:
        return []
    return [
        {
            "article_id": article_id,
            "extractor": signature.extractor,
            "minhash": list(signature.minhash),
            "bands": list(signature.bands),
            "shingles": signature.shingles,
        }
    ]


def fetch_rows(records: Iterable[FetchRecord], run_id: str | None = None) -> list[dict]:
    """`fetches` rows, one per HTTP attempt; `run_id` stamps records made outside a run."""
    rows = [_as_dict(record) for record in records]
    if run_id is not None:
        for row in rows:
            row["run_id"] = run_id
    return rows


def seen_rows(outcomes: Iterable[PageOutcome], run_id: str, now: datetime) -> list[dict]:
    """`seen_urls` rows for settled pages: the link's URL and, after a redirect, the final one."""
    rows = []
    for outcome in outcomes:
        if not outcome.settled:
            continue
        outcome_name = "fetched" if outcome.error is None else outcome.error.reason
        document = outcome.document
        urls = {outcome.link.url}
        if document is not None and document.url:
            urls.add(document.url)
        for url in urls:
            rows.append(
                {
                    "url_id": natural_key(url),
                    "url": url,
                    "source_id": outcome.link.source_id,
                    "first_seen_at": now,
                    "run_id": run_id,
                    "link_date": outcome.link.when,
                    "status": outcome.status,
                    "outcome": outcome_name,
                    "article_id": natural_key(document.url)
                    if document is not None and document.url
                    else None,
                    "link_fields": json.dumps(outcome.link.fields, default=str, sort_keys=True),
                }
            )
    return rows


def source_state_row(state: SourceState) -> dict[str, Any]:
    return _as_dict(state)
