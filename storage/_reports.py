"""Run reports: the figures a run publishes (per-source results, new entities), from SQL.

Flows turn these into Prefect artifacts and store the same dict in `runs.report`, so the UI
and `newsflow sql` show one set of numbers.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ._loader import _arrow
from ._schema import spec_for
from ._store import Store

SOURCE_COLUMNS = (
    "source", "kind", "inputs", "fetched", "new", "updated", "unchanged", "skipped", "failed",
    "reasons",
)  # fmt: skip
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")


def run_source_results(store: Store, run_id: str) -> list[dict[str, Any]]:
    """One row per source of the run: inputs, fetched, new/updated/unchanged/skipped/failed."""
    rows = store.rows(
        "SELECT " + ", ".join(SOURCE_COLUMNS) + " FROM run_source_results "
        "WHERE run_id = ? ORDER BY source",
        [run_id],
    )
    return [dict(zip(SOURCE_COLUMNS, row, strict=True)) for row in rows]


def run_new_entities(store: Store, run_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """Canonical entities most mentioned in the article versions this run created ("Vladimir
    Putin" counting the mentions of "Putin"; the newest extractor's rows of each version).

    Read from `article_entities` (one row per article and entity, its mentions counted), in
    steps that DuckDB can hold in a window's memory: over `entity_mentions` with a distinct
    count of articles, the report of a 50,000-article run needed more than the window's 128MB
    and failed the run after every article was stored (bench/results/issue14.md, round 13)."""
    rows = store.rows(
        """
        WITH run_versions AS (
            SELECT article_id, version FROM article_versions WHERE run_id = ?
        ), latest AS (
            SELECT a.article_id, a.version, max(a.extractor) AS extractor
            FROM article_entities a JOIN run_versions USING (article_id, version)
            GROUP BY ALL
        ), per_article AS (  -- "Trump" counts for Donald Trump (entity_redirects)
            SELECT coalesce(r.target_id, a.entity_id) AS entity_id, a.article_id,
                   sum(a.mentions) AS mentions
            FROM article_entities a
            JOIN latest USING (article_id, version, extractor)
            LEFT JOIN entity_redirects r ON r.entity_id = a.entity_id
            WHERE a.mentions > 0  -- rows of entities the article only refers to
            GROUP BY ALL
        ), per_entity AS (
            SELECT entity_id, sum(mentions) AS mentions, count(*) AS articles
            FROM per_article GROUP BY entity_id
        )
        SELECT e.name, e.type, p.mentions, p.articles
        FROM per_entity p JOIN entities e USING (entity_id)
        WHERE list_contains(?::VARCHAR[], e.type)
        ORDER BY p.mentions DESC, e.name
        LIMIT ?
        """,
        [run_id, list(ENTITY_LABELS), limit],
    )
    return [dict(zip(("entity", "label", "mentions", "articles"), r, strict=True)) for r in rows]


def record_run_report(store: Store, run_id: str, report: dict[str, Any]) -> None:
    """Keep what the run published with its `runs` row (JSON in `runs.report`)."""
    if store.is_lake:
        from ._lake_writes import append_run_row

        return append_run_row(store, run_id, {"report": json.dumps(report, default=str)})
    store.execute(
        "UPDATE runs SET report = ? WHERE run_id = ?", [json.dumps(report, default=str), run_id]
    )


def run_report(store: Store, run_id: str) -> dict[str, Any] | None:
    rows = store.rows("SELECT report FROM runs WHERE run_id = ?", [run_id])
    return json.loads(rows[0][0]) if rows and rows[0][0] else None


def articles_to_reprocess(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    extractor: str | None = None,
    lacking: tuple[tuple[str, str], ...] = (),
) -> list[dict[str, Any]]:
    """Current articles to clean and annotate again from their stored raw input.

    `since`/`until` (inclusive) bound the published date, or the date first seen when an
    article has none; `extractor` keeps only articles whose current version has mentions
    from that extractor version (e.g. an old model); `lacking` ((table, extractor) pairs)
    keeps only parsed articles whose current version has no rows of one of them.
    """
    missing = []
    for table, _ in lacking:
        spec = spec_for(table)
        if not spec.versioned:
            raise ValueError(f"{table} is not a per-article table")
        missing.append(
            f"NOT EXISTS (SELECT 1 FROM {spec.name} t WHERE t.article_id = a.article_id "
            "AND t.version = a.version AND t.extractor = ?)"
        )
    outdated = "AND a.nlp_status = 'done' AND (" + " OR ".join(missing) + ")" if missing else ""
    columns = ("article_id", "document_id", "uri", "url", "source_id", "source_locator",
               "kind", "content_type")  # fmt: skip
    rows = store.rows(
        """
        SELECT a.article_id, a.document_id, a.uri, a.url, a.source_id, s.locator,
               d.kind, d.content_type
        FROM articles a
        JOIN documents d ON d.document_id = a.document_id
        LEFT JOIN sources s ON s.source_id = a.source_id
        WHERE (?::DATE IS NULL OR coalesce(a.published_date, a.first_seen_at::DATE) >= ?::DATE)
          AND (?::DATE IS NULL OR coalesce(a.published_date, a.first_seen_at::DATE) <= ?::DATE)
          AND (?::VARCHAR IS NULL OR EXISTS (
                SELECT 1 FROM mentions m WHERE m.article_id = a.article_id
                AND m.version = a.version AND m.extractor = ?::VARCHAR))
        """
        + outdated
        + " ORDER BY a.article_id",
        [since, since, until, until, extractor, extractor, *(name for _, name in lacking)],
    )
    return [dict(zip(columns, row, strict=True)) for row in rows]


def add_annotations(store: Store, table: str, rows: list[dict[str, Any]]) -> int:
    """Add annotation rows (e.g. a new extractor's mentions) to each article's current
    version; rows already stored under their key are left alone. Returns rows added."""
    spec = spec_for(table)
    if not rows or not spec.versioned:
        return 0
    if store.is_lake:
        from ._lake_writes import add_annotations as add_to_lake

        return add_to_lake(store, table, rows)
    incoming = [{k: v for k, v in row.items() if k != "version"} for row in rows]
    match = " AND ".join(f"t.{k} IS NOT DISTINCT FROM s.{k}" for k in spec.key)
    with store.transaction():
        store.register("incoming_annotations", _arrow(incoming))
        try:
            before = store.rows(f"SELECT count(*) FROM {spec.name}")[0][0]
            store.execute(
                f"INSERT INTO {spec.name} BY NAME "
                f"SELECT s.* FROM (SELECT c.*, a.version FROM incoming_annotations c "
                f"JOIN articles a ON a.article_id = c.article_id) s "
                f"WHERE NOT EXISTS (SELECT 1 FROM {spec.name} t WHERE {match})"
            )
            return store.rows(f"SELECT count(*) FROM {spec.name}")[0][0] - before
        finally:
            store.unregister("incoming_annotations")


def run_events_by_type(store: Store, run_id: str) -> list[dict[str, Any]]:
    """Events found in the article versions this run created, per PLOVER type."""
    rows = store.rows(
        """
        SELECT e.type, count(*) AS events, count(DISTINCT e.article_id) AS articles
        FROM events e
        JOIN article_versions v ON v.article_id = e.article_id AND v.version = e.version
        WHERE v.run_id = ?
        GROUP BY ALL
        ORDER BY events DESC, e.type
        """,
        [run_id],
    )
    return [dict(zip(("type", "events", "articles"), row, strict=True)) for row in rows]


def run_slowest_hosts(store: Store, run_id: str, limit: int = 5) -> list[dict[str, Any]]:
    """Hosts this run fetched from, slowest first (mean time per request)."""
    columns = ("host", "requests", "mean_ms", "max_ms", "failures")
    rows = store.rows(
        """
        SELECT regexp_extract(url, '^[a-zA-Z]+://([^/:?#]+)', 1) AS host,
               count(*) AS requests,
               round(avg(elapsed_ms))::INTEGER AS mean_ms,
               max(elapsed_ms) AS max_ms,
               count(error_class) AS failures
        FROM fetches
        WHERE run_id = ?
        GROUP BY ALL
        ORDER BY mean_ms DESC, host
        LIMIT ?
        """,
        [run_id, limit],
    )
    return [dict(zip(columns, row, strict=True)) for row in rows]


def row_groups(store: Store) -> dict[str, int]:
    """Row groups of each table in the file (`pragma_storage_info`), for benchmarks: a run's
    windows append one per table they write and merge none (`WINDOW_VACUUM_TASKS`)."""
    tables = [
        name
        for (name,) in store.rows(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND database_name = "
            "current_database() ORDER BY table_name"
        )
    ]
    counts = {}
    for name in tables:
        counts[name] = store.rows(
            f"SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('{name}')"
        )[0][0]
    return counts


def memory_accounting(store: Store) -> dict[str, Any]:
    """DuckDB's own accounting of its memory now, in MB: by tag (`duckdb_memory()`, memory
    and temporary storage), and the temporary files' total size; for memory logs."""
    tags = {
        tag: [round(used / (1 << 20), 1), round(spilled / (1 << 20), 1)]
        for tag, used, spilled in store.rows(
            "SELECT tag, memory_usage_bytes, temporary_storage_bytes FROM duckdb_memory() "
            "WHERE memory_usage_bytes > 0 OR temporary_storage_bytes > 0"
        )
    }
    files = store.rows("SELECT count(*), coalesce(sum(size), 0) FROM duckdb_temporary_files()")
    temps = store.rows("SELECT count(*) FROM duckdb_tables() WHERE temporary")
    return {
        "tags": tags,
        "temp_files": [files[0][0], round(files[0][1] / (1 << 20), 1)],
        "temp_tables": temps[0][0],
    }
