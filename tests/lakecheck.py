"""Compare what two stores hold, table by table, as multisets of rows: a lake written by many
writers against one writer's DuckDB file on the same inputs. A row lost or a row stored twice
shows up as a difference; columns that name a run or a clock time are left out (they differ
between any two runs), and so is the `runs` table itself."""

from __future__ import annotations

import gzip
import hashlib
from collections import Counter
from typing import Any

from newsflow import storage

# Columns that differ between two runs of the same inputs (run ids, clocks).
VOLATILE: dict[str, set[str]] = {
    "sources": {"first_seen_at", "last_seen_at", "last_run_id"},
    "documents": {"first_seen_at"},
    "article_versions": {"run_id", "created_at"},
    "articles": {"first_seen_at", "updated_at", "last_run_id"},
    "fetches": {"fetch_id", "run_id", "started_at", "elapsed_ms"},
    "seen_urls": {"first_seen_at", "run_id"},
    "source_state": {"next_poll_at", "last_polled_at", "last_success_at", "disabled_at"},
    "robots_txt": {"fetched_at"},
}
CONTENT_TABLES = (
    "sources", "documents", "article_versions", "articles", "mentions", "entities",
    "entity_aliases", "entity_mentions", "date_mentions", "quotes", "amounts", "events",
    "fetches", "seen_urls", "source_state", "robots_txt",
)  # fmt: skip


def _hashable(value: Any) -> Any:
    if isinstance(value, bytes) and value[:2] == b"\x1f\x8b":  # gzip: its header has a clock
        return hashlib.sha256(gzip.decompress(value)).hexdigest()
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def columns(store: storage.Store, table: str) -> list[str]:
    cursor = store.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cursor.description]


def snapshot(store: storage.Store) -> dict[str, Counter]:
    """Every content table as a multiset of rows (volatile columns left out), and the inputs
    each run recorded as (uri, article, document, outcome, reason) with `stored` for new,
    updated and unchanged (which of those an input gets depends on which writer got there
    first)."""
    found: dict[str, Counter] = {}
    for table in CONTENT_TABLES:
        kept = [c for c in columns(store, table) if c not in VOLATILE.get(table, set())]
        rows = store.rows(f"SELECT {', '.join(kept)} FROM {table}")
        found[table] = Counter(tuple(_hashable(v) for v in row) for row in rows)
    items = store.rows(
        "SELECT DISTINCT uri, article_id, document_id, "
        "CASE WHEN status IN ('new', 'updated', 'unchanged') THEN 'stored' ELSE status END, "
        "reason FROM run_items"
    )
    found["run_items"] = Counter(tuple(row) for row in items)
    return found


def differences(expected: dict[str, Counter], actual: dict[str, Counter]) -> dict[str, Any]:
    """Per table: rows missing from `actual` and rows it has more of (duplicates or extra)."""
    out = {}
    for table in expected.keys() | actual.keys():
        want, got = expected.get(table, Counter()), actual.get(table, Counter())
        missing, extra = want - got, got - want
        if missing or extra:
            out[table] = {
                "missing": sum(missing.values()),
                "extra": sum(extra.values()),
                "sample_missing": list(missing)[:2],
                "sample_extra": list(extra)[:2],
            }
    return out


def row_totals(snap: dict[str, Counter]) -> dict[str, int]:
    return {table: sum(counter.values()) for table, counter in sorted(snap.items())}
