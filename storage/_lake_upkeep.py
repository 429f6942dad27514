"""A lake's upkeep, for the maintenance flow (one at a time: each step is a catalog transaction
of its own, and none of them conflicts with appends): inlined rows flushed to Parquet, small
files merged, old snapshots expired and their files removed, orphaned files removed, runs
that stopped committing marked `abandoned`, and the full-text search cache rebuilt.

Never delete orphaned files without an age bound: a writer's Parquet file is an orphan until
its transaction commits, and deleting it loses a batch that then commits (measured in the
spike: the commit succeeds and every later read fails). `delete_orphaned_files` here always
takes `older_than`; keep it well past the longest batch (the default is a day).

Also the whole-batch check a reader can run at any moment: every load's manifest
(`log.batches`) against the rows it can see.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from ._errors import StorageError
from ._lake import ALIAS, LOG, LakeStore, _quote
from ._lake_writes import append_run_row
from ._store import Store, fts_extension_path
from ._stories import assign_stories

SEARCH_COLUMNS = ("article_id", "title", "text", "site_name", "published_date", "url")


def _lake(store: Store) -> LakeStore:
    if not isinstance(store, LakeStore):
        raise StorageError(f"{store.path} is a DuckDB file, not a lake: nothing to do there")
    return store


def _call(store: Store, sql: str) -> int:
    """Run one of DuckLake's maintenance functions; returns how many rows it reported."""
    return len(_lake(store).rows(sql))


def flush_inlined_data(store: Store) -> int:
    """Write rows kept inline in the catalog (small commits) out to Parquet files."""
    return _call(store, f"CALL ducklake_flush_inlined_data('{ALIAS}')")


def merge_adjacent_files(store: Store) -> int:
    """Merge small data files into larger ones (row ids and snapshot ids are kept)."""
    return _call(store, f"CALL ducklake_merge_adjacent_files('{ALIAS}')")


def expire_snapshots(store: Store, older_than: datetime) -> int:
    """Forget snapshots older than `older_than` (no time travel before it)."""
    return _call(
        store,
        f"CALL ducklake_expire_snapshots('{ALIAS}', older_than => "
        f"{_quote(older_than.isoformat())}::TIMESTAMPTZ)",
    )


def cleanup_old_files(store: Store, older_than: datetime) -> int:
    """Delete the files that merges and expired snapshots left, scheduled before `older_than`."""
    return _call(
        store,
        f"CALL ducklake_cleanup_old_files('{ALIAS}', older_than => "
        f"{_quote(older_than.isoformat())}::TIMESTAMPTZ)",
    )


def delete_orphaned_files(store: Store, older_than: datetime) -> int:
    """Delete files under the data path that the catalog does not know and that are older
    than `older_than` (a failed or killed writer's); never a pending writer's newer file."""
    return _call(
        store,
        f"CALL ducklake_delete_orphaned_files('{ALIAS}', older_than => "
        f"{_quote(older_than.isoformat())}::TIMESTAMPTZ)",
    )


def abandon_stale_runs(store: Store, idle_since: datetime) -> list[str]:
    """Mark `abandoned` the runs still `running` whose last batch (or start) is older than
    `idle_since`: a killed worker's. A run that was only idle and later finishes appends its
    final row after this one, which then wins."""
    lake = _lake(store)
    rows = lake.rows(
        f"""
        SELECT r.run_id FROM main.runs r
        LEFT JOIN (SELECT run_id, max(loaded_at) AS last_batch FROM {LOG}.batches
                   GROUP BY run_id) b ON b.run_id = r.run_id
        WHERE r.state = 'running' AND coalesce(b.last_batch, r.started_at) < ?::TIMESTAMPTZ
        ORDER BY r.run_id
        """,
        [idle_since],
    )
    for (run_id,) in rows:
        append_run_row(lake, run_id, {"state": "abandoned"})
    return [row[0] for row in rows]


def group_lake_stories(store: Store) -> int:
    """Group the articles loaded since the last call into stories (storage/_stories.py): on a
    file each load does it; on a lake only this step, the one writer of `story_bands` and
    `article_stories`, so its deletes never meet a loader's append. Returns articles assigned."""
    lake = _lake(store)

    def once() -> int:
        with lake.transaction():
            return assign_stories(
                lake, bands_table=f"{LOG}.story_bands", stories_table=f"{LOG}.article_stories"
            )

    return lake.retrying(once, "group stories")


def _log_tables(lake: LakeStore) -> list[str]:
    rows = lake.rows(
        "SELECT c.table_name FROM information_schema.columns c "
        "JOIN information_schema.tables t ON t.table_catalog = c.table_catalog "
        "AND t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_catalog = ? AND c.table_schema = ? AND c.column_name = '_batch' "
        "AND t.table_type = 'BASE TABLE' ORDER BY c.table_name",
        [ALIAS, LOG],
    )
    return [row[0] for row in rows]


def batch_problems(store: Store) -> list[tuple[str, str, int | None, int | None]]:
    """Loads that are not whole in what this reader sees, as (batch id, table, rows the
    load's manifest says, rows visible). One statement, so one snapshot: empty means every
    batch is all there or not there at all."""
    lake = _lake(store)
    written = " UNION ALL ".join(
        f"SELECT '{name}' AS table_name, _batch AS batch_id, count(*) AS n FROM {LOG}.{name} "
        "WHERE _batch IS NOT NULL GROUP BY ALL"
        for name in _log_tables(lake)
    )
    rows = lake.rows(
        f"""
        WITH written AS ({written})
        SELECT coalesce(b.batch_id, w.batch_id), coalesce(b.table_name, w.table_name),
               b.row_count, w.n
        FROM {LOG}.batches b
        FULL JOIN written w ON w.batch_id = b.batch_id AND w.table_name = b.table_name
        WHERE b.row_count IS DISTINCT FROM w.n
        ORDER BY 1, 2
        """
    )
    return [tuple(row) for row in rows]


def lake_row_counts(store: Store) -> dict[str, tuple[int, int]]:
    """Per table: (rows appended to the log, rows the view shows). The difference is what
    the views set aside: the same key appended by writers racing, or a batch tried twice."""
    lake = _lake(store)
    counts = {}
    for name in _log_tables(lake):
        if name == "articles":  # never written on a lake: the view derives it from versions
            continue
        logged = lake.rows(f"SELECT count(*) FROM {LOG}.{name}")[0][0]
        shown = lake.rows(f"SELECT count(*) FROM main.{name}")[0][0]
        counts[name] = (logged, shown)
    return counts


# -- full-text search ----------------------------------------------------------------------------


def search_cache_path(store: Store) -> Path:
    """Where this lake's search cache lives: LakeSettings.search_cache (NEWSFLOW_SEARCH_CACHE),
    else one file per lake under ~/.cache/newsflow/."""
    lake = _lake(store)
    if lake.settings.search_cache:
        return Path(lake.settings.search_cache).expanduser()
    digest = hashlib.sha256(lake.location.path.encode()).hexdigest()[:12]
    return Path.home() / ".cache" / "newsflow" / f"search-{digest}.duckdb"


def rebuild_search_cache(store: Store) -> dict[str, Any]:
    """Copy the lake's current articles (one snapshot) into a local DuckDB file, index them
    for BM25 there, and swap it in for the old one (readers holding the old file keep it)."""
    lake = _lake(store)
    started = time.perf_counter()
    path = search_cache_path(lake)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f"{path.name}.{os.getpid()}.building")
    building.unlink(missing_ok=True)
    lake.execute(f"ATTACH {_quote(str(building))} AS newsflow_search")
    try:
        lake.execute(
            f"CREATE TABLE newsflow_search.articles AS SELECT {', '.join(SEARCH_COLUMNS)} "
            f"FROM {ALIAS}.main.articles"
        )
    finally:
        lake.execute("DETACH newsflow_search")
    try:
        connection = duckdb.connect(str(building))
        try:
            connection.execute(f"LOAD {_quote(fts_extension_path())}")
            connection.execute(
                "PRAGMA create_fts_index('articles', 'article_id', 'title', 'text', overwrite=1)"
            )
            articles = connection.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        finally:
            connection.close()
        os.replace(building, path)
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    return {
        "path": str(path),
        "articles": articles,
        "seconds": round(time.perf_counter() - started, 2),
    }


@contextlib.contextmanager
def open_search_cache(store: Store) -> Iterator[Store]:
    """The lake's search cache, opened read-only (a DuckDB file)."""
    path = search_cache_path(store)
    if not path.exists():
        raise StorageError(
            f"no search index for the lake {store.path} on this machine yet ({path}); the "
            "maintenance flow builds it: `newsflow maintain --db …` (or set "
            "NEWSFLOW_SEARCH_CACHE to where it builds it)",
            path=str(path),
        )
    with Store.open(path, read_only=True) as cache:
        yield cache
