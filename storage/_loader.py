"""Bulk, idempotent loads: one transaction per batch, Arrow in, anti-joins and MERGE out."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from ._entities import refresh_entity_countries, resolve_people, unsettled_entities
from ._errors import RowsRejected
from ._schema import ARTICLE_FIELDS, TableSpec, spec_for
from ._search import index_loaded_articles
from ._store import Store
from ._stories import assign_stories

# What turning a batch's Python values into Arrow can raise on a value it cannot take (a
# lone surrogate in a string, an integer past 64 bits, a mixed-type column).
# Cross-article rows that go with the inputs whose per-article rows name their entity_id.
CROSS_ARTICLE = ("entities", "entity_aliases")
ROW_ERRORS = (pa.ArrowException, UnicodeError, OverflowError, TypeError, ValueError)

# What a new version of a stored article overwrites: every supplied field but its key, plus
# the loader's bookkeeping.
ARTICLE_UPDATES = ", ".join(
    f"{name} = s.{name}"
    for name in (*ARTICLE_FIELDS[1:], "version", "last_document_id", "updated_at", "last_run_id")
)


@dataclass
class Batch:
    """Rows for one load, as plain dicts keyed by column name.

    `articles` rows carry no version: the loader decides new / updated / unchanged by
    comparing `content_hash` with the stored current version. `children` are versioned tables
    (e.g. mentions) whose rows name their `article_id`; they are written only for articles that
    are new or changed. `run_items` rows whose `status` is None take the article's outcome.
    """

    run_id: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    run_items: list[dict[str, Any]] = field(default_factory=list)
    # CPU seconds per pipeline stage that produced the batch; reported, never stored.
    stage_cpu_s: dict[str, float] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.run_items)

    def inputs(self) -> list[str]:
        """The batch's inputs: the URIs of its run items, in order."""
        return list(dict.fromkeys(item["uri"] for item in self.run_items))

    def part(self, uris: Iterable[str]) -> Batch:
        """The rows of some of the batch's inputs: their run items, documents, articles,
        per-article rows and the entities those rows name; none of the shared rows."""
        wanted = set(uris)
        items = [item for item in self.run_items if item["uri"] in wanted]
        documents = {item.get("document_id") for item in items} - {None}
        articles = {item.get("article_id") for item in items} - {None}
        children: dict[str, list[dict[str, Any]]] = {}
        for name, rows in self.children.items():
            if spec_for(name).versioned:
                children[name] = [row for row in rows if row.get("article_id") in articles]
        named = {row.get("entity_id") for rows in children.values() for row in rows} - {None}
        for name in CROSS_ARTICLE:
            if name in self.children:
                children[name] = [r for r in self.children[name] if r.get("entity_id") in named]
        return Batch(
            run_id=self.run_id,
            documents=[d for d in self.documents if d["document_id"] in documents],
            articles=[a for a in self.articles if a["article_id"] in articles],
            children=children,
            run_items=items,
        )

    @classmethod
    def merged(cls, batches: list[Batch]) -> Batch:
        """One batch of the rows of several of a run's batches, in order, to load in one
        transaction: a key two of them hold is loaded once, the later one's row (as within
        one batch)."""
        merged = cls(run_id=batches[0].run_id)
        for batch in batches:
            merged.sources += batch.sources
            merged.documents += batch.documents
            merged.articles += batch.articles
            for name, rows in batch.children.items():
                merged.children.setdefault(name, []).extend(rows)
            merged.run_items += batch.run_items
        return merged

    def shared(self) -> Batch:
        """The rows that belong to no one input: sources, fetches, polling state, …"""
        return Batch(
            run_id=self.run_id,
            sources=self.sources,
            children={
                name: rows
                for name, rows in self.children.items()
                if not spec_for(name).versioned and name not in CROSS_ARTICLE
            },
        )


@dataclass
class LoadReport:
    changes: dict[str, str] = field(default_factory=dict)  # article_id -> new|updated|unchanged
    rows_written: dict[str, int] = field(default_factory=dict)

    def count(self, change: str) -> int:
        return sum(1 for value in self.changes.values() if value == change)

    def add(self, other: LoadReport) -> None:
        self.changes.update(other.changes)
        for table, rows in other.rows_written.items():
            self.rows_written[table] = self.rows_written.get(table, 0) + rows


def _arrow(rows: list[dict[str, Any]], columns: Iterable[str] | None = None) -> pa.Table:
    if columns is not None:
        columns = list(columns)
        rows = [{c: row.get(c) for c in columns} for row in rows]
    return pa.Table.from_pylist(rows)


def _dedupe(rows: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    """Last row wins per key, so one batch never inserts a key twice."""
    by_key = {tuple(row.get(k) for k in key): row for row in rows}
    return list(by_key.values())


def _write(store: Store, spec: TableSpec, rows: list[dict[str, Any]], staged: str) -> int:
    """Insert rows of `spec.name` from the registered Arrow view `staged`, per its disposition."""
    if not rows:
        return 0
    match = " AND ".join(f"t.{k} IS NOT DISTINCT FROM s.{k}" for k in spec.key)
    if spec.disposition == "merge":  # MERGE counts updates too: count the new rows
        before = store.rows(f"SELECT count(*) FROM {spec.name}")[0][0]
        store.execute(
            f"MERGE INTO {spec.name} t USING {staged} s ON {match} "
            "WHEN MATCHED THEN UPDATE BY NAME WHEN NOT MATCHED THEN INSERT BY NAME"
        )
        return int(store.rows(f"SELECT count(*) FROM {spec.name}")[0][0] - before)
    inserted = store.rows(
        f"INSERT INTO {spec.name} BY NAME SELECT s.* FROM {staged} s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {spec.name} t WHERE {match})"
    )
    return int(inserted[0][0])  # DuckDB answers an INSERT with the rows it inserted


def _load_table(store: Store, name: str, rows: list[dict[str, Any]]) -> int:
    spec = spec_for(name)
    rows = _dedupe(rows, spec.key)
    if not rows:
        return 0
    staged = f"staged_{name}"
    store.register(staged, _arrow(rows))
    try:
        return _write(store, spec, rows, staged)
    finally:
        store.unregister(staged)


def _load_articles(store: Store, rows: list[dict[str, Any]], run_id: str) -> dict[str, str]:
    rows = _dedupe(rows, ("article_id",))
    if not rows:
        return {}
    for row in rows:
        if isinstance(row.get("field_sources"), dict):
            row["field_sources"] = json.dumps(row["field_sources"], sort_keys=True)
    store.register("incoming_articles", _arrow(rows, ARTICLE_FIELDS))
    try:
        store.execute(
            """
            CREATE OR REPLACE TEMP TABLE staged_articles AS
            SELECT s.*,
                   CASE WHEN c.article_id IS NULL THEN 'new'
                        WHEN c.content_hash <> s.content_hash THEN 'updated'
                        ELSE 'unchanged' END AS change,
                   CASE WHEN c.article_id IS NULL THEN 1
                        WHEN c.content_hash <> s.content_hash THEN c.version + 1
                        ELSE c.version END AS version
            FROM incoming_articles s
            LEFT JOIN articles c ON c.article_id = s.article_id
            """
        )
    finally:
        store.unregister("incoming_articles")
    now = datetime.now(UTC)
    store.execute(
        """
        INSERT INTO article_versions BY NAME
        SELECT s.* EXCLUDE (change), ?::VARCHAR AS run_id, ?::TIMESTAMPTZ AS created_at
        FROM staged_articles s
        WHERE s.change <> 'unchanged'
          AND NOT EXISTS (SELECT 1 FROM article_versions v
                          WHERE v.article_id = s.article_id AND v.version = s.version)
        """,
        [run_id, now],
    )
    store.execute(
        f"""
        MERGE INTO articles t
        USING (SELECT s.* EXCLUDE (change), s.document_id AS last_document_id,
                      ?::VARCHAR AS last_run_id, ?::TIMESTAMPTZ AS updated_at,
                      ?::TIMESTAMPTZ AS first_seen_at
               FROM staged_articles s WHERE s.change <> 'unchanged') s
        ON t.article_id = s.article_id
        WHEN MATCHED THEN UPDATE SET {ARTICLE_UPDATES}
        WHEN NOT MATCHED THEN INSERT BY NAME
        """,
        [run_id, now, now],
    )
    # Unchanged content from a new raw input: remember the raw input so the next run skips it.
    store.execute(
        """
        UPDATE articles SET last_document_id = s.document_id, last_run_id = ?
        FROM staged_articles s
        WHERE articles.article_id = s.article_id AND s.change = 'unchanged'
        """,
        [run_id],
    )
    return dict(store.rows("SELECT article_id, change FROM staged_articles"))


def _load_children(store: Store, name: str, rows: list[dict[str, Any]]) -> int:
    """Versioned rows: take the version the loader just gave their article; skip unchanged ones."""
    spec = spec_for(name)
    rows = [{k: v for k, v in row.items() if k != "version"} for row in rows]
    if not rows:
        return 0
    store.register(f"incoming_{name}", _arrow(rows))
    try:
        store.execute(
            f"CREATE OR REPLACE TEMP TABLE staged_{name} AS "
            f"SELECT c.*, a.version FROM incoming_{name} c "
            "JOIN staged_articles a ON a.article_id = c.article_id AND a.change <> 'unchanged'"
        )
    finally:
        store.unregister(f"incoming_{name}")
    return _write(store, spec, rows, f"staged_{name}")


def document_rows(documents: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """`documents` rows of a batch: the raw input gzip-compressed, unless a producer already
    compressed it (worker processes compress in parallel and pass content_gzip)."""
    return [
        {
            "document_id": d["document_id"],
            "kind": d["kind"],
            "content_type": d.get("content_type"),
            "size_bytes": d.get("size_bytes", len(d.get("content", b""))),
            "content_gzip": d.get("content_gzip") or gzip.compress(d["content"], compresslevel=6),
            "content_lean": bool(d.get("content_lean")),
            "first_seen_at": now,
        }
        for d in documents
    ]


def load(store: Store, batch: Batch) -> LoadReport:
    """Write one batch in one transaction. Safe to repeat: a second load adds no rows.

    A row holding a value DuckDB or Arrow refuses raises `RowsRejected` and nothing of the
    batch is written; the caller can load the batch's inputs apart to find it. On a lake
    (`store.is_lake`) the batch is appended instead (storage/_lake_writes.py).
    """
    if store.is_lake:
        from ._lake_writes import load as load_into_lake

        return load_into_lake(store, batch)
    try:
        return _load(store, batch)
    except ROW_ERRORS as error:
        raise RowsRejected(
            f"{store.path}: rows refused: {type(error).__name__}: {error}", path=store.path
        ) from error


def _load(store: Store, batch: Batch) -> LoadReport:
    report = LoadReport()
    now = datetime.now(UTC)
    with store.transaction():
        for row in batch.sources:
            row.setdefault("last_run_id", batch.run_id)
            row.setdefault("last_seen_at", now)
        report.rows_written["sources"] = _load_sources(store, batch.sources, now)
        documents = document_rows(batch.documents, now)
        report.rows_written["documents"] = _load_table(store, "documents", documents)
        report.changes = _load_articles(store, batch.articles, batch.run_id)
        if report.changes:  # the search index: the new and changed articles' terms
            report.rows_written["search_documents"] = index_loaded_articles(store)
        for name, rows in batch.children.items():
            if spec_for(name).versioned and report.changes:
                report.rows_written[name] = _load_children(store, name, rows)
            elif not spec_for(name).versioned:
                report.rows_written[name] = _load_table(store, name, rows)
        new_articles = {key for key, change in report.changes.items() if change == "new"}
        report.rows_written["entity_redirects"] = after_annotations(
            store, batch.children, new_articles=new_articles
        )
        items = []
        for item in batch.run_items:
            item = {"run_id": batch.run_id, "recorded_at": now, **item}
            if item.get("status") is None:
                item["status"] = report.changes.get(item.get("article_id") or "", "failed")
            items.append(item)
        report.rows_written["run_items"] = _load_table(store, "run_items", items)
    return report


def after_annotations(
    store: Store,
    children: dict[str, list[dict[str, Any]]],
    *,
    new_articles: set[str] | None = None,
) -> int:
    """The cross-article steps that follow new annotation rows, in the caller's transaction:
    entity countries voted over articles, one-word names redirected to the one person they
    name (`resolve_people`), and stories for new signatures. `new_articles`:
    the articles the load stored for the first time, whose votes can only settle an entity
    whose country they agree with (its vote is not recounted). Returns the redirects added or
    removed."""
    redirects = 0
    if children.get("article_entities"):
        rows = children["article_entities"]
        if new_articles is None:
            entity_ids = sorted({row["entity_id"] for row in rows})
        else:
            entity_ids = unsettled_entities(store, rows, new_articles)
        refresh_entity_countries(store, entity_ids)
        redirects = resolve_people(store, sorted({row["entity_id"] for row in rows}))
    if children.get("story_signatures"):
        assign_stories(
            store, input_order=[row["article_id"] for row in children["story_signatures"]]
        )
    return redirects


def update_cross_article(store: Store, children: dict[str, list[dict[str, Any]]]) -> None:
    """`after_annotations` in a transaction of its own, after annotation rows were added
    outside `load` (reprocessing adds rows to unchanged articles). On a lake, nothing here:
    its `entities` view votes countries itself, its `entity_redirects` view decides
    redirects, and the maintenance flow groups stories."""
    if store.is_lake:
        return
    with store.transaction():
        after_annotations(store, children)


def _load_sources(store: Store, rows: list[dict[str, Any]], now: datetime) -> int:
    """Sources keep their first_seen_at; later loads move last_seen_at and last_run_id."""
    rows = _dedupe(rows, ("source_id",))
    if not rows:
        return 0
    store.register("staged_sources", _arrow(rows))
    try:
        before = store.rows("SELECT count(*) FROM sources")[0][0]
        store.execute(
            """
            MERGE INTO sources t
            USING (SELECT * REPLACE (?::TIMESTAMPTZ AS first_seen_at) FROM staged_sources) s
            ON t.source_id = s.source_id
            WHEN MATCHED THEN UPDATE SET last_seen_at = s.last_seen_at, last_run_id = s.last_run_id
            WHEN NOT MATCHED THEN INSERT BY NAME
            """,
            [now],
        )
        return store.rows("SELECT count(*) FROM sources")[0][0] - before
    finally:
        store.unregister("staged_sources")
