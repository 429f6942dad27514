"""The `ingest` flow: inputs in, cleaned and annotated articles out, in one DuckDB file."""

from __future__ import annotations

import time
import uuid
from collections import deque
from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

import storage
from extractors import (
    InputPlan,
    InputRef,
    LoadSettings,
    Source,
    WarcFilter,
    article_id,
    plan_inputs,
)
from extractors._polling import polled_source
from flows import _artifacts, _fetching, _locks, _observe, _pipeline, _progress
from flows._workers import WorkerPool, default_workers

DEFAULT_DB = "newsflow.duckdb"
DEFAULT_BATCH_SIZE = 32


@task(name="plan-inputs", cache_policy=NO_CACHE, **_observe.task_options("plan"))
def plan_task(inputs: list[str], settings: LoadSettings) -> InputPlan:
    return plan_inputs(inputs, settings)


@task(name="read-batch", cache_policy=NO_CACHE, **_observe.task_options("read"))
def read_task(refs: list[InputRef], settings: LoadSettings) -> _pipeline.ReadResult:
    return _pipeline.read_batch(refs, settings)


@task(
    name="clean-and-annotate",
    cache_policy=NO_CACHE,
    **_observe.task_options("process", submitted=True),
)
def process_task(
    run_id: str,
    read: _pipeline.ReadResult,
    known: set[str],
    sources: dict[str, str],
    settings: LoadSettings,
    pool: WorkerPool,
) -> storage.Batch:
    return pool.process(run_id, read, known, sources, settings)


@task(name="crawl-sources", cache_policy=NO_CACHE)
def crawl_task(
    store: storage.Store,
    run_id: str,
    sources: list[Source],
    batch_size: int,
    only_due: bool,
    pool: WorkerPool,
) -> _fetching.CrawlReport:
    return _fetching.crawl(
        store, run_id, sources, only_due=only_due, batch_size=batch_size,
        process=pool.process, depth=max(pool.workers, 1),
    )  # fmt: skip


@task(name="ingest-warc", cache_policy=NO_CACHE)
def warc_task(
    store: storage.Store, run_id: str, path: str, keep: WarcFilter, batch_size: int,
    pool: WorkerPool,
) -> list[storage.LoadReport]:  # fmt: skip
    return _fetching.ingest_warc(
        store, run_id, path, keep, batch_size=batch_size, process=pool.process
    )


@task(name="load-batch", cache_policy=NO_CACHE, **_observe.task_options("load"))
def load_task(store: storage.Store, batch: storage.Batch) -> storage.LoadReport:
    return storage.load(store, batch)


PREFIXES = ("feed", "sitemap", "site", "warc")


def _split_prefixed(inputs: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Inputs written `feed:URL`, `sitemap:URL`, `site:URL` or `warc:PATH` (the source
    registry's form) go to the polled sources / WARC files; the rest are plain inputs."""
    plain: list[str] = []
    prefixed: dict[str, list[str]] = {kind: [] for kind in PREFIXES}
    for name in inputs:
        kind, _, rest = name.partition(":")
        if kind in PREFIXES and rest and not rest.startswith("//"):
            prefixed[kind].append(rest)
        else:
            plain.append(name)
    return plain, prefixed


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not an ISO date or time: {text!r} (e.g. 2024-06-01)") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _run_id() -> str:
    return str(flow_run.get_id() or uuid.uuid4())


@flow(name="ingest", log_prints=False)
def ingest(
    inputs: list[str] | None = None,
    db: str = DEFAULT_DB,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int | None = None,
    feeds: list[str] | None = None,
    sitemaps: list[str] | None = None,
    sites: list[str] | None = None,
    warcs: list[str] | None = None,
    warc_hosts: list[str] | None = None,
    warc_since: str | None = None,
    warc_until: str | None = None,
    only_due: bool = False,
    limit: int = 0,
) -> dict[str, Any]:
    """Load or fetch `inputs` (paths, globs, directories, URL-list files, URLs), clean them,
    extract entity mentions, and store everything in the DuckDB file `db`.

    Batches are cleaned and parsed by `workers` processes (default: one per core) while this
    process reads the next batch and loads finished ones; one writer per database file.
    `feeds`, `sitemaps` and `sites` are polled sources (conditional GET, new links only,
    newest first); `warcs` are WARC files read offline, optionally only `warc_hosts` and
    records dated in [`warc_since`, `warc_until`) (ISO dates or times, UTC when naive).
    `only_due` (for schedules) polls only sources whose adaptive interval has elapsed.
    Safe to re-run: unchanged inputs are skipped, changed ones become new article versions.
    `limit` > 0 reads at most that many inputs. Runs writing the same `db` queue, one at a time.
    Returns a summary: run id, per-status counts and table sizes.
    """
    logger = get_run_logger()
    started = time.perf_counter()
    run_id = _run_id()
    inputs, prefixed = _split_prefixed(list(inputs or []))
    feeds = [*(feeds or []), *prefixed["feed"]]
    sitemaps = [*(sitemaps or []), *prefixed["sitemap"]]
    sites = [*(sites or []), *prefixed["site"]]
    warcs = [*(warcs or []), *prefixed["warc"]]
    polled = [polled_source("feed", u) for u in feeds]
    polled += [polled_source("sitemap", u) for u in sitemaps]
    polled += [polled_source("site", u) for u in sites]
    keep = WarcFilter(tuple(warc_hosts or []), _when(warc_since), _when(warc_until))
    settings = LoadSettings.from_env()
    batch_size = max(1, batch_size)
    parameters = {
        "inputs": inputs, "db": db, "batch_size": batch_size, "workers": workers, "feeds": feeds,
        "sitemaps": sitemaps, "sites": sites, "warcs": warcs, "warc_hosts": warc_hosts,
        "warc_since": warc_since, "warc_until": warc_until, "only_due": only_due, "limit": limit,
    }  # fmt: skip
    with _locks.writer_lock(db, run_id, logger), storage.Store.open(db) as store:
        storage.begin_run(store, run_id, "ingest", parameters)
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
            if workers is None:
                # Polled sources and WARC files may hold any number of pages: plan for many.
                many = total + (10**6 if polled or warcs else 0)
                workers = default_workers(many, batch_size)
            logger.info("%d inputs from %d sources (%d names not found); %d worker processes",
                        total, len(plan.sources), len(plan.failures), workers)  # fmt: skip
            _progress.report(0, total, "starting")
            done = 0
            stage_cpu_s: dict[str, float] = {}
            with WorkerPool(workers) as pool:
                in_flight: deque[tuple[int, list[InputRef], Any]] = deque()

                def load_oldest() -> None:
                    nonlocal done
                    number, batch_refs, future = in_flight.popleft()
                    batch = future.result()
                    started_store = time.thread_time()
                    report = load_task.with_options(
                        task_run_name=_observe.batch_task_name("load-batch", number, batch_refs)
                    )(store, batch)
                    batch.stage_cpu_s["store"] = time.thread_time() - started_store
                    _pipeline.add_stage_times(stage_cpu_s, batch)
                    done += len(batch_refs)
                    logger.info(
                        "batch %d: %d inputs; %d new, %d updated, %d unchanged",
                        number, len(batch_refs), report.count("new"), report.count("updated"),
                        report.count("unchanged"),
                    )  # fmt: skip
                    _progress.report(done, total, f"batch {number}")

                batches = 0
                for number, start in enumerate(range(0, total, batch_size), start=1):
                    batches = number
                    refs = plan.refs[start : start + batch_size]
                    read = read_task.with_options(
                        task_run_name=_observe.batch_task_name("read-batch", number, refs)
                    )(refs, settings)
                    known = storage.known_inputs(
                        store, [(article_id(d), d.document_id) for d in read.documents]
                    )
                    future = process_task.with_options(
                        task_run_name=_observe.batch_task_name("clean-annotate", number, refs)
                    ).submit(run_id, read, known, sources, settings, pool)
                    in_flight.append((number, refs, future))
                    # Keep every worker busy, but hold at most one waiting batch per worker.
                    while in_flight and (
                        len(in_flight) > max(workers, 1) or in_flight[0][2].wrapped_future.done()
                    ):
                        load_oldest()
                while in_flight:
                    load_oldest()
                crawled = None
                if polled:
                    _progress.report(0, len(polled), "polling sources")
                    crawled = crawl_task(store, run_id, polled, batch_size, only_due, pool)
                    for stage, seconds in crawled.stage_cpu_s.items():
                        stage_cpu_s[stage] = stage_cpu_s.get(stage, 0.0) + seconds
                    logger.info(
                        "polled %d sources (%s), %d pages fetched, %d page failures, %d requests",
                        len(crawled.polled), crawled.polled, crawled.pages, crawled.page_failures,
                        crawled.requests,
                    )  # fmt: skip
                for path in warcs or []:
                    _progress.report(0, 1, f"reading {path}")
                    warc_task(store, run_id, path, keep, batch_size, pool)
            counts = storage.run_status_counts(store, run_id)
            if counts.get("new") or counts.get("updated"):
                store.rebuild_search_index()
        except BaseException:
            storage.finish_run(store, run_id, "failed", time.perf_counter() - started)
            raise
        failed = counts.get("failed", 0) + counts.get("skipped", 0)
        state = "completed_with_failures" if failed else "completed"
        storage.finish_run(store, run_id, state, time.perf_counter() - started)
        _artifacts.report_run(store, run_id, "ingest", state, db, time.perf_counter() - started)
        summary = {
            "run_id": run_id,
            "db": db,
            "state": state,
            "workers": workers,
            "status_counts": counts,
            "tables": storage.table_counts(store),
            "failures": storage.run_failures(store, run_id),
            "top_entities": storage.top_entities(store, 8),
            "elapsed_s": round(time.perf_counter() - started, 2),
            "stage_cpu_s": {stage: round(value, 3) for stage, value in stage_cpu_s.items()},
            "task_runs": 1 + 3 * batches + (1 if polled else 0) + len(warcs or []),
            "polled": dict(crawled.polled) if crawled else {},
            "not_polled": dict(crawled.skipped) if crawled else {},
        }
    logger.info("run %s %s: %s", run_id, state, counts)
    return summary
