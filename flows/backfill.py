"""The `backfill` flow: ingest inputs for an explicit date range, leaving cursors alone.

A backfill reads what it is given (files, directories, URL lists, URLs), keeps the articles
published within [since, until], and records the rest as `skipped` (`outside_range`). It is
a one-off run over history: it never moves a source's incremental cursor, so the scheduled
runs carry on from where they were.
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
from extractors import InputPlan, InputRef, LoadSettings, load_model, plan_inputs
from flows import _artifacts, _locks, _observe, _pipeline, _rerun

DEFAULT_DB = "newsflow.duckdb"


@task(name="plan-inputs", cache_policy=NO_CACHE, **_observe.task_options("plan"))
def plan_task(inputs: list[str], settings: LoadSettings) -> InputPlan:
    return plan_inputs(inputs, settings)


@task(name="read-batch", cache_policy=NO_CACHE, **_observe.task_options("read"))
def read_task(refs: list[InputRef], settings: LoadSettings) -> _pipeline.ReadResult:
    return _pipeline.read_batch(refs, settings)


@task(name="clean-annotate-in-range", cache_policy=NO_CACHE, **_observe.task_options("process"))
def process_task(
    run_id: str,
    read: _pipeline.ReadResult,
    known: set[str],
    sources: dict[str, str],
    settings: LoadSettings,
    window: tuple[date | None, date | None, bool],
) -> storage.Batch:
    batch = _pipeline.build_batch(run_id, read, known, sources, settings)
    return _rerun.keep_range(batch, *window)


@task(name="load-batch", cache_policy=NO_CACHE, **_observe.task_options("load"))
def load_task(store: storage.Store, batch: storage.Batch) -> storage.LoadReport:
    return storage.load(store, batch)


@flow(name="backfill", log_prints=False)
def backfill(
    inputs: list[str],
    since: date,
    until: date,
    db: str = DEFAULT_DB,
    batch_size: int = 64,
    keep_undated: bool = False,
) -> dict[str, Any]:
    """Ingest `inputs`, keeping articles published from `since` to `until` (inclusive) into
    the DuckDB file `db`. Never moves a source's cursor. Safe to re-run."""
    if since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    logger = get_run_logger()
    started = time.perf_counter()
    run_id = str(flow_run.get_id() or uuid.uuid4())
    settings = LoadSettings.from_env()
    batch_size = max(1, batch_size)
    window = (since, until, keep_undated)
    parameters = {"inputs": inputs, "since": since, "until": until, "db": db,
                  "batch_size": batch_size, "keep_undated": keep_undated}  # fmt: skip
    with _locks.writer_lock(db, run_id, logger), storage.Store.open(db) as store:
        storage.begin_run(store, run_id, "backfill", parameters)
        try:
            plan = plan_task(inputs, settings)
            sources = {source.locator: source.source_id for source in plan.sources}
            storage.load(
                store,
                storage.Batch(
                    run_id=run_id,
                    sources=_pipeline.source_rows(plan.sources),
                    run_items=[
                        _pipeline.failure_row(error.uri, source.source_id, error)
                        for source, error in plan.failures
                    ],
                ),
            )
            logger.info("backfill %s..%s: %d inputs", since, until, len(plan.refs))
            if plan.refs:
                load_model()
            for number, start in enumerate(range(0, len(plan.refs), batch_size), start=1):
                refs = plan.refs[start : start + batch_size]
                read = read_task.with_options(
                    task_run_name=_observe.batch_task_name("read-batch", number, refs)
                )(refs, settings)
                known = storage.known_inputs(
                    store, [(_pipeline.article_id(d), d.document_id) for d in read.documents]
                )
                batch = process_task.with_options(
                    task_run_name=_observe.batch_task_name("clean-annotate", number, refs)
                )(run_id, read, known, sources, settings, window)
                load_task.with_options(
                    task_run_name=_observe.batch_task_name("load-batch", number, refs)
                )(store, batch)
            store.rebuild_search_index()
        except BaseException:
            storage.finish_run(store, run_id, "failed", time.perf_counter() - started)
            raise
        counts = storage.run_status_counts(store, run_id)
        state = "completed_with_failures" if counts.get("failed") else "completed"
        storage.finish_run(store, run_id, state, time.perf_counter() - started)
        _artifacts.report_run(store, run_id, "backfill", state, db, time.perf_counter() - started)
    logger.info("backfill run %s %s: %s", run_id, state, counts)
    return {"run_id": run_id, "db": db, "state": state, "status_counts": counts}
