"""The database handle: its connection (made in one place, `_connect`), one `execute`,
write windows, migrations and the search index.

A writing run shares its DuckDB file with readers. DuckDB lets one process hold a file
writable, and a read-only open from another process fails while it does, so a run's store
(`hold=False`) opens the file only for a *window* — a batch's load, a few queries — and
closes it after; between windows `newsflow sql`, a notebook or a dashboard can read. Both
sides retry on DuckDB's lock conflict with a short backoff; a writer finding a reader says
once which PID it waits for, and how long the wait took.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ._errors import (
    DatabaseLocked,
    MigrationError,
    StorageError,
    translate,
    translate_open,
)
from ._location import Location

if TYPE_CHECKING:
    from ._lake import LakeSettings

MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
FIRST_BACKOFF_S = 0.02
MAX_BACKOFF_S = 0.5
# What DuckDB may hold in memory for a writer of a file (its default is 80% of RAM); beyond
# it, DuckDB spills to <db>.tmp.
WRITER_MEMORY_LIMIT = "512MB"
# The same for a run's write windows (a store that does not hold its file). DuckDB keeps every
# block a window reads in its buffer pool until the limit: the windows' anti-joins and lookups
# read key columns of every large table, so with 512MB the flow process grew with the store
# (+65 MB of cached blocks at 30,000 articles, bench/results/issue14.md, round 9). Evicted
# blocks are on disk already. At 128MB a window's peak was the same at 1,216 and at 29,984
# stored articles (418 MB; with 512MB 413 and 472 MB).
WINDOW_MEMORY_LIMIT = "128MB"
# One DuckDB thread for a writer of a file: its loads are small and its workers' parse has the
# cores; the search index rebuild at 5,000 articles took 2.9 s and 321 MB peak in one thread,
# 3.9 s and 389 MB in two (bench/results/issue14.md, round 4).
WRITER_THREADS = 1
LINGER_S = 0.2  # how long a writer keeps the file after a window, in case another follows
# What the checkpoint that ends a writer's window may hold in DuckDB's buffer pool. With
# 512MB, the checkpoint filled the pool with blocks of the whole file as it grew
# (the flow process's peak at N = 5,000, bench/results/issue14.md, round 6); evicting them
# costs little, since they are on disk already. Too little memory makes DuckDB's checkpoint
# a fatal error (nothing is lost: the WAL keeps the batches), so a store that hits it goes
# back to checkpointing in `WRITER_MEMORY_LIMIT`.
CHECKPOINT_MEMORY_LIMIT = "128MB"
# Row groups a run's window may merge when its close checkpoints: DuckDB's default (100).
# DuckDB 1.5 appends a window's rows to a table as a row group of their own, and the
# checkpoint's vacuum merges the small row groups at the table's end, rewriting every row
# since the last full one: with `documents.content_gzip` (~34 KB a row; half that since HTML
# pages are kept lean, round 14) the close holds up to ~70 MB more the closer the table comes
# to a merged group's ~2,000 rows (the saw-tooth of issue 14). 0 removes that rise (replay to
# 5,120 articles: peak 625 -> 574 MB) but nothing in ordinary use ever merges the groups then:
# one more per window per table (165 after 20,000 articles), a window's CPU +50-70 % and the
# first held writer's merge 798 MB there (bench/results/issue14.md, rounds 11-12;
# `python -m bench.load_replay --vacuum-tasks 0`).
WINDOW_VACUUM_TASKS = 100


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


def describe_holder(error: DatabaseLocked, lock_file: Path | None = None) -> str:
    """Who holds the file, for a person: 'PID 4242 (jupyter-lab …, open read-only)'."""
    pid = error.holder_pid
    program = error.holder
    if pid is not None:
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
            program = " ".join(raw.decode(errors="replace").split("\0")).strip() or program
        except OSError:
            pass
    program = " ".join(program.split())  # one line, whatever the command line held
    if len(program) > 80:
        program = program[:77] + "…"
    what = "open read-only" if error.holder_reads else "open for writing"
    if not error.holder_reads and lock_file is not None:
        try:
            run = lock_file.read_text("utf-8").strip()
        except OSError:
            run = ""
        if run:
            what = f"{run}, writing"
    who = f"PID {pid}" if pid is not None else "another process"
    return f"{who} ({program or 'unknown program'}, {what})"


class _Result:
    """A statement's result read in full, for a statement run in a window of its own."""

    def __init__(self, cursor: Any) -> None:
        self.description = cursor.description
        self._rows = cursor.fetchall() if cursor.description is not None else []

    def fetchall(self) -> list[Any]:
        return self._rows

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None


class Store:
    """A newsflow database. Open it with `Store.open(location)`; use it as a context manager.

    A writable store is the single writer of its file: every load of a run goes through this
    one object. With `hold=False` it holds the file only inside windows (`with
    store.window():`; a transaction is one; a statement outside any window is one of its
    own), so readers in other processes get in between.
    A `ducklake:` location opens a `LakeStore` instead (storage/_lake.py): many writers,
    no windows.
    """

    is_lake = False

    def __init__(
        self,
        location: Location,
        read_only: bool,
        *,
        hold: bool = True,
        wait_s: float | None = None,
        logger: Any = None,  # anything with .info/.warning(message, *args)
        checkpoint_memory: str = CHECKPOINT_MEMORY_LIMIT,
    ) -> None:
        self.location = location
        self.path = location.target  # what messages name: the file, or ':memory:'
        self.read_only = read_only
        # A database in memory lives as long as its connection: it is always held.
        self.hold = hold or not location.is_file
        self.wait_s = wait_s or 0.0
        self.logger = logger
        self.waited_s = 0.0  # time spent waiting for other processes to release the file
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._depth = 0
        self._lock = threading.RLock()
        self._lingering: threading.Timer | None = None  # closes the file unless reopened
        self._closing_failed: StorageError | None = None
        self.checkpoint_memory = checkpoint_memory
        self._checkpoint_limited = not read_only and location.is_file
        self._checkpoint_failed = False

    @classmethod
    def open(
        cls,
        location: str | os.PathLike[str] | Location,
        *,
        read_only: bool = False,
        hold: bool = True,
        wait_s: float | None = None,
        logger: Any = None,
        lake: LakeSettings | None = None,
        checkpoint_memory: str = CHECKPOINT_MEMORY_LIMIT,
    ) -> Store:
        """Open the database at `location` (a DuckDB file path, ':memory:', or a lake with
        its `lake` settings); a writable store is created when missing and migrated to the
        newest schema.

        When another process holds the file, waits for it up to `wait_s` (default: not at
        all), retrying with a short backoff; `logger` hears once whom it waits for.
        `checkpoint_memory`: DuckDB's memory limit for the checkpoint that ends a writer's
        window (the window itself has `WINDOW_MEMORY_LIMIT`, a store that holds its file
        `WRITER_MEMORY_LIMIT`).
        """
        location = Location.parse(location)
        if location.is_lake:
            from ._lake import LakeStore

            return LakeStore.open_lake(location, read_only=read_only, settings=lake)
        store = cls(
            location, read_only, hold=hold, wait_s=wait_s, logger=logger,
            checkpoint_memory=checkpoint_memory,
        )  # fmt: skip
        if location.is_file and not read_only:
            try:
                Path(store.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise translate_open(error, store.path, read_only) from error
        with store.window():
            if not read_only:
                store.migrate()
        return store

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """The one place a connection is made: open the file (retrying while another process
        holds it), load the bundled fts extension (for a store that holds its file)."""
        path = self.path
        if self.read_only and self.location.is_file and not Path(path).exists():
            raise translate_open(
                duckdb.IOException(f'Cannot open database "{path}": database does not exist'),
                path,
                True,
            )
        started = time.monotonic()
        backoff = FIRST_BACKOFF_S
        told: str | None = None
        while True:
            try:
                writer = not self.read_only and self.location.is_file
                limit = WRITER_MEMORY_LIMIT if self.hold else WINDOW_MEMORY_LIMIT
                config: dict[str, Any] = (
                    {"memory_limit": limit, "threads": WRITER_THREADS} if writer else {}
                )
                if writer and not self.hold:
                    config["max_vacuum_tasks"] = WINDOW_VACUUM_TASKS
                connection = duckdb.connect(path, read_only=self.read_only, config=config)
                break
            except duckdb.Error as error:
                failure = translate_open(error, path, self.read_only)
                if not isinstance(failure, DatabaseLocked):
                    raise failure from error
                waited = time.monotonic() - started
                if waited >= self.wait_s:
                    raise failure from error
                if told is None:
                    from ._locks import lock_path

                    told = describe_holder(failure, lock_path(self.location))
                    self._say("warning", "waiting for %s to release %s", told, path)
                time.sleep(min(backoff, max(0.0, self.wait_s - waited)))
                backoff = min(backoff * 1.5, MAX_BACKOFF_S)
        waited = time.monotonic() - started
        if told is not None:
            self.waited_s += waited
            self._say("info", "%s released after %.1f s of waiting (%s)", path, waited, told)
        if self.hold:  # readers search; a run's write windows load it only to index
            try:
                connection.execute(f"LOAD '{fts_extension_path()}'")
            except duckdb.Error as error:
                connection.close()
                raise translate(error, path) from error
        return connection

    def _say(self, level: str, message: str, *args: object) -> None:
        if self.logger is not None:
            getattr(self.logger, level)(message, *args)

    @contextmanager
    def window(self) -> Iterator[Store]:
        """Hold the file while inside (nested windows share one connection); a store that
        does not `hold` closes it on leaving the outermost window."""
        with self._lock:
            self._lingering = None  # a window lingering from before is this one now
            if self._closing_failed is not None:
                failed, self._closing_failed = self._closing_failed, None
                raise failed
            if self._connection is None:
                self._connection = self._connect()
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
                if self._depth == 0 and not self.hold:
                    if self.read_only:
                        self._release()
                    else:
                        self._linger()

    def _linger(self) -> None:
        """Close the file `LINGER_S` after the window, unless another window opens first:
        a run's back-to-back windows (a no-change re-run asks about one batch after another)
        share one opening of the file, while a reader waits at most that much longer."""
        timer = threading.Timer(LINGER_S, self._release_unless_reopened)
        # Not a daemon: an exiting interpreter waits the linger out and closes the file
        # while it is whole (a daemon thread closing DuckDB during finalisation crashed).
        timer.daemon = False
        self._lingering = timer
        timer.args = (timer,)
        timer.start()

    def _release_unless_reopened(self, timer: threading.Timer) -> None:
        with self._lock:
            if self._lingering is not timer or self._depth > 0:
                return
            self._lingering = None
            try:
                self._release()
            except StorageError as error:  # said by the next window or `close()`
                self._closing_failed = error

    def _release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            self._checkpoint(connection)
            try:
                connection.close()
            except duckdb.Error as error:
                raise translate(error, self.path) from error

    def _checkpoint(self, connection: duckdb.DuckDBPyConnection) -> None:
        """Checkpoint a writer's file before closing it, with `checkpoint_memory` of buffer
        pool (closing would checkpoint with the window's limit). A checkpoint that fails is
        fatal to DuckDB's handle but leaves the committed batches in the WAL, which the next
        opening (a reader's too) replays; from then on this store leaves the checkpoint to
        DuckDB's close, with `WRITER_MEMORY_LIMIT` (a run's windows have less)."""
        if not self._checkpoint_limited:
            if self._checkpoint_failed:
                with contextlib.suppress(duckdb.Error):
                    connection.execute(f"SET memory_limit = '{WRITER_MEMORY_LIMIT}'")
            return
        try:
            connection.execute(f"SET memory_limit = '{self.checkpoint_memory}'")
            connection.execute("CHECKPOINT")
        except duckdb.Error as error:
            self._checkpoint_limited = False
            self._checkpoint_failed = True
            self._say(
                "warning",
                "checkpoint of %s in %s failed (%s); its WAL keeps what was written, and it "
                "is checkpointed in %s from now on",
                self.path,
                self.checkpoint_memory,
                str(error).splitlines()[0][:200],
                WRITER_MEMORY_LIMIT,
            )

    @property
    def is_open(self) -> bool:
        """Whether this store holds its file right now."""
        return self._connection is not None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._depth = 0
            if self._lingering is not None:  # closed here: an exiting interpreter need
                self._lingering.cancel()  # not wait the linger out (up to 0.2 s)
            self._lingering = None
            self._release()
            if self._closing_failed is not None:
                failed, self._closing_failed = self._closing_failed, None
                raise failed

    # -- the one place SQL reaches DuckDB ---------------------------------------------------
    def _run(self, sql: str, parameters: Any, user: bool) -> Any:
        assert self._connection is not None
        try:
            if parameters is None:
                return self._connection.execute(sql)
            return self._connection.execute(sql, parameters)
        except duckdb.Error as error:
            raise translate(error, self.path, user=user) from error

    def execute(
        self,
        sql: str,
        parameters: Sequence[Any] | dict[str, Any] | None = None,
        *,
        user: bool = False,
    ) -> Any:
        """Run one statement with bound parameters; returns the cursor (a DuckDB relation),
        or, outside any window of a store that does not hold its file, the result read in
        full. `user`: a user's own SQL (errors are theirs, not the database's)."""
        with self._lock:
            if self._connection is not None:
                return self._run(sql, parameters, user)
            with self.window():
                return _Result(self._run(sql, parameters, user))

    def rows(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> list[Any]:
        with self.window():
            return self.execute(sql, parameters).fetchall()

    def register(self, name: str, table: Any) -> None:
        """Expose an Arrow table to SQL under `name` for the current transaction."""
        assert self._connection is not None, "register inside store.window() or a transaction"
        self._connection.register(name, table)

    def unregister(self, name: str) -> None:
        if self._connection is not None:
            self._connection.unregister(name)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        with self.window():
            self.execute("BEGIN TRANSACTION")
            try:
                yield self
            except BaseException:
                if self._connection is not None:
                    # the transaction may be gone with the error (e.g. a fatal one)
                    with contextlib.suppress(duckdb.Error):
                        self._connection.execute("ROLLBACK")
                raise
            self.execute("COMMIT")

    # -- migrations ---------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply every migration not yet recorded, each in its own transaction, then the data
        dictionary's descriptions (COMMENT ON) where they differ."""
        with self.window():
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
                        f"migration {number:04d}_{name} failed on {self.path}: {error}",
                        path=self.path,
                    ) from error
                applied.append(f"{number:04d}_{name}")
            from ._dictionary import apply_dictionary

            apply_dictionary(self)  # descriptions of what the migrations made (dictionary.toml)
            if "0009_search_postings" in applied:  # a file from before it: index its articles
                self.refresh_search_index()
            if "0010_entity_redirects" in applied:  # a file from before it: redirect its names
                from ._entities import resolve_people

                with self.transaction():
                    resolve_people(self)
            return applied

    def applied_migrations(self) -> list[int]:
        return [row[0] for row in self.rows("SELECT version FROM schema_migrations ORDER BY 1")]

    # -- full-text search -----------------------------------------------------------------------
    def refresh_search_index(self, *, force: bool = False) -> bool:
        """Index the articles the search index lacks (stored before it existed), in bounded
        chunks; `force`: all of them again (storage/_search.py); True when any were."""
        from ._search import refresh_search_index

        return refresh_search_index(self, force=force)

    def query(self, sql: str, parameters: Sequence[Any] | None = None) -> tuple[list[str], list]:
        """Run a user's query; returns (column names, rows)."""
        with self.window():
            cursor = self.execute(sql, parameters, user=True)
            if cursor.description is None:
                return [], []
            columns = [d[0] for d in cursor.description]
            return columns, cursor.fetchall()

    @contextmanager
    def stream(
        self, sql: str, batch_rows: int = 10_000
    ) -> Iterator[tuple[list[str], Iterator[Any]]]:
        """Run a user's query and yield (column names, Arrow record batches), read a batch at
        a time so a result of any size passes in constant memory."""
        with self.window():
            cursor = self.execute(sql, user=True)
            if cursor.description is None:
                yield [], iter(())
                return
            columns = [d[0] for d in cursor.description]
            try:
                reader = cursor.fetch_record_batch(batch_rows)
            except duckdb.Error as error:
                raise translate(error, self.path, user=True) from error

            def batches() -> Iterator[Any]:
                try:
                    yield from reader
                except duckdb.Error as error:
                    raise translate(error, self.path, user=True) from error

            yield columns, batches()
