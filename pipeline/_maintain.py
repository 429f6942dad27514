"""The maintenance job of a lake, run by one flow at a time (its deployment has concurrency
1): the upkeep no writer does, because every writer only appends.

    report = maintain("ducklake:postgres:…", MaintenanceRequest())

Steps, in order (each a catalog transaction of its own; none conflicts with appends):

    flush     rows small commits kept inline in the catalog go out to Parquet files
    merge     small Parquet files merged (row and snapshot ids kept, so the views do not move)
    expire    snapshots older than `expire_after_s` forgotten (time travel ends there)
    cleanup   files freed by merges and expired snapshots deleted after `cleanup_after_s`
    orphans   files the catalog never committed (a killed writer's) deleted after
              `orphans_after_s`, which must stay well past the longest batch: a writer's file
              is an orphan until its commit
    runs      runs still `running` with no batch for `abandon_after_s` marked `abandoned`
    search    the full-text search cache rebuilt from the current articles
    check     every batch's manifest against the rows (reads the whole lake: off by default)

A DuckDB file needs none of this (its search index is rebuilt after every run that changed
articles): the job says so and does nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from newsflow import storage
from newsflow.settings import Settings, from_env

from ._runner import DirectRunner, Runner

LOGGER = logging.getLogger("newsflow")
STEPS = ("flush", "merge", "expire", "cleanup", "orphans", "runs", "stories", "search", "check")
DEFAULT_STEPS = STEPS[:-1]
SAFE_ORPHAN_AGE_S = 3600.0


@dataclass(frozen=True)
class MaintenanceRequest:
    steps: tuple[str, ...] = DEFAULT_STEPS
    expire_after_s: float = 7 * 86400.0
    cleanup_after_s: float = 3600.0
    orphans_after_s: float = 86400.0
    abandon_after_s: float = 6 * 3600.0

    def __post_init__(self) -> None:
        unknown = [step for step in self.steps if step not in STEPS]
        if unknown:
            raise ValueError(f"unknown maintenance steps {unknown}; known: {list(STEPS)}")
        for name in ("expire_after_s", "cleanup_after_s", "orphans_after_s", "abandon_after_s"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more")

    def parameters(self) -> dict[str, Any]:
        return {
            "steps": list(self.steps),
            "expire_after_s": self.expire_after_s,
            "cleanup_after_s": self.cleanup_after_s,
            "orphans_after_s": self.orphans_after_s,
            "abandon_after_s": self.abandon_after_s,
        }


def _steps(request: MaintenanceRequest, now: datetime) -> dict[str, Callable[..., Any]]:
    def ago(seconds: float) -> datetime:
        return now - timedelta(seconds=seconds)

    return {
        "flush": storage.flush_inlined_data,
        "merge": storage.merge_adjacent_files,
        "expire": lambda s: storage.expire_snapshots(s, ago(request.expire_after_s)),
        "cleanup": lambda s: storage.cleanup_old_files(s, ago(request.cleanup_after_s)),
        "orphans": lambda s: storage.delete_orphaned_files(s, ago(request.orphans_after_s)),
        "runs": lambda s: storage.abandon_stale_runs(s, ago(request.abandon_after_s)),
        "stories": storage.group_lake_stories,
        "search": storage.rebuild_search_cache,
        "check": storage.batch_problems,
    }


def maintain(
    db: str | storage.Location,
    request: MaintenanceRequest | None = None,
    *,
    settings: Settings | None = None,
    runner: Runner | None = None,
    logger: Any = None,
) -> dict[str, Any]:
    """Run the maintenance steps of `request` on the lake at `db`; returns what each did."""
    request = request or MaintenanceRequest()
    settings = settings or from_env()
    logger = logger or LOGGER
    runner = runner or DirectRunner()
    location = storage.Location.parse(db)
    report: dict[str, Any] = {"db": location.display, "steps": {}}
    if not location.is_lake:
        report["skipped"] = (
            "a DuckDB file needs no maintenance: its search index is rebuilt by every run"
        )
        logger.info("%s: %s", location.display, report["skipped"])
        return report
    if "orphans" in request.steps and request.orphans_after_s < SAFE_ORPHAN_AGE_S:
        logger.warning(
            "deleting orphaned files only %.0f s old: a writer whose batch takes longer loses "
            "it; keep orphans_after_s well past the longest batch when writers are running",
            request.orphans_after_s,
        )
    started = time.perf_counter()
    try:
        with storage.Store.open(location, lake=settings.lake) as store:
            steps = _steps(request, datetime.now(UTC))
            for step in request.steps:
                began = time.perf_counter()
                result = runner.call("maintain", f"maintain-{step}", steps[step], store)
                report["steps"][step] = {
                    "result": result,
                    "seconds": round(time.perf_counter() - began, 2),
                }
                logger.info("maintenance %s: %s", step, result)
    finally:
        runner.close()
    report["elapsed_s"] = round(time.perf_counter() - started, 2)
    problems = report["steps"].get("check", {}).get("result")
    if problems:
        logger.warning("%d partial batches visible: %s", len(problems), problems[:5])
    return report
