"""Load semantics of every table: its natural key and how a load treats existing rows.

Like dlt's `write_disposition`: "insert_new" appends only rows whose key is not stored yet
(anti-join), "merge" upserts on the key (MERGE … UPDATE BY NAME). Tables marked `versioned`
hang off an article version: the loader fills their `version` column and writes them only
when their article is new or changed.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    )
}


def spec_for(name: str) -> TableSpec:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(
            f"no load semantics declared for table {name!r} in storage/_tables.py"
        ) from None
