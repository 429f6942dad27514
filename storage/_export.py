"""Exports: a query's whole result written to Parquet, CSV or JSON Lines by DuckDB's COPY.

COPY streams: rows go from the query to the file in chunks, so an export of any size runs in
about constant memory and no row passes through Python. Rows come in storage order (no sort,
which would need the whole result at once).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ._errors import StorageError

if TYPE_CHECKING:
    from ._store import Store

# DuckDB keeps what it reads cached up to its memory limit (80% of RAM by default), so an
# export of a big database would look like it holds everything; a COPY that streams needs
# far less. Past this it evicts (and spills, if a join needs more).
EXPORT_MEMORY_LIMIT = "256MB"

EXPORT_FORMATS = {
    # Row groups of 32,768 rows: a writer holds one per thread, so this bounds its memory.
    "parquet": "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 32768",
    "csv": "FORMAT csv, HEADER true",
    "jsonl": "FORMAT json",  # one JSON object per line
}

# What `newsflow export NAME` writes.
EXPORTS = {
    # One row per event, GDELT's event-table column names first (see the gdelt_events view).
    "events": "SELECT * FROM gdelt_events",
    # Current versions, with their metadata and cleaned text (no raw bytes).
    "articles": (
        "SELECT article_id, version, url, uri, title, authors, published, published_date, "
        "site_name, language, description, categories, tags, image, captions, word_count, text, "
        "field_sources, nlp_status, cleaner, first_seen_at, updated_at FROM articles"
    ),
    # Canonical entities with their counts and every surface form seen.
    "entities": (
        "SELECT e.entity_id, e.name, e.type, e.country, coalesce(c.mentions, 0) AS mentions, "
        "coalesce(c.articles, 0) AS articles, "
        "(SELECT list(alias ORDER BY alias) FROM entity_aliases x "
        " WHERE x.entity_id = e.entity_id) AS aliases "
        "FROM entities e LEFT JOIN entity_counts c ON c.entity_id = e.entity_id"
    ),
}


def export_query(
    store: Store,
    query: str,
    destination: str | os.PathLike[str],
    format: str,  # noqa: A002
) -> int:
    """Write the whole result of `query` to `destination` in `format` (parquet, csv, jsonl);
    returns the rows written. A file is written beside the destination and renamed into place,
    so a failed export leaves no half file; "-" writes CSV or JSON Lines to standard output."""
    if format not in EXPORT_FORMATS:
        raise StorageError(f"unknown export format {format!r}; use {', '.join(EXPORT_FORMATS)}")
    options = EXPORT_FORMATS[format]
    body = query.strip().rstrip(";")
    if str(destination) == "-":
        if format == "parquet":
            raise StorageError("Parquet cannot go to standard output; give a file name")
        return _copy(store, body, "/dev/stdout", options)
    target = Path(destination)
    partial = target.with_name(target.name + ".partial")
    try:
        rows = _copy(store, body, str(partial), options)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return rows


def _copy(store: Store, query: str, path: str, options: str) -> int:
    literal = "'" + path.replace("'", "''") + "'"
    # Rows may leave in any order, so DuckDB need not hold them back to keep it; no progress
    # bar on the terminal.
    store.execute("SET preserve_insertion_order = false")
    store.execute("SET enable_progress_bar = false")
    store.execute(f"SET memory_limit = '{EXPORT_MEMORY_LIMIT}'")
    result = store.execute(f"COPY ({query}) TO {literal} ({options})").fetchone()
    return int(result[0]) if result else 0
