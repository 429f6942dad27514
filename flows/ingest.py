"""The `ingest` flow: inputs in, cleaned and annotated articles out, in one database.

A thin shell over `newsflow.pipeline.ingest`: the run's stages become task runs, its
`runs` row is keyed by the flow run id, and its report is published as artifacts.
"""

from __future__ import annotations

from typing import Any

from prefect import flow

from newsflow import pipeline
from newsflow.flows import _artifacts
from newsflow.flows._tasks import TaskRunner
from newsflow.settings import DEFAULT_DB


@flow(name="ingest", log_prints=False)
def ingest(
    inputs: list[str] | None = None,
    db: str = DEFAULT_DB,
    batch_size: int = pipeline.IngestRequest.batch_size,
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
    shard: int = 0,
    shards: int = 1,
    shard_by: str = "host",
) -> dict[str, Any]:
    """Load or fetch `inputs` (paths, globs, directories, URL-list files, URLs), clean them,
    extract entities, quotes, amounts and events, and store everything in `db`.

    Batches are cleaned and parsed by `workers` processes (default: one per core) while this
    process reads the next batch and loads finished ones; one writer per database file.
    `feeds`, `sitemaps` and `sites` are polled sources (conditional GET, new links only,
    newest first); `warcs` are WARC files read offline, optionally only `warc_hosts` and
    records dated in [`warc_since`, `warc_until`) (ISO dates or times, UTC when naive).
    `only_due` (for schedules) polls only sources whose adaptive interval has elapsed.
    Safe to re-run: unchanged inputs are skipped, changed ones become new article versions.
    `limit` > 0 reads at most that many inputs. Runs writing the same DuckDB file queue, one
    at a time; runs writing a lake (`ducklake:postgres:…`) do not. `shard` of `shards` keeps
    only the inputs that shard owns (`shard_by` "host" or "source"; the `fan-out` flow starts
    one run per shard). Returns a summary: run id, per-status counts and table sizes.
    """
    request = pipeline.IngestRequest.of(
        inputs, batch_size=batch_size, workers=workers, feeds=feeds, sitemaps=sitemaps,
        sites=sites, warcs=warcs, warc_hosts=warc_hosts, warc_since=warc_since,
        warc_until=warc_until, only_due=only_due, limit=limit, shard=shard, shards=shards,
        shard_by=shard_by,
    )  # fmt: skip
    with _artifacts.flow_run(db, "ingest", request.parameters(), TaskRunner()) as run:
        pipeline.ingest(run, request)
    return run.summary
