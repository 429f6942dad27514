"""`newsflow doctor`: is this database whole, who holds it, is its schema ours, which
sources keep failing. Reads every block a table uses (DuckDB checks each block's checksum
as it reads it), so damage anywhere in the data is found, not only where a query looks.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import DatabaseLocked, StorageError, first_line
from ._location import Location
from ._locks import lock_path
from ._store import Store, list_migrations


@dataclass
class Checkup:
    """What the doctor found: `problems` make it exit non-zero; `notes` are for reading."""

    path: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables: list[tuple[str, int | None, int, str]] = field(default_factory=list)
    schema: tuple[int, int] = (0, 0)  # (newest applied, newest shipped)
    blocks: tuple[int, int] = (0, 0)  # (blocks read, blocks in use)
    failing: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def run_lock_holder(location: Location) -> str | None:
    """Who holds the run lock (`<db>.lock`): a run writing now; None when nobody does."""
    path = lock_path(location)
    if path is None or not path.exists():
        return None
    try:
        with open(path) as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                return handle.read().strip() or "another process"
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        return None
    return None


def _quoted(*names: str) -> str:
    return ".".join('"' + name.replace('"', '""') + '"' for name in names)


def check(
    location: str | os.PathLike[str] | Location, *, wait_s: float = 60.0, failing_polls: int = 3
) -> Checkup:
    """Examine the database at `location` without changing it."""
    location = Location.parse(location)
    checkup = Checkup(location.display)
    if not location.is_file:
        checkup.problems.append("doctor examines a database file; give --db PATH")
        return checkup
    if not Path(location.path).exists():
        checkup.problems.append(f"no database at {location.display}")
        return checkup
    holder = run_lock_holder(location)
    checkup.notes.append(f"run lock: held by {holder}" if holder else "run lock: free")
    try:
        store = Store.open(location, read_only=True, wait_s=wait_s, logger=_Notes(checkup))
    except DatabaseLocked as error:
        checkup.problems.append(f"could not read it within {wait_s:.0f} s: {error}")
        return checkup
    except StorageError as error:
        checkup.problems.append(str(error))
        return checkup
    with store, store.window():
        for step in (_schema, _blocks, lambda s, c: _sources(s, c, failing_polls),
                     lambda s, c: _runs(s, c, holder)):  # fmt: skip
            try:
                step(store, checkup)
            except StorageError as error:  # damage where a step looks: say so, go on
                checkup.problems.append(first_line(error.__cause__ or error))
    return checkup


class _Notes:
    """A logger for `Store.open` that keeps what it says (whom it waited for) as notes."""

    def __init__(self, checkup: Checkup) -> None:
        self.checkup = checkup

    def info(self, message: str, *args: object) -> None:
        self.checkup.notes.append("database file: " + message % args)

    warning = info


def _schema(store: Store, checkup: Checkup) -> None:
    shipped = max(number for number, _, _ in list_migrations())
    try:
        applied = store.applied_migrations()
    except StorageError as error:
        checkup.problems.append(f"no newsflow schema here ({first_line(error)})")
        return
    newest = max(applied, default=0)
    checkup.schema = (newest, shipped)
    if newest > shipped:
        checkup.problems.append(
            f"schema version {newest} is newer than this newsflow knows ({shipped}): a newer "
            "newsflow wrote it; upgrade before writing to it"
        )
    elif newest < shipped:
        checkup.notes.append(f"schema version {newest}; the next run migrates it to {shipped}")


def _blocks(store: Store, checkup: Checkup) -> None:
    tables = store.rows(
        "SELECT schema_name, table_name FROM duckdb_tables() "
        "WHERE database_name = current_database() ORDER BY 1, 2"
    )
    read: set[int] = set()
    for schema, table in tables:
        name = _quoted(schema, table)
        blocks: set[int] = set()
        try:
            blocks = {
                block
                for first, more in store.rows(
                    "SELECT block_id, additional_block_ids FROM pragma_storage_info(?) "
                    "WHERE block_id >= 0",
                    [f"{schema}.{table}"],
                )
                for block in (first, *(more or ()))
            }
            # Hashing every column reads every block of the table's data.
            rows = store.rows(f"SELECT count(*), sum(hash(COLUMNS(*))) FROM {name}")[0][0]
        except StorageError as error:
            why = first_line(error.__cause__ or error)
            checkup.tables.append((f"{schema}.{table}", None, len(blocks), why))
            checkup.problems.append(f"table {schema}.{table} is damaged: {why}")
            continue
        read |= blocks
        checkup.tables.append((f"{schema}.{table}", rows, len(blocks), "ok"))
    used = store.rows("SELECT used_blocks FROM pragma_database_size()")[0][0]
    metadata = store.rows("SELECT count(*) FROM pragma_metadata_info()")[0][0]
    checkup.blocks = (len(read), int(used))
    checkup.notes.append(f"{metadata} metadata blocks (the catalog), read when the file was opened")


def _sources(store: Store, checkup: Checkup, failing_polls: int) -> None:
    with contextlib.suppress(StorageError):  # a database from before polling existed
        rows: list[Any] = store.rows(
            "SELECT locator, consecutive_failures, coalesce(disabled_reason, last_error, '') "
            "FROM source_state WHERE consecutive_failures >= ? OR disabled_reason IS NOT NULL "
            "ORDER BY consecutive_failures DESC, locator",
            [failing_polls],
        )
        for locator, failures, why in rows:
            checkup.failing.append((locator, failures, why))
            checkup.problems.append(f"source {locator} failed its last {failures} polls ({why})")


def _runs(store: Store, checkup: Checkup, holder: str | None) -> None:
    with contextlib.suppress(StorageError):
        running = store.rows("SELECT run_id FROM runs WHERE state = 'running'")
        for (run_id,) in running:
            if holder and run_id in holder:
                checkup.notes.append(f"run {run_id} is writing now")
            else:
                checkup.notes.append(
                    f"run {run_id} is marked running but holds no lock: it was killed; the "
                    "next run marks it abandoned (its committed batches are kept)"
                )
