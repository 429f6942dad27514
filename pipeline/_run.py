"""The run lifecycle, written once for every job: take the writer lock, open the store,
record the run as started, do the work, rebuild the search index when articles changed,
record how it ended, and build the run's report (what Prefect's artifacts show, and what
`runs.report` keeps).

    with open_run("newsflow.duckdb", "ingest", parameters) as run:
        ingest(run, request)
    run.summary   # run id, state, per-status counts, table sizes, failures, top entities
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsflow import storage
from newsflow.settings import Settings, from_env

from ._batches import share_malloc_arenas
from ._progress import report as report_progress
from ._runner import DirectRunner, Runner
from ._signals import RunCancelled, cancelled_by, stop_on_signals
from ._workers import kill_all

LOGGER = logging.getLogger("newsflow")
# Tracebacks of runs that stopped: in the run log, and on the terminal with --verbose only.
TRACEBACKS = logging.getLogger("newsflow.traceback")
CANCEL_WAIT_S = 5.0  # a cancelled run waits this long at most for a reader to record it


@dataclass
class Run:
    """One run of a job against one store; what the job's stages share."""

    store: storage.Store
    run_id: str
    flow_name: str
    location: storage.Location
    settings: Settings
    runner: Runner
    logger: Any  # a logging.Logger, or Prefect's run logger
    deployment: str | None = None
    # Statuses that make the run `completed_with_failures` (ingest counts skipped inputs too).
    failure_statuses: tuple[str, ...] = ("failed",)
    started: float = field(default_factory=time.perf_counter)
    stage_cpu_s: dict[str, float] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)  # job-specific summary entries
    state: str = "running"
    report: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def elapsed_s(self) -> float:
        return time.perf_counter() - self.started

    def progress(self, done: int, total: int, message: str = "") -> None:
        report_progress(done, total, message)

    def add_stage_times(self, times: dict[str, float]) -> None:
        for stage, seconds in times.items():
            self.stage_cpu_s[stage] = self.stage_cpu_s.get(stage, 0.0) + seconds

    def _finish(self) -> None:
        with self.store.window():  # one write window for the run's last writes and reads
            self._finish_in_window()

    def _finish_in_window(self) -> None:
        store, run_id = self.store, self.run_id
        counts = storage.run_status_counts(store, run_id)
        began = time.perf_counter()
        # The loads index their articles; left to index: those of a file from before the
        # index whose backfill was stopped (cheap to check, so checked by every run).
        if store.refresh_search_index():
            self.details["search_index_s"] = round(time.perf_counter() - began, 2)
            self.logger.info("search index filled in %.2f s", self.details["search_index_s"])
        failed = sum(counts.get(status, 0) for status in self.failure_statuses)
        self.state = "completed_with_failures" if failed else "completed"
        storage.finish_run(store, run_id, self.state, self.elapsed_s)
        self.report = build_report(
            store, run_id, self.flow_name, self.state, self.location, self.deployment
        )
        storage.record_run_report(store, run_id, self.report)
        not_stored = sum(n for status, n in counts.items() if status in ("failed", "skipped"))
        if not_stored:
            reasons = "; ".join(
                f"{row['source']}: {row['reasons']}" for row in self.report["sources"]
                if row["reasons"]
            )  # fmt: skip
            self.logger.warning("%d inputs not stored (%s)", not_stored, reasons)
        self.summary = {
            "run_id": run_id,
            "db": str(self.location),
            "flow": self.flow_name,
            "state": self.state,
            "status_counts": counts,
            "tables": storage.table_counts(store),
            "failures": storage.run_failures(store, run_id),
            "top_entities": storage.top_entities(store, 8),
            "elapsed_s": round(self.elapsed_s, 2),
            "stage_cpu_s": {stage: round(value, 3) for stage, value in self.stage_cpu_s.items()},
            "task_runs": 1 + self.runner.calls,
            **self.details,
        }
        self.logger.info("run %s %s: %s", run_id, self.state, counts)


@contextlib.contextmanager
def open_run(
    db: str | Path | storage.Location,
    flow_name: str,
    parameters: dict[str, Any],
    *,
    run_id: str | None = None,
    settings: Settings | None = None,
    runner: Runner | None = None,
    logger: Any = None,
    deployment: str | None = None,
) -> Iterator[Run]:
    """A run of `flow_name` writing `db` (a location: a DuckDB file path, ":memory:", or a
    lake, `ducklake:postgres:…`).

    Runs writing the same database file queue on its writer lock; runs writing a lake do not
    wait for each other. Whatever the body raises marks the run `failed` (its committed
    batches stay) and propagates; SIGTERM or Ctrl-C stop it as `cancelled` (see
    `pipeline._signals`); on success the run is finished and `run.summary` / `run.report`
    are filled in.
    """
    settings = settings or from_env()
    share_malloc_arenas()  # before the run's threads start
    location = storage.Location.parse(db)
    run_id = run_id or str(uuid.uuid4())
    logger = logger or LOGGER
    runner = runner or DirectRunner()
    with run_log(location, run_id), stop_on_signals(logger, on_second=kill_all):
        try:
            with (
                storage.writer_lock(location, run_id, logger, settings.lock_wait_s),
                storage.Store.open(
                    location,
                    hold=False,
                    wait_s=settings.lock_wait_s,
                    logger=logger,
                    lake=settings.lake,
                ) as store,
            ):
                storage.begin_run(store, run_id, flow_name, parameters)
                run = Run(store, run_id, flow_name, location, settings, runner, logger, deployment)
                try:
                    yield run
                    run._finish()
                except BaseException as error:
                    _record_end(run, error)
                    raise
        except BaseException as error:
            TRACEBACKS.info("run %s stopped by %s", run_id, type(error).__name__, exc_info=error)
            signum = cancelled_by()
            if signum is not None and not isinstance(error, RunCancelled | KeyboardInterrupt):
                # What the signal interrupted may have raised its own error instead (DuckDB:
                # "Query interrupted"); the run was still stopped by the signal.
                raise RunCancelled(signum) from error
            raise
        finally:
            runner.close()


@contextlib.contextmanager
def run_log(location: storage.Location, run_id: str) -> Iterator[Path | None]:
    """Append what this process logs during the run to `<db>.log` beside a database file:
    the engine's log ("newsflow"), Prefect's run and task logs, and every traceback, which
    the terminal shows only with --verbose. Yields the file (None when there is none)."""
    path = storage.log_path(location)
    if path is None or not os.access(path.parent, os.W_OK):
        yield None
        return
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setLevel(logging.INFO)
    handler.setFormatter(
        logging.Formatter(f"%(asctime)s %(levelname)s run={run_id} %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    level = LOGGER.level
    if level == logging.NOTSET or level > logging.INFO:
        LOGGER.setLevel(logging.INFO)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        handler.close()
        LOGGER.setLevel(level)


def _record_end(run: Run, error: BaseException) -> None:
    """Mark a run that did not finish: `cancelled` by a signal (its committed batches are
    kept; say so quickly, or leave it to the next run to mark abandoned), else `failed`."""
    cancelled = cancelled_by() is not None or isinstance(error, RunCancelled | KeyboardInterrupt)
    run.state = "cancelled" if cancelled else "failed"
    if cancelled:
        run.store.wait_s = min(run.store.wait_s, CANCEL_WAIT_S)
    try:
        storage.finish_run(run.store, run.run_id, run.state, run.elapsed_s)
    except storage.StorageError as failure:
        run.logger.warning("run %s: could not record it as %s: %s", run.run_id, run.state, failure)
    why = (str(error).splitlines() or [type(error).__name__])[0]
    run.logger.warning("run %s %s after %.1f s: %s", run.run_id, run.state, run.elapsed_s, why)


def build_report(
    store: storage.Store,
    run_id: str,
    flow_name: str,
    state: str,
    location: storage.Location,
    deployment: str | None = None,
) -> dict[str, Any]:
    """What a run shows: per-source results, new entities, events, hosts, failures, tables.

    The run's rows are stored and its state recorded before the report is read, so a part
    the store cannot answer (DuckDB out of memory, say) is left empty and named under
    "errors" with a warning; it does not turn a finished run into a failed one."""
    errors: dict[str, str] = {}

    def part(name: str, read: Callable[[], Any], empty: Any) -> Any:
        try:
            return read()
        except storage.StorageError as error:
            errors[name] = str(error).splitlines()[0]
            LOGGER.warning("run report: %s left empty: %s", name, errors[name])
            return empty

    report = {
        "run_id": run_id,
        "flow": flow_name,
        "deployment": deployment,
        "state": state,
        "status_counts": part(
            "status_counts", lambda: storage.run_status_counts(store, run_id), {}
        ),
        "sources": part("sources", lambda: storage.run_source_results(store, run_id), []),
        "new_entities": part(
            "new_entities", lambda: storage.run_new_entities(store, run_id, 10), []
        ),
        "events_by_type": part(
            "events_by_type", lambda: storage.run_events_by_type(store, run_id), []
        ),
        "slowest_hosts": part(
            "slowest_hosts", lambda: storage.run_slowest_hosts(store, run_id, 5), []
        ),
        "failures": part(
            "failures",
            lambda: [
                {"input": uri, "status": status, "reason": reason}
                for uri, status, reason in storage.run_failures(store, run_id, 10)
            ],
            [],
        ),
        "db": {
            "path": location.display,
            "tables": part("tables", lambda: storage.table_counts(store), {}),
        },
    }
    if errors:
        report["errors"] = errors
    return report


ProgressHook = Callable[[int, int, str], None]
