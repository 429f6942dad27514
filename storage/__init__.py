"""newsflow's store: where a database lives, its schema and numbered migrations, the rows
domain objects become, idempotent bulk loads, the single-writer lock, and every query. All
of newsflow's SQL lives in this package. Public surface:

    Location, Store            where a database is (`--db`); open it (migrations applied)
    LakeSettings               how a DuckLake location (`ducklake:postgres:…`) is reached
    writer_lock, open_reader   one writer per database file; every read goes through open_reader
    lock_path, log_path        the files beside a database: its run lock, its run log
    TABLES, TableSpec, ARTICLE_FIELDS   the schema: natural keys and load semantics
    *_row(s), failure_item     domain objects -> rows (articles, mentions, enrichment, fetches…)
    Batch, load, LoadReport    one idempotent bulk load per batch, in one transaction
    begin_run, finish_run, known_inputs, …       run bookkeeping
    source_states, unseen_urls, source_health, stored_robots   fetching state
    run_source_results, record_run_report, …     run reports, reprocessing
    check, Checkup             `newsflow doctor`: read every block, the lock holder, the schema
    group_stories, story_of, known_people, refresh_entity_countries, resolve_people
                               cross-article steps
    StorageError and its subclasses (see storage/_errors.py)
    flush_inlined_data, merge_adjacent_files, expire_snapshots, cleanup_old_files,
    delete_orphaned_files, abandon_stale_runs, group_lake_stories, rebuild_search_cache
                               a lake's upkeep
    batch_problems, lake_row_counts, search_cache_path               looking into a lake
    data_dictionary, undocumented   every table, view and column described (dictionary.toml)
    export_query, EXPORTS, EXPORT_FORMATS   a query's whole result streamed to a file (COPY)
    explore                    the dashboard's read-only questions (storage/explore.py)
"""

from . import explore as explore  # a module: the dashboard's read-only questions
from ._dictionary import Described, data_dictionary, undocumented
from ._doctor import Checkup, check
from ._entities import known_people, refresh_entity_countries, resolve_people
from ._errors import (
    CommitFailed,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabasePermission,
    LakeUnavailable,
    MigrationError,
    QueryError,
    RowsRejected,
    StorageError,
    WriterLockTimeout,
)
from ._export import EXPORT_FORMATS, EXPORTS, export_query
from ._fetching import source_health, source_states, stored_robots, unseen_urls
from ._lake import LakeSettings
from ._lake_upkeep import (
    abandon_stale_runs,
    batch_problems,
    cleanup_old_files,
    delete_orphaned_files,
    expire_snapshots,
    flush_inlined_data,
    group_lake_stories,
    lake_row_counts,
    merge_adjacent_files,
    rebuild_search_cache,
    search_cache_path,
)
from ._loader import Batch, LoadReport, load, update_cross_article
from ._location import Location
from ._locks import lock_path, log_path, open_reader, writer_lock
from ._reports import (
    SOURCE_COLUMNS,
    add_annotations,
    articles_to_reprocess,
    memory_accounting,
    record_run_report,
    row_groups,
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
    story_signature_rows,
)
from ._runs import (
    begin_run,
    finish_run,
    known_inputs,
    recorded_skips,
    run_failures,
    run_status_counts,
    search_articles,
    stored_document,
    table_counts,
    top_entities,
)
from ._schema import ARTICLE_FIELDS, TABLES, TableSpec, natural_key
from ._search import unindexed_articles
from ._store import Store, fts_extension_path, list_migrations
from ._stories import group_stories, story_of

__all__ = [
    "ARTICLE_FIELDS",
    "Batch",
    "Checkup",
    "CommitFailed",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseMissing",
    "DatabasePermission",
    "Described",
    "EXPORTS",
    "EXPORT_FORMATS",
    "LakeSettings",
    "LakeUnavailable",
    "LoadReport",
    "Location",
    "MigrationError",
    "QueryError",
    "RowsRejected",
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
    "check",
    "cleanup_old_files",
    "data_dictionary",
    "delete_orphaned_files",
    "document_row",
    "enrichment_rows",
    "expire_snapshots",
    "export_query",
    "failure_item",
    "fetch_rows",
    "finish_run",
    "flush_inlined_data",
    "fts_extension_path",
    "group_lake_stories",
    "group_stories",
    "known_inputs",
    "known_people",
    "lake_row_counts",
    "list_migrations",
    "load",
    "memory_accounting",
    "row_groups",
    "lock_path",
    "log_path",
    "mention_rows",
    "merge_adjacent_files",
    "natural_key",
    "open_reader",
    "rebuild_search_cache",
    "record_run_report",
    "recorded_skips",
    "refresh_entity_countries",
    "resolve_people",
    "run_events_by_type",
    "run_failures",
    "run_new_entities",
    "run_report",
    "run_slowest_hosts",
    "run_source_results",
    "run_status_counts",
    "search_articles",
    "unindexed_articles",
    "search_cache_path",
    "seen_rows",
    "source_health",
    "source_rows",
    "source_state_row",
    "source_states",
    "stored_document",
    "stored_robots",
    "story_of",
    "story_signature_rows",
    "table_counts",
    "top_entities",
    "undocumented",
    "unseen_urls",
    "update_cross_article",
    "writer_lock",
]
