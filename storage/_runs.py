"""Run bookkeeping and the questions flows ask the store before doing work."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ._search import search_sql
from ._store import Store

RUN_COUNTERS = (
    "items_seen", "articles_new", "articles_updated", "articles_unchanged",
    "items_skipped", "items_failed",
)  # fmt: skip


def begin_run(store: Store, run_id: str, flow_name: str, parameters: dict[str, Any]) -> None:
    """Record a run as started. Starting the same run id again (a retry) keeps one row.

    The caller is the file's only writer, so any other run still marked `running` died
    (killed, machine lost): it is marked `abandoned`; its committed batches stay stored.
    """
    if store.is_lake:
        from ._lake_writes import begin_run as begin_lake_run

        return begin_lake_run(store, run_id, flow_name, parameters)
    with store.transaction():
        store.execute(
            "UPDATE runs SET state = 'abandoned' WHERE state = 'running' AND run_id <> ?",
            [run_id],
        )
        store.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        store.execute(
            "INSERT INTO runs (run_id, flow_name, started_at, state, parameters) "
            "VALUES (?, ?, ?, 'running', ?)",
            [run_id, flow_name, datetime.now(UTC), json.dumps(parameters, default=str)],
        )


def finish_run(store: Store, run_id: str, state: str, elapsed_s: float) -> dict[str, int]:
    """Close a run: its counters are computed from run_items, so SQL and summaries agree."""
    counts = dict(
        store.rows("SELECT status, count(*) FROM run_items WHERE run_id = ? GROUP BY 1", [run_id])
    )
    counters = {
        "items_seen": sum(counts.values()),
        "articles_new": counts.get("new", 0),
        "articles_updated": counts.get("updated", 0),
        "articles_unchanged": counts.get("unchanged", 0),
        "items_skipped": counts.get("skipped", 0),
        "items_failed": counts.get("failed", 0),
    }
    if store.is_lake:
        from ._lake_writes import append_run_row

        finished = {"finished_at": datetime.now(UTC), "state": state, "elapsed_s": elapsed_s}
        append_run_row(store, run_id, {**finished, **counters})
        return counters
    store.execute(
        "UPDATE runs SET finished_at = ?, state = ?, elapsed_s = ?, "
        + ", ".join(f"{name} = ?" for name in RUN_COUNTERS)
        + " WHERE run_id = ?",
        [datetime.now(UTC), state, elapsed_s, *counters.values(), run_id],
    )
    return counters


def known_inputs(store: Store, pairs: list[tuple[str, str]]) -> set[str]:
    """Article ids whose newest stored raw input is exactly this document: nothing to redo."""
    if not pairs:
        return set()
    if store.is_lake:
        from ._lake_writes import known_inputs as known_in_lake

        return known_in_lake(store, pairs)
    rows = store.rows(
        "SELECT a.article_id FROM articles a "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::VARCHAR[]) AS document_id) p "
        "ON a.article_id = p.article_id "
        "AND (a.last_document_id = p.document_id OR a.document_id = p.document_id)",
        [[p[0] for p in pairs], [p[1] for p in pairs]],
    )
    return {row[0] for row in rows}


def recorded_skips(store: Store, pairs: list[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Of these (document_id, cleaner) pairs, the documents that cleaner skipped before:
    document_id -> (status, reason). Works on a file and on a lake (its view of the log)."""
    if not pairs:
        return {}
    rows = store.rows(
        "SELECT s.document_id, any_value(s.status), any_value(s.reason) FROM skipped_inputs s "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS document_id, unnest(?::VARCHAR[]) AS cleaner) p "
        "ON s.document_id = p.document_id AND s.cleaner = p.cleaner GROUP BY 1",
        [[p[0] for p in pairs], [p[1] for p in pairs]],
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def table_counts(store: Store) -> dict[str, int]:
    names = (
        "sources", "documents", "articles", "article_versions", "mentions", "entities",
        "events", "quotes", "amounts", "runs",
    )  # fmt: skip
    return {name: store.rows(f"SELECT count(*) FROM {name}")[0][0] for name in names}


def run_status_counts(store: Store, run_id: str) -> dict[str, int]:
    return dict(
        store.rows(
            "SELECT status, count(*) FROM run_items WHERE run_id = ? GROUP BY 1 ORDER BY 1",
            [run_id],
        )
    )


def run_failures(store: Store, run_id: str, limit: int = 20) -> list[tuple[str, str, str]]:
    return store.rows(
        "SELECT uri, status, reason FROM run_items WHERE run_id = ? "
        "AND status IN ('failed', 'skipped') ORDER BY uri LIMIT ?",
        [run_id, limit],
    )


def top_entities(store: Store, limit: int = 10) -> list[tuple[str, str, int]]:
    """The most mentioned canonical entities: "Vladimir Putin", not "Putin" beside it."""
    return store.rows(
        "SELECT name, type, mentions FROM entity_counts ORDER BY mentions DESC, name LIMIT ?",
        [limit],
    )


def stored_document(store: Store, document_id: str) -> bytes | None:
    """The raw bytes of a stored input, for reprocessing without refetching."""
    import gzip

    rows = store.rows("SELECT content_gzip FROM documents WHERE document_id = ?", [document_id])
    return gzip.decompress(rows[0][0]) if rows else None


def search_articles(store: Store, terms: str, limit: int = 10) -> list[tuple[Any, ...]]:
    """BM25 full-text search over article titles and text, articles stored since the index's
    last rebuild after the ranked ones (storage/_search.py); on a lake, in its search cache,
    rebuilt by the maintenance flow."""
    if store.is_lake:
        from ._lake_upkeep import open_search_cache

        with open_search_cache(store) as cache:
            return search_articles(cache, terms, limit)
    with store.window():
        sql, parameters = search_sql(
            store, terms, "a.title, a.site_name, a.published_date, a.article_id", limit
        )
        return store.rows(
            "SELECT round(score, 3), title, site_name, published_date, article_id "
            f"FROM ({sql}) ORDER BY score DESC, published_date DESC NULLS LAST",
            parameters,
        )
