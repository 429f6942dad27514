"""A DuckLake store: many writers and readers on one lake, its catalog in PostgreSQL and its
data in Parquet files on a local directory or S3.

DuckLake has no keys or indexes, lets two writers insert the same key and both commit, and
aborts an INSERT that commits after another transaction's DELETE or UPDATE of the same table
(and the other way round). So on a lake every loader only appends, and what readers see is
decided by views, in commit order. Inside the lake (attached as `lake`):

    lake.log.<table>    append-only: the DuckDB file's columns, plus `_batch` (the load that
                        wrote the row) and, on rows of an article version, `_version_batch`
                        (the load that wrote that version)
    lake.log.batches    per load and table, the rows the load wrote; committed with them
    lake.log.versions   view: the article versions that count, with the load of each
    lake.main.<name>    views named and shaped like the DuckDB file's tables (one row per
                        natural key, picked in commit order), and the file's own views

Commit order is (snapshot_id, rowid): DuckLake assigns both when a transaction commits and
keeps them through compaction, so a view's choice never changes once a reader has seen it.
The rules per table (`TABLES` in _schema.py): "insert_new" keeps the first committed row of a
key, "merge" the last (sources keep their first `first_seen_at`). An article's observations,
in commit order, make a new version each time the content hash differs from the one before
(1, 2, …); two writers that stored the same content at once make one version, and the
children (mentions, events, …) of the observation that lost are not shown. `articles` is the
newest version, with the last raw input and run that saw it (from `run_items`).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import random
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from ._errors import (
    CommitFailed,
    LakeUnavailable,
    MigrationError,
    QueryError,
    StorageError,
)
from ._lake_views import ALIAS, LOG, view_statements
from ._location import Location
from ._schema import TABLES
from ._store import Store, list_migrations

LOGGER = logging.getLogger("newsflow.storage")
T = TypeVar("T")

META_COLUMNS = ("_batch", "_version_batch")


@dataclass(frozen=True)
class LakeSettings:
    """How newsflow reaches a lake's data and how hard it tries (newsflow.settings fills it)."""

    data_path: str = ""  # first open only: a local directory or s3://bucket/prefix/
    s3_endpoint: str = ""  # host:port; empty: AWS's own
    s3_key_id: str = ""
    s3_secret: str = field(default="", repr=False)
    s3_region: str = "us-east-1"
    s3_url_style: str = "path"  # path | vhost
    s3_use_ssl: bool = True
    search_cache: str = ""  # the full-text search cache file; empty: one per lake in ~/.cache
    retry_s: float = 120.0  # how long a statement or a batch retries transient failures
    commit_retries: int = 100  # DuckLake's own retries of a snapshot-id collision
    commit_retry_wait_ms: int = 20
    commit_retry_backoff: float = 1.2


def extension_path(name: str) -> str:
    """A DuckDB extension shipped by PyPI's duckdb-extension-<name> (no download at run time)."""
    try:
        module = import_module(f"duckdb_extension_{name}")
    except ImportError as error:
        raise StorageError(
            f"the DuckDB extension {name!r} is not installed; a lake needs newsflow's `lake` "
            f"extra: pip install -c constraints.txt -e '.[lake]'"
        ) from error
    path = (
        Path(module.__file__ or "").parent
        / "extensions"
        / f"v{duckdb.__version__}"
        / f"{name}.duckdb_extension"
    )
    if not path.is_file():
        raise StorageError(
            f"{path} missing: duckdb-extension-{name} does not match duckdb {duckdb.__version__}"
        )
    return str(path)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_TRANSIENT_MESSAGES = (
    "unable to connect to postgres",
    "could not connect",
    "connection refused",
    "server closed the connection",
    "failed to execute query",
    "failed to query most recent snapshot",
    "http error",
    "http 5",
    "timed out",
    "no such file",  # a file a reader's old snapshot needed was cleaned up: read again
)


def _broken(message: str) -> bool:
    """DuckDB invalidates a database after an internal error: only a new connection helps."""
    lowered = message.lower()
    return "internal error" in lowered or "must be restarted" in lowered


def translate_lake(error: Exception, where: str) -> StorageError:
    """Map a duckdb exception raised on a lake to this package's tree."""
    message = str(error)
    first = message.splitlines()[0] if message else type(error).__name__
    lowered = message.lower()
    if _broken(message):
        return LakeUnavailable(f"the lake connection to {where} broke: {first}", path=where)
    if "creating a new ducklake is explicitly disabled" in lowered:
        return StorageError(
            f"no lake at {where} yet: a writer creates it (`newsflow ingest … --db "
            f"'{where}'`) with its data path (data_path=… or NEWSFLOW_LAKE_DATA_PATH)",
            path=where,
        )
    if "data_path is not set" in lowered:
        return StorageError(
            f"{where} is a new lake and needs a data path for its files: add "
            "data_path=/a/directory/ or data_path=s3://bucket/prefix/ to the location, or set "
            "NEWSFLOW_LAKE_DATA_PATH",
            path=where,
        )
    if "data_path" in lowered and "does not match" in lowered:
        return StorageError(f"{where}: {first}", path=where)
    if isinstance(error, duckdb.TransactionException):
        return CommitFailed(f"commit to the lake {where} failed: {first}", path=where)
    if isinstance(error, duckdb.IOException) or any(m in lowered for m in _TRANSIENT_MESSAGES):
        return LakeUnavailable(
            f"the lake {where} did not answer (catalog or data path): {first}", path=where
        )
    return QueryError(message, path=where)


def retrying(fn: Callable[[], T], what: str, deadline_s: float, where: str = "") -> T:
    """Call `fn` until it succeeds, a terminal error, or `deadline_s` seconds of transient
    ones (each logged as a warning), with exponential backoff and jitter."""
    started = time.monotonic()
    delay = 0.25
    attempt = 1
    while True:
        try:
            return fn()
        except StorageError as error:
            waited = time.monotonic() - started
            if not error.transient or waited + delay > deadline_s:
                raise
            pause = delay * random.uniform(0.5, 1.5)
            LOGGER.warning(
                "%s on %s failed (attempt %d, %.0f s so far), retrying in %.1f s: %s",
                what, where or "the lake", attempt, waited, pause, error,
            )  # fmt: skip
            time.sleep(pause)
            delay = min(delay * 2, 15.0)
            attempt += 1


def connect(location: Location, settings: LakeSettings, read_only: bool) -> Any:
    """A DuckDB connection with the lake attached as `lake` and in use."""
    connection = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    try:
        for name in ("ducklake", "postgres_scanner", "httpfs"):
            connection.execute(f"LOAD {_quote(extension_path(name))}")
        if settings.s3_key_id or settings.s3_endpoint:
            options = [
                "TYPE s3",
                f"KEY_ID {_quote(settings.s3_key_id)}",
                f"SECRET {_quote(settings.s3_secret)}",
                f"REGION {_quote(settings.s3_region)}",
                f"URL_STYLE {_quote(settings.s3_url_style)}",
                f"USE_SSL {'true' if settings.s3_use_ssl else 'false'}",
            ]
            if settings.s3_endpoint:
                options.append(f"ENDPOINT {_quote(settings.s3_endpoint)}")
            connection.execute(f"CREATE OR REPLACE SECRET newsflow_s3 ({', '.join(options)})")
        connection.execute(f"SET ducklake_max_retry_count = {int(settings.commit_retries)}")
        connection.execute(f"SET ducklake_retry_wait_ms = {int(settings.commit_retry_wait_ms)}")
        connection.execute(f"SET ducklake_retry_backoff = {float(settings.commit_retry_backoff)}")
        # Fail an unreachable object store within seconds; `retrying` decides how long to try.
        connection.execute("SET http_retries = 2")
        connection.execute("SET http_timeout = 15")
        attach = f"ATTACH {_quote(location.target)} AS {ALIAS}"
        if read_only:
            connection.execute(f"{attach} (READ_ONLY)")
        else:
            # No inlined rows: DuckLake 1.5.5's reader of inlined data crashes (segfault or
            # INTERNAL error) when a flush, merge or expiry runs at the same time.
            inline = "DATA_INLINING_ROW_LIMIT 0"
            if location.data_path:  # this lake's own: a different one in its catalog is an error
                connection.execute(f"{attach} ({inline}, {_data_path(location.data_path)})")
            elif settings.data_path:  # where new lakes go: an existing lake keeps its own
                try:
                    connection.execute(f"{attach} ({inline}, {_data_path(settings.data_path)})")
                except duckdb.Error as error:
                    if "does not match existing data path" not in str(error):
                        raise
                    connection.execute(f"{attach} ({inline})")
            else:
                connection.execute(f"{attach} ({inline})")
        connection.execute(f"USE {ALIAS}")
    except duckdb.Error as error:
        connection.close()
        raise translate_lake(error, location.display) from error
    except BaseException:
        connection.close()
        raise
    return connection


def _data_path(path: str) -> str:
    if "://" not in path:
        path = str(Path(path).expanduser().resolve()) + "/"
    return f"DATA_PATH {_quote(path)}"


class LakeStore(Store):
    """A newsflow database in a DuckLake. Open it with `Store.open("ducklake:postgres:…")`.

    Any number of processes may hold a writable LakeStore at once. Statements outside a
    transaction retry transient failures (catalog or object store briefly gone) for up to
    `settings.retry_s`; a transaction is retried whole by its caller (`storage.load`).
    """

    is_lake = True

    def __init__(
        self, connection: Any, location: Location, read_only: bool, settings: LakeSettings
    ) -> None:
        super().__init__(location, read_only, hold=True)
        self._connection = connection
        self.path = location.display
        self.settings = settings
        self._depth = 0  # open transactions (nested ones join the outermost)
        self._broken = False  # the connection hit an internal error: reconnect before retrying

    @classmethod
    def open_lake(
        cls, location: Location, *, read_only: bool = False, settings: LakeSettings | None = None
    ) -> LakeStore:
        settings = settings or LakeSettings()
        connection = retrying(
            lambda: connect(location, settings, read_only), "attach", settings.retry_s,
            location.display,
        )  # fmt: skip
        store = cls(connection, location, read_only, settings)
        if not read_only:
            try:
                store.migrate()
            except BaseException:
                store.close()
                raise
        return store

    # -- statements ---------------------------------------------------------------------------
    def _execute_once(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None) -> Any:
        if parameters is None:
            return self._call(lambda: self._db.execute(sql))
        return self._call(lambda: self._db.execute(sql, parameters))

    @property
    def _db(self) -> duckdb.DuckDBPyConnection:
        """The lake's connection: open from `open_lake` until `close`."""
        assert self._connection is not None
        return self._connection

    @contextlib.contextmanager
    def window(self) -> Iterator[Store]:
        """A lake has no file to hold: its connection stays open and readers never wait."""
        yield self

    def execute(
        self,
        sql: str,
        parameters: Sequence[Any] | dict[str, Any] | None = None,
        *,
        user: bool = False,
    ) -> Any:
        with self._lock:
            if self._depth:
                return self._execute_once(sql, parameters)
            what = sql.strip().split("\n", 1)[0][:60]
            return self.retrying(lambda: self._execute_once(sql, parameters), what)

    def rows(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> list[Any]:
        """All rows of one statement; fetching is part of it (DuckDB runs the statement, and
        commits it, as the rows are fetched), so it is retried as a whole."""
        with self._lock:
            if self._depth:
                return self._call(lambda: self._execute_once(sql, parameters).fetchall())
            what = sql.strip().split("\n", 1)[0][:60]
            return self.retrying(
                lambda: self._call(lambda: self._execute_once(sql, parameters).fetchall()), what
            )

    def query(self, sql: str, parameters: Sequence[Any] | None = None) -> tuple[list[str], list]:
        """A user's query: (column names, rows), fetched inside the retry."""

        def once() -> tuple[list[str], list]:
            cursor = self._execute_once(sql, parameters)
            if cursor.description is None:
                return [], []
            return [d[0] for d in cursor.description], self._call(cursor.fetchall)

        with self._lock:
            return once() if self._depth else self.retrying(once, sql.strip()[:60])

    def retrying(self, fn: Callable[[], T], what: str) -> T:
        """`fn` until it succeeds (see `retrying`), on a new connection after one broke."""

        def attempt() -> T:
            if self._broken and not self._depth:
                self._reconnect()
            return fn()

        return retrying(attempt, what, self.settings.retry_s, self.path)

    def _reconnect(self) -> None:
        LOGGER.warning("reconnecting to the lake %s after an internal error", self.path)
        with contextlib.suppress(Exception):
            self._db.close()
        self._connection = connect(self.location, self.settings, self.read_only)
        self._broken = False

    def register(self, name: str, table: Any) -> None:
        self._call(lambda: self._db.register(name, table))

    def unregister(self, name: str) -> None:
        with contextlib.suppress(duckdb.Error):  # clean-up after a failure must not mask it
            self._db.unregister(name)

    def _call(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except duckdb.Error as error:
            if _broken(str(error)):
                self._broken = True
            raise translate_lake(error, self.path) from error

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One lake transaction; inside another one, it joins it (commits with the outer)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._execute_once("BEGIN TRANSACTION", None)
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                with contextlib.suppress(StorageError):
                    self._execute_once("ROLLBACK", None)
                raise
            self._depth = 0
            try:
                self._execute_once("COMMIT", None)
            except StorageError:
                with contextlib.suppress(StorageError):
                    self._execute_once("ROLLBACK", None)
                raise

    @property
    def in_transaction(self) -> bool:
        return bool(self._depth)

    def close(self) -> None:
        self._db.close()

    # -- schema -------------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the numbered migrations not yet recorded: tables go to `log` (with the lake's
        bookkeeping columns), views to `main`, and each table gets its view. Several writers
        may start at once: a migration is one transaction, and the loser of a race retries
        and finds it done."""
        self.retrying(self._bootstrap, "create the lake's schema")
        done = set(self.applied_migrations())
        applied = []
        for number, name, sql in list_migrations():
            label = f"{number:04d}_{name}"
            if number in done:
                continue
            try:
                if self.retrying(functools.partial(self._apply, number, label, sql), label):
                    applied.append(label)
            except StorageError as error:
                if isinstance(error, MigrationError):
                    raise
                raise MigrationError(
                    f"migration {label} failed on {self.path}: {error}", path=self.path
                ) from error
        return applied

    def _bootstrap(self) -> None:
        with self.transaction():
            inlining = self.rows(
                f"SELECT value FROM {ALIAS}.options() "
                "WHERE option_name = 'data_inlining_row_limit' AND scope = 'GLOBAL'"
            )
            if inlining != [("0",)]:  # a catalog write: only on a new lake, or one made elsewhere
                self._execute_once(f"CALL {ALIAS}.set_option('data_inlining_row_limit', 0)", None)
            self._execute_once(f"CREATE SCHEMA IF NOT EXISTS {LOG}", None)
            self._execute_once(
                "CREATE TABLE IF NOT EXISTS main.schema_migrations (version INTEGER NOT NULL,"
                " name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)",
                None,
            )
            self._execute_once(
                f"CREATE TABLE IF NOT EXISTS {LOG}.batches (batch_id VARCHAR NOT NULL,"
                " run_id VARCHAR, loaded_at TIMESTAMPTZ NOT NULL, table_name VARCHAR NOT NULL,"
                " row_count BIGINT NOT NULL)",
                None,
            )

    def applied_migrations(self) -> list[int]:
        return [
            row[0]
            for row in self.rows("SELECT DISTINCT version FROM main.schema_migrations ORDER BY 1")
        ]

    def _apply(self, number: int, label: str, sql: str) -> bool:
        with self.transaction():
            done = self.rows(
                "SELECT count(*) FROM main.schema_migrations WHERE version = ?", [number]
            )[0][0]
            if done:
                return False
            dirty = False
            for statement in duckdb.extract_statements(sql):
                kind, name = _classify(statement.query)
                if kind in ("table", "alter"):
                    self._execute_once(f"USE {ALIAS}.{LOG}", None)
                    try:
                        self._execute_once(statement.query, None)
                        if kind == "table":
                            for column in _meta_columns(name):
                                self._execute_once(
                                    f"ALTER TABLE {LOG}.{name} ADD COLUMN {column} VARCHAR", None
                                )
                    finally:
                        self._execute_once(f"USE {ALIAS}.main", None)
                    dirty = True
                elif kind == "view":
                    if dirty:
                        self._sync_views()
                        dirty = False
                    self._execute_once(statement.query, None)
                else:
                    raise MigrationError(
                        f"migration {label} cannot run on a lake: only CREATE TABLE, ALTER "
                        "TABLE and CREATE VIEW statements can (a lake is append-only; "
                        f"{statement.query.strip()[:80]!r})",
                        path=self.path,
                    )
            if dirty:
                self._sync_views()
            self._execute_once(
                "INSERT INTO main.schema_migrations VALUES (?, ?, now())",
                [number, label.split("_", 1)[1]],
            )
        return True

    def _columns(self, schema: str, name: str) -> list[str]:
        rows = self.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_catalog = ? "
            "AND table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [ALIAS, schema, name],
        )
        return [row[0] for row in rows]

    def _sync_views(self) -> None:
        """(Re)create lake.log.versions and one lake.main view per log table."""
        tables = {
            row[0]: [c for c in self._columns(LOG, row[0]) if c not in META_COLUMNS]
            for row in self.rows(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = ? "
                "AND table_schema = ? AND table_type = 'BASE TABLE' AND table_name <> 'batches'",
                [ALIAS, LOG],
            )
        }
        for sql in view_statements(tables):
            self._execute_once(sql, None)

    # -- full-text search ----------------------------------------------------------------------
    def refresh_search_index(self, *, force: bool = False) -> bool:
        """Nothing at the end of a run: the lake's search cache is rebuilt by the maintenance
        flow (`newsflow maintain`), not by every writer."""
        return False


_STATEMENT = re.compile(
    r"^\s*(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?P<create>TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"|(?P<alter>ALTER\s+TABLE)\s+(?:IF\s+EXISTS\s+)?)(?:\w+\.)?(?P<name>\w+)",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"--[^\n]*")


def _classify(sql: str) -> tuple[str, str]:
    match = _STATEMENT.match(_COMMENT.sub("", sql))
    if not match:
        return "other", ""
    if match.group("alter"):
        return "alter", match.group("name")
    return match.group("create").lower(), match.group("name")


def _meta_columns(name: str) -> tuple[str, ...]:
    spec = TABLES.get(name)
    return ("_batch", "_version_batch") if spec is not None and spec.versioned else ("_batch",)
