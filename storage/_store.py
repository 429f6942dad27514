"""The database handle: one connection, one `execute`, migrations and the search index."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from ._errors import MigrationError, StorageError, translate
from ._location import Location

MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def fts_extension_path() -> str:
    """The fts extension shipped by the duckdb-extension-fts wheel (no download at run time):
    what `LOAD '<path>'` takes in any DuckDB client of the same version."""
    import duckdb_extension_fts

    base = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    path = base / "fts.duckdb_extension"
    if not path.exists():
        raise StorageError(
            f"full-text search extension not found at {path}; install duckdb-extension-fts "
            f"=={duckdb.__version__} (pip install -c constraints.txt -e .)"
        )
    return str(path)


def list_migrations() -> list[tuple[int, str, str]]:
    """All numbered migrations shipped with the package, in order: (number, name, sql)."""
    found = []
    for entry in resources.files(__package__ + ".migrations").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if len(set(numbers)) != len(numbers):
        raise MigrationError(f"two migrations share a number: {numbers}")
    return found


class Store:
    """A newsflow database. Open it with `Store.open(location)`; use it as a context manager.

    A writable store is the single writer of its file: DuckDB allows one writing process per
    file, so every load of a run goes through this one object (see `storage.Loader`).
    """

    def __init__(
        self, connection: duckdb.DuckDBPyConnection, location: Location, read_only: bool
    ) -> None:
        self._connection = connection
        self.location = location
        self.path = location.target  # what messages name: the file, or ':memory:'
        self.read_only = read_only
        self._lock = threading.RLock()

    @classmethod
    def open(cls, location: str | os.PathLike[str] | Location, *, read_only: bool = False) -> Store:
        """Open the database at `location` (a DuckDB file path, or ':memory:'); a writable
        store is created when missing and migrated to the newest schema."""
        location = Location.parse(location)
        path = location.target
        if read_only and location.is_file and not Path(path).exists():
            raise StorageError(
                f"no database at {path}; run `newsflow ingest …` first or pass --db PATH",
                path=path,
            )
        if location.is_file:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = duckdb.connect(path, read_only=read_only)
            connection.execute(f"LOAD '{fts_extension_path()}'")
        except duckdb.Error as error:
            raise translate(error, path) from error
        store = cls(connection, location, read_only)
        if not read_only:
            store.migrate()
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    # -- the one place SQL reaches DuckDB ---------------------------------------------------
    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """Run one statement with bound parameters; returns the cursor (a DuckDB relation)."""
        with self._lock:
            try:
                if parameters is None:
                    return self._connection.execute(sql)
                return self._connection.execute(sql, parameters)
            except duckdb.Error as error:
                raise translate(error, self.path) from error

    def rows(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> list[Any]:
        return self.execute(sql, parameters).fetchall()

    def register(self, name: str, table: Any) -> None:
        """Expose an Arrow table to SQL under `name` for the current transaction."""
        self._connection.register(name, table)

    def unregister(self, name: str) -> None:
        self._connection.unregister(name)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        with self._lock:
            self.execute("BEGIN TRANSACTION")
            try:
                yield self
            except BaseException:
                self.execute("ROLLBACK")
                raise
            self.execute("COMMIT")

    # -- migrations ---------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply every migration not yet recorded, each in its own transaction, then the data
        dictionary's descriptions (COMMENT ON) where they differ."""
        self.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
        )
        done = {row[0] for row in self.rows("SELECT version FROM schema_migrations")}
        applied = []
        for number, name, sql in list_migrations():
            if number in done:
                continue
            try:
                with self.transaction():
                    self.execute(sql)
                    self.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?, now())", [number, name]
                    )
            except StorageError as error:
                raise MigrationError(
                    f"migration {number:04d}_{name} failed on {self.path}: {error}", path=self.path
                ) from error
            applied.append(f"{number:04d}_{name}")
        from ._dictionary import apply_dictionary

        apply_dictionary(self)  # descriptions of what the migrations made (dictionary.toml)
        return applied

    def applied_migrations(self) -> list[int]:
        return [row[0] for row in self.rows("SELECT version FROM schema_migrations ORDER BY 1")]

    # -- full-text search -----------------------------------------------------------------------
    def rebuild_search_index(self) -> None:
        """(Re)build the BM25 index over article titles and text.

        DuckDB's fts index is a snapshot, so it is rebuilt after each run that changed articles.
        """
        self.execute(
            "PRAGMA create_fts_index('articles', 'article_id', 'title', 'text', overwrite=1)"
        )

    def query(self, sql: str, parameters: Sequence[Any] | None = None) -> tuple[list[str], list]:
        """Run a user's query; returns (column names, rows)."""
        cursor = self.execute(sql, parameters)
        if cursor.description is None:
            return [], []
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()
