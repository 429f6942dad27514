"""The `backfill` flow: ingest inputs for an explicit date range, leaving cursors alone.

A backfill reads what it is given (files, directories, URL lists, URLs), keeps the articles
published within [since, until], and records the rest as `skipped` (`outside_range`). It is
a one-off run over history: it never moves a source's incremental cursor, so the scheduled
runs carry on from where they were.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow

from newsflow import pipeline
from newsflow.flows import _artifacts
from newsflow.flows._tasks import TaskRunner
from newsflow.settings import DEFAULT_DB


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
    `db`. Never moves a source's cursor. Safe to re-run."""
    if since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    window = pipeline.DateWindow(since, until, keep_undated)
    request = pipeline.IngestRequest.of(inputs, batch_size=batch_size, window=window)
    with _artifacts.flow_run(db, "backfill", request.parameters(), TaskRunner()) as run:
        pipeline.ingest(run, request)
    return run.summary
