"""The `ingest` flow: inputs in, cleaned and annotated articles out, in one DuckDB file."""

from __future__ import annotations

import time
import uuid
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

import storage
from extractors import InputPlan, InputRef, LoadSettings, load_model, plan_inputs
from flows import _artifacts, _locks, _observe, _pipeline, _progress

DEFAULT_DB = "newsflow.duckdb"
DEFAULT_BATCH_SIZE = 64


@task(name="plan-inputs", cache_policy=NO_CACHE, **_observe.task_options("plan"))
def plan_task(inputs: list[str], settings: LoadSettings) -> InputPlan:
    return plan_inputs(inputs, settings)


@task(name="read-batch", cache_policy=NO_CACHE, **_observe.task_options("read"))
def read_task(refs: list[InputRef], settings: LoadSettings) -> _pipeline.ReadResult:
    return _pipeline.read_batch(refs, settings)


@task(name="clean-and-annotate", cache_policy=NO_CACHE, **_observe.task_options("process"))
def process_task(
    run_id: str,
    read: _pipeline.ReadResult,
    known: set[str],
    sources: dict[str, str],
    settings: LoadSettings,
) -> storage.Batch:
    return _pipeline.build_batch(run_id, read, known, sources, settings)


@task(name="load-batch", cache_policy=NO_CACHE, **_observe.task_options("load"))
def load_task(store: storage.Store, batch: storage.Batch) -> storage.LoadReport:
    return storage.load(store, batch)


def _run_id() -> str:
    return str(flow_run.get_id() or uuid.uuid4())


@flow(name="ingest", log_prints=False)
def ingest(
    inputs: list[str], db: str = DEFAULT_DB, batch_size: int = DEFAULT_BATCH_SIZE, limit: int = 0
) -> dict[str, Any]:
    """Load or fetch `inputs` (paths, globs, directories, URL-list files, URLs), clean them,
    extract entity mentions, and store everything in the DuckDB file `db`.

    Safe to re-run: unchanged inputs are skipped, changed ones become new article versions.
    `limit` > 0 reads at most that many inputs. Runs writing the same `db` queue, one at a time.
    Returns a summary: run id, per-status counts and table sizes.
    """
    logger = get_run_logger()
    started = time.perf_counter()
    run_id = _run_id()
    settings = LoadSettings.from_env()
    batch_size = max(1, batch_size)
    with _locks.writer_lock(db, run_id, logger), storage.Store.open(db) as store:
        storage.begin_run(
            store,
            run_id,
            "ingest",
            {"inputs": inputs, "db": db, "batch_size": batch_size, "limit": limit},
        )
        try:
            plan = plan_task(inputs, settings)
            if limit > 0:
                plan.refs = plan.refs[:limit]
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
            total = len(plan.refs)
            logger.info("%d inputs from %d sources; %d names not found",
                        total, len(plan.sources), len(plan.failures))  # fmt: skip
            _progress.report(0, total, "starting")
            if plan.refs:
                load_model()  # once per process, before the first batch
            for number, start in enumerate(range(0, total, batch_size), start=1):
                refs = plan.refs[start : start + batch_size]
                read = read_task.with_options(
                    task_run_name=_observe.batch_task_name("read-batch", number, refs)
                )(refs, settings)
                known = storage.known_inputs(
                    store,
                    [(_pipeline.article_id(d), d.document_id) for d in read.documents],
                )
                batch = process_task.with_options(
                    task_run_name=_observe.batch_task_name("clean-annotate", number, refs)
                )(run_id, read, known, sources, settings)
                report = load_task.with_options(
                    task_run_name=_observe.batch_task_name("load-batch", number, refs)
                )(store, batch)
                logger.info(
                    "batch %d: %d inputs, %d new, %d updated, %d unchanged, %d failed or skipped",
                    number, len(refs), report.count("new"), report.count("updated"),
                    len(known) + report.count("unchanged"), len(read.failures),
                )  # fmt: skip
                _progress.report(min(start + batch_size, total), total, f"batch {number}")
            store.rebuild_search_index()
        except BaseException:
            storage.finish_run(store, run_id, "failed", time.perf_counter() - started)
            raise
        counts = storage.run_status_counts(store, run_id)
        failed = counts.get("failed", 0) + counts.get("skipped", 0)
        state = "completed_with_failures" if failed else "completed"
        storage.finish_run(store, run_id, state, time.perf_counter() - started)
        _artifacts.report_run(store, run_id, "ingest", state, db, time.perf_counter() - started)
        summary = {
            "run_id": run_id,
            "db": db,
            "state": state,
            "status_counts": counts,
            "tables": storage.table_counts(store),
            "failures": storage.run_failures(store, run_id),
            "top_entities": storage.top_entities(store, 8),
            "elapsed_s": round(time.perf_counter() - started, 2),
        }
    logger.info("run %s %s: %s", run_id, state, counts)
    return summary
