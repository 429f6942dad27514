"""The `reprocess` flow: clean and annotate stored raw inputs again, without refetching.

For a date range (published date, or the date first seen) or for the articles an old
extractor version annotated. A changed cleaning result becomes a new article version; a new
extractor version adds its mentions to the current version; nothing already stored is
written twice.
"""

from __future__ import annotations

import time
import uuid
from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

import storage
from extractors import LoadSettings, load_model
from flows import _artifacts, _locks, _observe, _pipeline, _rerun

DEFAULT_DB = "newsflow.duckdb"


@task(name="rebuild-documents", cache_policy=NO_CACHE, **_observe.task_options("read"))
def rebuild_task(store: storage.Store, rows: list[dict[str, Any]]) -> _pipeline.ReadResult:
    result = _pipeline.ReadResult()
    for row in rows:
        content = storage.stored_document(store, row["document_id"])
        if content is not None:
            result.documents.append(_rerun.raw_document(row, content))
    return result


@task(name="clean-and-annotate", cache_policy=NO_CACHE, **_observe.task_options("process"))
def process_task(
    run_id: str, read: _pipeline.ReadResult, sources: dict[str, str], settings: LoadSettings
) -> storage.Batch:
    return _pipeline.build_batch(run_id, read, set(), sources, settings)


@task(name="load-batch", cache_policy=NO_CACHE, **_observe.task_options("load"))
def load_task(store: storage.Store, batch: storage.Batch) -> dict[str, int]:
    report = storage.load(store, batch)
    added = {
        table: storage.add_annotations(store, table, rows) for table, rows in batch.children.items()
    }
    return {"new": report.count("new"), "updated": report.count("updated"),
            "unchanged": report.count("unchanged"), **added}  # fmt: skip


@flow(name="reprocess", log_prints=False)
def reprocess(
    db: str = DEFAULT_DB,
    since: date | None = None,
    until: date | None = None,
    extractor: str | None = None,
    batch_size: int = 64,
) -> dict[str, Any]:
    """Clean and annotate again the stored raw inputs of articles published (or first seen)
    between `since` and `until` (inclusive), or annotated by `extractor` (an old version),
    from the DuckDB file `db`. Nothing is fetched."""
    logger = get_run_logger()
    started = time.perf_counter()
    run_id = str(flow_run.get_id() or uuid.uuid4())
    settings = LoadSettings.from_env()
    batch_size = max(1, batch_size)
    parameters = {"db": db, "since": since, "until": until, "extractor": extractor,
                  "batch_size": batch_size}  # fmt: skip
    with _locks.writer_lock(db, run_id, logger), storage.Store.open(db) as store:
        storage.begin_run(store, run_id, "reprocess", parameters)
        try:
            rows = storage.articles_to_reprocess(store, since, until, extractor)
            logger.info("%d stored articles to reprocess", len(rows))
            sources = {r["source_locator"]: r["source_id"] for r in rows if r["source_locator"]}
            if rows:
                load_model()
            for number, start in enumerate(range(0, len(rows), batch_size), start=1):
                chunk = rows[start : start + batch_size]
                name = f"{number} ({len(chunk)} stored articles)"
                read = rebuild_task.with_options(task_run_name=f"rebuild-batch-{name}")(
                    store, chunk
                )
                batch = process_task.with_options(task_run_name=f"clean-annotate-{name}")(
                    run_id, read, sources, settings
                )
                counts = load_task.with_options(task_run_name=f"load-batch-{name}")(store, batch)
                logger.info("batch %d: %s", number, counts)
            if rows:
                store.rebuild_search_index()
        except BaseException:
            storage.finish_run(store, run_id, "failed", time.perf_counter() - started)
            raise
        counts = storage.run_status_counts(store, run_id)
        state = "completed_with_failures" if counts.get("failed") else "completed"
        storage.finish_run(store, run_id, state, time.perf_counter() - started)
        _artifacts.report_run(store, run_id, "reprocess", state, db, time.perf_counter() - started)
    logger.info("reprocess run %s %s: %s", run_id, state, counts)
    return {"run_id": run_id, "db": db, "state": state, "status_counts": counts}
