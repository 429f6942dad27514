"""Writes to a lake, append-only: one load per batch, run bookkeeping, added annotations,
and the one question a loader asks before the work (which inputs are stored already).

Every write is an INSERT into `lake.log.*` with the load's id in `_batch`, plus its manifest
in `lake.log.batches`, in one transaction: a reader sees all of a batch or none of it, and
two writers never conflict (DuckLake only aborts appends that meet a DELETE or UPDATE). The
anti-joins against the log keep a re-run from appending what is stored; rows two writers
append at the same moment are resolved by the views (storage/_lake.py).

A failed batch (a commit that ran out of retries, the catalog restarted, the object store
gone) is rolled back whole and tried again with jittered backoff for up to
`LakeSettings.retry_s`; then it raises a transient error, which a Prefect task retries.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from ._lake import LOG, LakeStore
from ._loader import ARTICLE_FIELDS, Batch, LoadReport, _arrow, _dedupe, document_rows
from ._schema import spec_for
from ._store import Store

LATEST = (
    "QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY snapshot_id DESC, rowid DESC) = 1"
)


def _lake(store: Store) -> LakeStore:
    if not isinstance(store, LakeStore):
        raise TypeError(f"{store.path} is not a lake")
    return store


def load(store: Store, batch: Batch) -> LoadReport:
    """Append one batch in one lake transaction, retried whole on transient failures."""
    lake = _lake(store)
    if lake.in_transaction:  # the caller's transaction: it decides about retries
        return _load_once(lake, batch)
    return lake.retrying(lambda: _load_once(lake, batch), f"load of a batch of run {batch.run_id}")


def _load_once(store: LakeStore, batch: Batch) -> LoadReport:
    report = LoadReport()
    batch_id = uuid.uuid4().hex
    now = datetime.now(UTC)
    written: dict[str, int] = {}
    with store.transaction():
        for row in batch.sources:
            row.setdefault("last_run_id", batch.run_id)
            row.setdefault("last_seen_at", now)
        sources = [{**row, "first_seen_at": now} for row in batch.sources]
        written["sources"] = _append(store, "sources", sources, batch_id)
        documents = document_rows(batch.documents, now)
        written["documents"] = _append(store, "documents", documents, batch_id, new_only=True)
        report.changes, written["article_versions"] = _append_articles(
            store, batch.articles, batch.run_id, batch_id, now
        )
        for name, rows in batch.children.items():
            spec = spec_for(name)
            if spec.versioned and report.changes:
                written[name] = _append_children(store, name, rows, batch_id)
            elif not spec.versioned:
                new_only = spec.disposition == "insert_new"
                written[name] = _append(store, name, rows, batch_id, new_only=new_only)
        items = []
        for item in batch.run_items:
            item = {"run_id": batch.run_id, "recorded_at": now, **item}
            if item.get("status") is None:
                item["status"] = report.changes.get(item.get("article_id") or "", "failed")
            items.append(item)
        written["run_items"] = _append(store, "run_items", items, batch_id)
        _manifest(store, batch_id, batch.run_id, now, written)
    report.rows_written = {k: v for k, v in written.items() if k != "article_versions"}
    return report


def _append(
    store: LakeStore, name: str, rows: list[dict[str, Any]], batch_id: str, new_only: bool = False
) -> int:
    """Append rows of `name`; with `new_only`, only keys the log does not hold yet."""
    spec = spec_for(name)
    rows = _dedupe(rows, spec.key)
    if not rows:
        return 0
    staged = f"staged_{name}"
    store.register(staged, _arrow(rows))
    try:
        where = ""
        if new_only:
            match = " AND ".join(f"t.{k} IS NOT DISTINCT FROM s.{k}" for k in spec.key)
            where = f" WHERE NOT EXISTS (SELECT 1 FROM {LOG}.{name} t WHERE {match})"
        inserted = store.rows(
            f"INSERT INTO {LOG}.{name} BY NAME "
            f"SELECT s.*, ?::VARCHAR AS _batch FROM {staged} s{where}",
            [batch_id],
        )
        return int(inserted[0][0])
    finally:
        store.unregister(staged)


def _append_articles(
    store: LakeStore, rows: list[dict[str, Any]], run_id: str, batch_id: str, now: datetime
) -> tuple[dict[str, str], int]:
    """Observations of articles: new, updated (content differs from the newest one stored)
    or unchanged (nothing appended). The version written is this writer's guess; the views
    number versions in commit order."""
    rows = _dedupe(rows, ("article_id",))
    if not rows:
        return {}, 0
    for row in rows:
        if isinstance(row.get("field_sources"), dict):
            row["field_sources"] = json.dumps(row["field_sources"], sort_keys=True)
    store.register("incoming_articles", _arrow(rows, ARTICLE_FIELDS))
    try:
        store.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE staged_articles AS
            WITH latest AS (
                SELECT article_id, content_hash, version FROM {LOG}.article_versions
                WHERE article_id IN (SELECT article_id FROM incoming_articles) {LATEST}
            )
            SELECT s.*,
                   CASE WHEN c.article_id IS NULL THEN 'new'
                        WHEN c.content_hash <> s.content_hash THEN 'updated'
                        ELSE 'unchanged' END AS change,
                   CASE WHEN c.article_id IS NULL THEN 1
                        WHEN c.content_hash <> s.content_hash THEN c.version + 1
                        ELSE c.version END AS version
            FROM incoming_articles s
            LEFT JOIN latest c ON c.article_id = s.article_id
            """
        )
    finally:
        store.unregister("incoming_articles")
    inserted = store.rows(
        f"""
        INSERT INTO {LOG}.article_versions BY NAME
        SELECT s.* EXCLUDE (change), ?::VARCHAR AS run_id, ?::TIMESTAMPTZ AS created_at,
               ?::VARCHAR AS _batch
        FROM staged_articles s WHERE s.change <> 'unchanged'
        """,
        [run_id, now, batch_id],
    )
    count = int(inserted[0][0])
    return dict(store.rows("SELECT article_id, change FROM staged_articles")), count


def _append_children(store: LakeStore, name: str, rows: list[dict[str, Any]], batch_id: str) -> int:
    """Rows of the article versions this batch appended, tied to them by `_version_batch`."""
    rows = [{k: v for k, v in row.items() if k != "version"} for row in rows]
    if not rows:
        return 0
    store.register(f"incoming_{name}", _arrow(rows))
    try:
        inserted = store.rows(
            f"INSERT INTO {LOG}.{name} BY NAME "
            f"SELECT c.*, a.version, ?::VARCHAR AS _batch, ?::VARCHAR AS _version_batch "
            f"FROM incoming_{name} c "
            "JOIN staged_articles a ON a.article_id = c.article_id AND a.change <> 'unchanged'",
            [batch_id, batch_id],
        )
        return int(inserted[0][0])
    finally:
        store.unregister(f"incoming_{name}")


def _manifest(
    store: LakeStore, batch_id: str, run_id: str | None, now: datetime, written: dict[str, int]
) -> None:
    """What the load wrote, per table, in the same transaction (see `batch_problems`)."""
    counts = {name: n for name, n in written.items() if n}
    if not counts:
        return
    store.execute(
        f"INSERT INTO {LOG}.batches SELECT ?::VARCHAR, ?::VARCHAR, ?::TIMESTAMPTZ, "
        "unnest(?::VARCHAR[]), unnest(?::BIGINT[])",
        [batch_id, run_id, now, list(counts), list(counts.values())],
    )


# -- runs ---------------------------------------------------------------------------------------


def begin_run(store: Store, run_id: str, flow_name: str, parameters: dict[str, Any]) -> None:
    """Record a run as started (a retry of the same run id appends a newer row). Other runs
    still `running` are not this writer's business on a lake: the maintenance flow marks
    runs that stopped committing long ago `abandoned`."""
    _lake(store).execute(
        f"INSERT INTO {LOG}.runs BY NAME SELECT ?::VARCHAR AS run_id, ?::VARCHAR AS flow_name, "
        "?::TIMESTAMPTZ AS started_at, 'running' AS state, ?::JSON AS parameters",
        [run_id, flow_name, datetime.now(UTC), json.dumps(parameters, default=str)],
    )


def append_run_row(store: Store, run_id: str, changes: dict[str, Any]) -> None:
    """A newer row of a run: its newest row with `changes` (the view shows the newest)."""
    names = list(changes)
    replaced = ", ".join(f"? AS {name}" for name in names)
    _lake(store).execute(
        f"INSERT INTO {LOG}.runs BY NAME SELECT r.* REPLACE ({replaced}) "
        "FROM main.runs r WHERE r.run_id = ?",
        [*changes.values(), run_id],
    )


def known_inputs(store: Store, pairs: list[tuple[str, str]]) -> set[str]:
    """Article ids whose newest observation or newest sighting is exactly this document."""
    rows = _lake(store).rows(
        f"""
        WITH p AS (SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::VARCHAR[]) AS document_id),
        versions AS (SELECT article_id, document_id FROM {LOG}.article_versions
                     WHERE article_id IN (SELECT article_id FROM p) {LATEST}),
        sightings AS (SELECT article_id, document_id FROM {LOG}.run_items
                      WHERE article_id IN (SELECT article_id FROM p)
                        AND status IN ('new', 'updated', 'unchanged') {LATEST})
        SELECT DISTINCT p.article_id FROM p
        WHERE EXISTS (SELECT 1 FROM versions v WHERE v.article_id = p.article_id
                      AND v.document_id = p.document_id)
           OR EXISTS (SELECT 1 FROM sightings s WHERE s.article_id = p.article_id
                      AND s.document_id = p.document_id)
        """,
        [[p[0] for p in pairs], [p[1] for p in pairs]],
    )
    return {row[0] for row in rows}


def add_annotations(store: Store, table: str, rows: list[dict[str, Any]]) -> int:
    """Rows of a new extractor version for each article's current version; rows stored
    under their key already are left out."""
    lake = _lake(store)
    spec = spec_for(table)
    incoming = [{k: v for k, v in row.items() if k != "version"} for row in rows]
    match = " AND ".join(
        "t._version_batch = s._version_batch" if k == "version" else f"t.{k} = s.{k}"
        for k in spec.key
    )
    batch_id = uuid.uuid4().hex

    def once() -> int:
        with lake.transaction():
            lake.register("incoming_annotations", _arrow(incoming))
            try:
                inserted = lake.rows(
                    f"""
                    INSERT INTO {LOG}.{table} BY NAME
                    SELECT s.*, ?::VARCHAR AS _batch FROM (
                        SELECT c.*, v.version, v._batch AS _version_batch
                        FROM incoming_annotations c
                        JOIN (SELECT article_id, version, _batch FROM {LOG}.versions
                              WHERE article_id IN (SELECT article_id FROM incoming_annotations)
                              QUALIFY row_number() OVER (PARTITION BY article_id
                                                         ORDER BY version DESC) = 1) v
                          ON v.article_id = c.article_id
                    ) s
                    WHERE NOT EXISTS (SELECT 1 FROM {LOG}.{table} t WHERE {match})
                    """,
                    [batch_id],
                )
                added = int(inserted[0][0])
            finally:
                lake.unregister("incoming_annotations")
            _manifest(lake, batch_id, None, datetime.now(UTC), {table: added})
            return added

    if lake.in_transaction:
        return once()
    return lake.retrying(once, f"adding {table} rows")
