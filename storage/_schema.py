"""The schema, declared once: every table's natural key and load semantics, the columns a
producer supplies for an article, and the natural-key hash.

Load semantics, like dlt's `write_disposition`: "insert_new" appends only rows whose key is
not stored yet (anti-join), "merge" upserts on the key (MERGE … UPDATE BY NAME). Tables
marked `versioned` hang off an article version: the loader fills their `version` column and
writes them only when their article is new or changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# The columns of `articles` a producer supplies (see `article_row`); the loader adds the
# version and its own bookkeeping (last_document_id, first_seen_at, updated_at, last_run_id).
ARTICLE_FIELDS = (
    "article_id", "content_hash", "document_id", "source_id", "uri", "url", "title", "authors",
    "published", "published_date", "site_name", "language", "description", "categories", "tags",
    "image", "captions", "text", "word_count", "field_sources", "nlp_status", "cleaner",
    "agency",
)  # fmt: skip


def natural_key(text: str) -> str:
    """The hash that keys rows by a natural key such as a canonical URL: the first 128 bits of
    SHA-256, the same as `extractors.key_id` (a test pins that they agree)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class TableSpec:
    name: str
    key: tuple[str, ...]
    disposition: str = "insert_new"  # insert_new | merge
    versioned: bool = False


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("sources", ("source_id",), "merge"),
        TableSpec("documents", ("document_id",)),
        TableSpec("run_items", ("run_id", "uri"), "merge"),
        TableSpec(
            "mentions", ("article_id", "version", "extractor", "mention_index"), versioned=True
        ),
        # Fetching (0002_fetching.sql): events append once, state upserts, seen URLs append once.
        TableSpec("fetches", ("fetch_id",)),
        TableSpec("source_state", ("source_id",), "merge"),
        TableSpec("seen_urls", ("url_id",)),
        TableSpec("robots_txt", ("origin",), "merge"),
        # Enrichment (0003): canonical entities are cross-article with stable ids; the rest
        # hangs off an article version and its extractor version.
        TableSpec("entities", ("entity_id",)),
        TableSpec("entity_aliases", ("entity_id", "alias")),
        *(
            TableSpec(name, ("article_id", "version", "extractor", index), versioned=True)
            for name, index in (
                ("entity_mentions", "mention_index"),
                ("date_mentions", "date_index"),
                ("quotes", "quote_index"),
                ("amounts", "amount_index"),
                ("events", "event_index"),
            )
        ),
        # Issue 13 (0005): the country each article gives an entity; story signatures.
        TableSpec(
            "article_entities", ("article_id", "version", "extractor", "entity_id"), versioned=True
        ),
        TableSpec("story_signatures", ("article_id", "version", "extractor"), versioned=True),
        # Issue 14 (0007): inputs cleaning skipped, under the cleaner that skipped them.
        TableSpec("skipped_inputs", ("document_id", "cleaner")),
    )
}


def spec_for(name: str) -> TableSpec:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(
            f"no load semantics declared for table {name!r} in storage/_schema.py"
        ) from None
