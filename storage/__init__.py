"""newsflow's store: where a database lives, its schema and numbered migrations, the rows
domain objects become, idempotent bulk loads, the single-writer lock, and every query. All
of newsflow's SQL lives in this package. Public surface:

    Location, Store            where a database is (`--db`); open it (migrations applied)
    LakeSettings               how a DuckLake location (`ducklake:postgres:…`) is reached
    writer_lock, open_reader   one writer per database file; every read goes through open_reader
    TABLES, TableSpec, ARTICLE_FIELDS   the schema: natural keys and load semantics
    *_row(s), failure_item     domain objects -> rows (articles, mentions, enrichment, fetches…)
    Batch, load, LoadReport    one idempotent bulk load per batch, in one transaction
    begin_run, finish_run, known_inputs, …       run bookkeeping
    source_states, unseen_urls, source_health, stored_robots   fetching state
    run_source_results, record_run_report, …     run reports, reprocessing
    StorageError and its subclasses (see storage/_errors.py)
    flush_inlined_data, merge_adjacent_files, expire_snapshots, cleanup_old_files,
    delete_orphaned_files, abandon_stale_runs, rebuild_search_cache   a lake's upkeep
    batch_problems, lake_row_counts, search_cache_path               looking into a lake
"""

from ._errors import (
    CommitFailed,
    DatabaseCorrupt,
    DatabaseLocked,
    LakeUnavailable,
    MigrationError,
    QueryError,
    StorageError,
    WriterLockTimeout,
)
from ._fetching import source_health, source_states, stored_robots, unseen_urls
from ._lake import LakeSettings
from ._lake_upkeep import (
    abandon_stale_runs,
    batch_problems,
    cleanup_old_files,
    delete_orphaned_files,
    expire_snapshots,
    flush_inlined_data,
    lake_row_counts,
    merge_adjacent_files,
    rebuild_search_cache,
    search_cache_path,
)
from ._loader import Batch, LoadReport, load
from ._location import Location
from ._locks import lock_path, open_reader, reader_lock, writer_lock
from ._reports import (
    SOURCE_COLUMNS,
    add_annotations,
    articles_to_reprocess,
    record_run_report,
    run_events_by_type,
    run_new_entities,
    run_report,
    run_slowest_hosts,
    run_source_results,
)
from ._rows import (
    article_row,
    document_row,
    enrichment_rows,
    failure_item,
    fetch_rows,
    mention_rows,
    seen_rows,
    source_rows,
    source_state_row,
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
from ._schema import ARTICLE_FIELDS, TABLES, TableSpec, natural_key
from ._store import Store, list_migrations

__all__ = [
    "ARTICLE_FIELDS",
    "Batch",
    "CommitFailed",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "LakeSettings",
    "LakeUnavailable",
    "LoadReport",
    "Location",
    "MigrationError",
    "QueryError",
    "SOURCE_COLUMNS",
    "StorageError",
    "Store",
    "TABLES",
    "TableSpec",
    "WriterLockTimeout",
    "abandon_stale_runs",
    "add_annotations",
    "article_row",
    "articles_to_reprocess",
    "batch_problems",
    "begin_run",
    "cleanup_old_files",
    "delete_orphaned_files",
    "document_row",
    "enrichment_rows",
    "expire_snapshots",
    "failure_item",
    "fetch_rows",
    "finish_run",
    "flush_inlined_data",
    "known_inputs",
    "lake_row_counts",
    "list_migrations",
    "load",
    "lock_path",
    "mention_rows",
    "merge_adjacent_files",
    "natural_key",
    "open_reader",
    "reader_lock",
    "rebuild_search_cache",
    "record_run_report",
    "run_events_by_type",
    "run_failures",
    "run_new_entities",
    "run_report",
    "run_slowest_hosts",
    "run_source_results",
    "run_status_counts",
    "search_articles",
    "search_cache_path",
    "seen_rows",
    "source_health",
    "source_rows",
    "source_state_row",
    "source_states",
    "stored_document",
    "stored_robots",
    "table_counts",
    "top_entities",
    "unseen_urls",
    "writer_lock",
]
