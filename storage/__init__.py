"""newsflow's DuckDB store: schema, numbered migrations, bulk loads and queries.

All of newsflow's SQL lives in this package. Public surface:

    Store          open a database file (migrations applied), `execute`, `query`
    Batch, load    one idempotent bulk load per batch, in one transaction
    articles_missing, load_annotations   re-run an extractor over stored articles
    LoadReport     what a load changed (new / updated / unchanged articles)
    begin_run, finish_run, known_inputs, …   run bookkeeping
    source_states, unseen_urls, source_health, stored_robots   fetching state (0002)
    StorageError and its subclasses (see storage/_errors.py)
"""

from ._errors import DatabaseCorrupt, DatabaseLocked, MigrationError, QueryError, StorageError
from ._fetching import source_health, source_states, stored_robots, unseen_urls
from ._loader import Batch, LoadReport, load
from ._reannotate import articles_missing, load_annotations
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
    "TABLES",
    "Batch",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "LoadReport",
    "MigrationError",
    "QueryError",
    "StorageError",
    "Store",
    "TableSpec",
    "articles_missing",
    "begin_run",
    "finish_run",
    "known_inputs",
    "load",
    "load_annotations",
    "list_migrations",
    "source_health",
    "source_states",
    "stored_robots",
    "unseen_urls",
    "run_failures",
    "run_status_counts",
    "search_articles",
    "stored_document",
    "table_counts",
    "top_entities",
]
