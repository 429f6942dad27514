"""The ingest job: inputs, polled sources and WARC files in; cleaned, annotated articles out.

    with open_run(db, "ingest", request.parameters()) as run:
        ingest(run, request)

Local files, URL lists and URLs are planned, then read in batches that worker processes
clean and annotate while this process reads the next batch and loads finished ones; polled
sources and WARC files go through the same driver. A backfill is an ingest with a
`DateWindow`: articles published outside it are `skipped`, and no source's cursor moves.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from newsflow import storage
from newsflow.extractors import parse_iso_datetime
from newsflow.extractors.sources import InputRef, WarcFilter, plan_inputs, polled_source

from . import _memory_log
from ._batches import DateWindow, Known, ReadResult, add_stage_times, load_batch, read_batch
from ._crawl import crawl, ingest_warc, known_inputs
from ._driver import LOADS_PER_WINDOW, Finished, drive, load_window
from ._naming import batch_name
from ._run import Run
from ._shards import Shard
from ._workers import (
    Deadline,
    WorkerPool,
    batch_sizes,
    default_workers,
    in_flight,
    known_people,
)

DEFAULT_BATCH_SIZE = 32
MAX_WAITING_ITEMS = 5000  # run items of unchanged inputs held back for one later write
PREFIXES = ("feed", "sitemap", "site", "warc")


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    value = parse_iso_datetime(text)
    if value is None:
        raise ValueError(f"not an ISO date or time: {text!r} (e.g. 2024-06-01)")
    return value


@dataclass(frozen=True)
class IngestRequest:
    """What to ingest, as the `ingest` flow's parameters say it."""

    inputs: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    warcs: tuple[str, ...] = ()
    warc_hosts: tuple[str, ...] = ()
    warc_since: str | None = None
    warc_until: str | None = None
    only_due: bool = False
    limit: int = 0
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int | None = None
    window: DateWindow | None = field(default=None, compare=False)
    shard: int = 0  # this run's shard of `shards` (see pipeline/_shards.py)
    shards: int = 1
    shard_by: str = "host"

    @classmethod
    def of(cls, inputs: list[str] | None = None, **options: Any) -> IngestRequest:
        """Inputs written `feed:URL`, `sitemap:URL`, `site:URL` or `warc:PATH` (the source
        registry's form) join the polled sources and WARC files; `None` options are unset."""
        plain: list[str] = []
        prefixed: dict[str, list[str]] = {kind: [] for kind in PREFIXES}
        for name in inputs or []:
            kind, _, rest = name.partition(":")
            if kind in PREFIXES and rest and not rest.startswith("//"):
                prefixed[kind].append(rest)
            else:
                plain.append(name)
        values = {key: value for key, value in options.items() if value is not None}
        for kind, key in (("feed", "feeds"), ("sitemap", "sitemaps"), ("site", "sites"),
                          ("warc", "warcs")):  # fmt: skip
            values[key] = (*(values.get(key) or ()), *prefixed[kind])
        for key in ("warc_hosts",):
            values[key] = tuple(values.get(key) or ())
        values["batch_size"] = max(1, int(values.get("batch_size", DEFAULT_BATCH_SIZE)))
        request = cls(inputs=tuple(plain), **values)
        request.warc_filter()  # bad dates fail here, before any work
        request.sharding()  # and a bad shard
        return request

    def sharding(self) -> Shard:
        return Shard(self.shard, self.shards, self.shard_by)

    def warc_filter(self) -> WarcFilter:
        return WarcFilter(self.warc_hosts, _when(self.warc_since), _when(self.warc_until))

    def parameters(self) -> dict[str, Any]:
        """The request as the `runs.parameters` column keeps it."""
        values: dict[str, Any] = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            if spec.name == "window":
                if value is not None:
                    values.update(since=value.since, until=value.until,
                                  keep_undated=value.keep_undated)  # fmt: skip
                continue
            values[spec.name] = list(value) if isinstance(value, tuple) else value
        return values


def _nothing_new(batch: storage.Batch) -> bool:
    """A batch whose inputs are all stored already (unchanged, or skipped by an earlier run
    under the same cleaner): it has nothing but their run items to write."""
    return (
        not (batch.sources or batch.documents or batch.articles)
        and not any(batch.children.values())
        and all(item.get("status") in ("unchanged", "skipped") for item in batch.run_items)
    )


def ingest(run: Run, request: IngestRequest) -> None:
    """Plan, read, clean, annotate and load everything `request` names, into `run`."""
    store, runner, logger = run.store, run.runner, run.logger
    settings = run.settings
    if request.window is None:
        run.failure_statuses = ("failed", "skipped")
    plan = runner.call("plan", "plan-inputs", plan_inputs, list(request.inputs), settings.load)
    shard = request.sharding()
    refs = [ref for ref in plan.refs if shard.owns_ref(ref)]
    refs = refs[: request.limit] if request.limit > 0 else refs
    sources = {source.locator: source.source_id for source in plan.sources}
    storage.load(
        store,
        storage.Batch(
            run_id=run.run_id,
            sources=storage.source_rows(plan.sources),
            run_items=[
                storage.failure_item(error.uri, source.source_id, error)
                for source, error in plan.failures
                if shard.owns_locator(source.locator)
            ],
        ),
    )
    polled = [polled_source("feed", u) for u in request.feeds if shard.owns_locator(u)]
    polled += [polled_source("sitemap", u) for u in request.sitemaps if shard.owns_locator(u)]
    polled += [polled_source("site", u) for u in request.sites if shard.owns_locator(u)]
    total = len(refs)
    workers = request.workers
    if workers is None:
        # Polled sources and WARC files may hold any number of pages: plan for many.
        many = total + (10**6 if polled or request.warcs else 0)
        workers = default_workers(many, request.batch_size)
    logger.info("%d inputs from %d sources (%d names not found); %d worker processes%s",
                total, len(plan.sources), len(plan.failures), workers,
                f"; shard {shard.index} of {shard.count} by {shard.by}" if shard.count > 1
                else "")  # fmt: skip
    run.details.update(workers=workers, polled={}, not_polled={})
    run.progress(0, total, "starting")
    deadline = Deadline(per_input_s=settings.input_timeout_s)
    # What the store knows about people is read when the first batch has work (a query over
    # the mentions, and the NLP package's import): a re-run that finds nothing new needs neither.
    with WorkerPool(workers, deadline=deadline) as pool:
        done = 0
        batches, start = [], 0
        for size in batch_sizes(total, request.batch_size, workers):
            batches.append(refs[start : start + size])
            start += size

        def work() -> Iterator[tuple[int, list[InputRef], ReadResult]]:
            for number, batch_refs in enumerate(batches, start=1):
                read = runner.call(
                    "read", batch_name("read-batch", number, batch_refs), read_batch, batch_refs,
                    settings.load, settings.fetch,
                )  # fmt: skip
                yield number, batch_refs, read

        # With no workers, a write window's worth of batches is read at once and asked
        # about in one window (`known_ahead`): each window's close checkpoints the file and
        # hands the process's free memory back to the system (DuckDB's `malloc_trim`), which
        # the next batch's parse faults in again (bench/results/issue14.md, round 10).
        known_ahead: dict[int, Known] = {}

        def work_ahead() -> Iterator[tuple[int, list[InputRef], ReadResult]]:
            items = work()
            while True:
                group: list[tuple[int, list[InputRef], ReadResult]] = []
                failure: Exception | None = None
                try:
                    while len(group) < LOADS_PER_WINDOW:
                        group.append(next(items))
                except StopIteration:
                    pass
                except Exception as error:  # noqa: BLE001 - raised after what was read
                    failure = error
                if group:
                    with store.window():
                        for number, _, read in group:
                            known_ahead[number] = known_inputs(store, read, settings.load)
                yield from group
                if failure is not None:
                    raise failure
                if len(group) < LOADS_PER_WINDOW:
                    return

        def submit(item: tuple[int, list[InputRef], ReadResult]) -> Any:
            number, batch_refs, read = item
            known = known_ahead.pop(number, None)
            if known is None:
                known = known_inputs(store, read, settings.load)
            if pool.people is None and pool.has_work(read, known):
                pool.start()  # the workers warm up while the store's people are read
                pool.people = known_people(store)
            name = batch_name("clean-annotate", number, batch_refs)
            args = (run.run_id, read, known, sources, settings.load, request.window)
            if workers == 0:
                # No worker processes (one core): the batch is built here, on this thread,
                # not on a runner thread, whose glibc arena unmaps a batch's freed memory for
                # the next to fault in again; reading the next batch would only share the
                # one core with it (bench/results/issue14.md, round 8).
                return Finished(runner.call("process", name, pool.process, *args))
            return runner.submit("process", name, pool.process, *args)

        # Run items of batches that found every input stored already wait for the next
        # batch with something to store, or the end: a no-change re-run writes them in one
        # window instead of one per batch.
        waiting = storage.Batch(run.run_id)

        def load(item: tuple[int, list[InputRef], ReadResult], batch: storage.Batch) -> None:
            load_group([(item, batch)])

        def load_group(
            group: list[tuple[tuple[int, list[InputRef], ReadResult], storage.Batch]],
        ) -> None:
            """A write window's finished batches, loaded as one batch: one transaction and
            one statement per table instead of one per batch (each anti-join scans the
            table it checks); a refused input still fails alone (`load_batch`)."""
            nonlocal done
            started = time.thread_time()
            rss_before = _memory_log.rss_mb()
            batches = [batch for _, batch in group]
            if all(map(_nothing_new, batches)) and len(waiting.run_items) < MAX_WAITING_ITEMS:
                for batch in batches:
                    waiting.run_items += batch.run_items
                report = storage.LoadReport()
            else:
                merged = storage.Batch.merged([waiting, *batches])
                waiting.run_items = []
                numbers = [number for (number, _, _), _ in group]
                refs = [ref for (_, batch_refs, _), _ in group for ref in batch_refs]
                stage = "load-batch" if len(group) == 1 else f"load-batches-{numbers[0]}"
                name = batch_name(stage, numbers[-1], refs)
                report = runner.call("load", name, load_batch, store, merged)
                if _memory_log.enabled():
                    _memory_log.window_done(store, len(merged.articles), rss_before)
            spent = (time.thread_time() - started) / len(group)
            for (number, batch_refs, _), batch in group:
                batch.stage_cpu_s["store"] = spent
                add_stage_times(run.stage_cpu_s, batch)
                done += len(batch_refs)
                changes = [report.changes.get(row["article_id"]) for row in batch.articles]
                logger.info(
                    "batch %d: %d inputs; %d new, %d updated, %d unchanged",
                    number, len(batch_refs), changes.count("new"), changes.count("updated"),
                    changes.count("unchanged"),
                )  # fmt: skip
                run.progress(done, total, f"batch {number}")

        drive(work_ahead() if workers == 0 else work(), submit, load, depth=in_flight(workers),
              window=load_window(store),
              load_group=load_group)  # fmt: skip
        if waiting.run_items:
            runner.call("load", "load-unchanged-inputs", load_batch, store, waiting)
        if pool.people is None and (polled or request.warcs):
            pool.people = known_people(store)
        if polled:
            run.progress(0, len(polled), "polling sources")

            def polled_batch(number: int, count: int, report: storage.LoadReport) -> None:
                run.progress(number, count, f"fetched batch {number}")

            crawled = crawl(
                store, run.run_id, polled, settings.fetch, settings.load,
                only_due=request.only_due, batch_size=request.batch_size, process=pool.process,
                depth=in_flight(workers), runner=runner, on_batch=polled_batch,
                workers=workers, warm_up=pool.start,
            )  # fmt: skip
            run.add_stage_times(crawled.stage_cpu_s)
            run.details.update(polled=dict(crawled.polled), not_polled=dict(crawled.skipped))
            logger.info(
                "polled %d sources (%s), %d pages fetched, %d page failures, %d requests",
                len(crawled.polled), crawled.polled, crawled.pages, crawled.page_failures,
                crawled.requests,
            )  # fmt: skip
        keep = request.warc_filter()
        for path in (p for p in request.warcs if shard.owns(p)):
            run.progress(0, 1, f"reading {path}")
            ingest_warc(
                store, run.run_id, path, keep, settings.load, batch_size=request.batch_size,
                process=pool.process, depth=in_flight(workers), runner=runner,
            )  # fmt: skip
