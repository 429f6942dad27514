"""The engine: every job newsflow runs, in plain Python that a Prefect flow, the CLI and a
test all call the same way. Never imports Prefect.

    open_run, Run              the run lifecycle: writer lock, store, `runs` row, report
    IngestRequest, ingest      files, URL lists, URLs, polled sources, WARC files (and
                               backfills, with a DateWindow)
    reprocess                  clean and annotate stored raw inputs again
    maintain, MaintenanceRequest   a lake's upkeep: compaction, expiry, clean-up, search cache
    Shard                      which inputs one run of a sharded job owns
    drive                      the one bounded in-flight batch driver every job uses
    Runner, DirectRunner       how stages run: directly here, as task runs in flows/
    WorkerPool, Deadline       worker processes that clean and annotate batches, killed and
                               replaced when a batch overruns its deadline
    batch_sizes                a run's batches, smaller near the end so workers finish together
    read_batch, build_batch    one batch's work, in a worker or in this process
    retain_freed_memory        freed memory kept for the next batch (glibc), once per process
    load_batch                 load a batch; an input whose rows are refused fails alone
    crawl, ingest_warc         polled sources and WARC files on their own
    set_progress_hook          progress for whoever started the run (the CLI's bar)
    RunCancelled               SIGTERM or Ctrl-C stopped the run (it is marked `cancelled`)

A job in one picture (file ingest):

    plan ─► read batch k+1 ─► process batch k (worker) ─► load batch k-1 (one transaction)
"""

from ._batches import (
    DateWindow,
    ReadResult,
    annotate,
    build_batch,
    load_batch,
    read_batch,
    retain_freed_memory,
)
from ._crawl import CrawlReport, crawl, in_process, ingest_warc
from ._driver import drive
from ._ingest import IngestRequest, ingest
from ._maintain import MaintenanceRequest, maintain
from ._naming import batch_name
from ._progress import set_progress_hook
from ._reprocess import KeyMismatch, raw_document, reprocess
from ._run import Run, build_report, open_run
from ._runner import STAGES, DirectRunner, Runner
from ._shards import Shard
from ._signals import RunCancelled
from ._workers import Deadline, WorkerPool, batch_sizes, default_workers, usable_cores

__all__ = [
    "STAGES",
    "CrawlReport",
    "DateWindow",
    "Deadline",
    "DirectRunner",
    "IngestRequest",
    "KeyMismatch",
    "MaintenanceRequest",
    "ReadResult",
    "Run",
    "RunCancelled",
    "Runner",
    "Shard",
    "WorkerPool",
    "annotate",
    "batch_name",
    "batch_sizes",
    "build_batch",
    "retain_freed_memory",
    "build_report",
    "crawl",
    "default_workers",
    "drive",
    "in_process",
    "ingest",
    "ingest_warc",
    "load_batch",
    "maintain",
    "open_run",
    "raw_document",
    "read_batch",
    "reprocess",
    "set_progress_hook",
    "usable_cores",
]
