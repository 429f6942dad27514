"""newsflow's DuckDB store: schema, numbered migrations, bulk loads and queries.

All of newsflow's SQL lives in this package. Public surface:

    Store          open a database file (migrations applied), `execute`, `query`
    Batch, load    one idempotent bulk load per batch, in one transaction
    articles_missing, load_annotations   re-run an extractor over stored articles
    LoadReport     what a load changed (new / updated / unchanged articles)
    begin_run, finish_run, known_inputs, …   run bookkeeping
    source_states, unseen_urls, source_health, stored_robots   fetching state (0002)
    run_source_results, record_run_report, …  run reports (what artifacts show), reprocessing
    StorageError and its subclasses (see storage/_errors.py)
"""

from ._errors import DatabaseCorrupt, DatabaseLocked, MigrationError, QueryError, StorageError
from ._fetching import source_health, source_states, stored_robots, unseen_urls
from ._loader import Batch, LoadReport, load
from ._reannotate import articles_missing, load_annotations
from ._reports import (
    add_annotations,
    articles_to_reprocess,
    record_run_report,
    run_events_by_type,
    run_new_entities,
    run_report,
    run_slowest_hosts,
    run_source_results,
)
from ._runs import (
    begin_run,
    finish_run,
    known_inputs,
    run_failures,
    run_status_counts,
    search_articles,
    stored_document,
    table_counts,
    top_entities,
)
from ._store import Store, list_migrations
from ._tables import TABLES, TableSpec

__all__ = [
    "Batch",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "LoadReport",
    "MigrationError",
    "QueryError",
    "StorageError",
    "Store",
    "TABLES",
    "TableSpec",
    "add_annotations",
    "articles_missing",
    "articles_to_reprocess",
    "begin_run",
    "finish_run",
    "known_inputs",
    "list_migrations",
    "load",
    "load_annotations",
    "record_run_report",
    "run_failures",
    "run_events_by_type",
    "run_new_entities",
    "run_report",
    "run_slowest_hosts",
    "run_source_results",
    "run_status_counts",
    "search_articles",
    "source_health",
    "source_states",
    "stored_document",
    "stored_robots",
    "table_counts",
    "top_entities",
    "unseen_urls",
]
