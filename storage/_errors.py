"""Errors raised by `storage`. No duckdb exception leaves this package unwrapped.

StorageError                   base; also an I/O failure while writing (disk full, …)
 ├── DatabaseLocked     transient   another process holds the database file (DuckDB's own
 │    │                             lock): `holder_pid` and `holder` say which
 │    └── WriterLockTimeout         waited too long for another run writing the same file
 ├── DatabaseCorrupt    terminal    the file is not a DuckDB database, or a block is damaged
 ├── DatabaseMissing    terminal    no database at that path (and none may be created)
 ├── DatabasePermission terminal    the file or its folder may not be read or written by us
 ├── LakeUnavailable    transient   a lake's catalog (PostgreSQL) or data (S3, files) did not
 │                                  answer
 ├── CommitFailed       transient   a lake commit failed (retries ran out, conflict, catalog
 │                                  restarted mid-commit); nothing of it is visible: retry it
 ├── MigrationError     terminal    a numbered migration failed; the database is unchanged
 ├── RowsRejected       terminal    a batch's rows hold a value DuckDB or Arrow refuses: the
 │                                  batch is rolled back; the caller may load it in parts
 └── QueryError         terminal    a user's SQL failed (syntax, unknown table, read-only)

Each message says what happened to which file and what to do next.
"""

from __future__ import annotations

import re

import duckdb

# DuckDB: 'Could not set lock on file "…": Conflicting lock is held in /usr/bin/python3
# (PID 4242) by user x. However, you would be able to open this database in read-only mode…'
_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.*?) \(PID (?P<pid>\d+)\)")
CORRUPT_SIGNS = (
    "corrupt database file",
    "not a valid duckdb database",
    "could not read enough bytes",
    "checksum",
    "invalid block",
)
FATAL_SIGNS = ("database has been invalidated", "fatal error")


class StorageError(Exception):
    transient = False

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.path = path


class DatabaseLocked(StorageError):
    transient = True

    def __init__(
        self,
        message: str,
        *,
        path: str = "",
        holder_pid: int | None = None,
        holder: str = "",
        holder_reads: bool = False,
    ) -> None:
        super().__init__(message, path=path)
        self.holder_pid = holder_pid
        self.holder = holder  # the holder's program, as DuckDB names it
        self.holder_reads = holder_reads  # the holder has it open read-only


class WriterLockTimeout(DatabaseLocked):
    """Waited too long for another run to finish writing the same database."""


class DatabaseCorrupt(StorageError):
    pass


class DatabaseMissing(StorageError):
    pass


class DatabasePermission(StorageError):
    pass


class MigrationError(StorageError):
    pass


class LakeUnavailable(StorageError):
    transient = True


class CommitFailed(StorageError):
    transient = True


class RowsRejected(StorageError):
    """A batch's rows could not be written; nothing of the batch was committed."""


class QueryError(StorageError):
    pass


def first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def lock_conflict(error: BaseException, path: str) -> DatabaseLocked | None:
    """The `DatabaseLocked` a DuckDB lock conflict means, naming the holder; else None."""
    message = str(error)
    if not isinstance(error, duckdb.IOException) or "could not set lock" not in message.lower():
        return None
    found = _HOLDER.search(message)
    pid = int(found.group("pid")) if found else None
    exe = found.group("exe") if found else ""
    reads = "read-only mode" in message  # DuckDB adds this hint when the holder only reads
    who = f"PID {pid}" if pid else "another process"
    return DatabaseLocked(
        f"{path} is held by {who} ({exe or 'unknown program'}"
        f"{', open read-only' if reads else ', open for writing'}). Wait for it to finish, "
        "close that program's connection, or point --db at another file; `newsflow doctor` "
        "shows who holds it.",
        path=path,
        holder_pid=pid,
        holder=exe,
        holder_reads=reads,
    )


def translate_open(error: BaseException, path: str, read_only: bool) -> StorageError:
    """What opening the database file failed on: a lock, damage, no file, or permissions."""
    locked = lock_conflict(error, path)
    if locked is not None:
        return locked
    message = str(error)
    lower = message.lower()
    if "database does not exist" in lower:
        return DatabaseMissing(
            f"no database at {path}; run `newsflow ingest …` first or pass --db PATH", path=path
        )
    if "permission denied" in lower or "read-only file system" in lower:
        doing = "read" if read_only else "write"
        return DatabasePermission(
            f"cannot {doing} {path}: {first_line(error)}. Run as a user who may {doing} the "
            f"file and its folder (ls -l {path}), or pass --db PATH somewhere you may "
            f"{doing}.",
            path=path,
        )
    if any(sign in lower for sign in CORRUPT_SIGNS) or isinstance(
        error, duckdb.SerializationException
    ):
        return corrupt(error, path)
    return StorageError(f"cannot open {path}: {first_line(error)}", path=path)


def corrupt(error: BaseException, path: str) -> DatabaseCorrupt:
    return DatabaseCorrupt(
        f"{path} is damaged: {first_line(error).rstrip('.!')}. Nothing more is written to "
        "it. Restore it from a backup, or copy out what is still readable (`newsflow doctor` "
        "lists what reads back) into a new file.",
        path=path,
    )


def translate(error: BaseException, path: str, *, user: bool = False) -> StorageError:
    """Map a duckdb exception raised by a statement to this package's tree.

    `user`: the statement is a user's own SQL (`newsflow sql`), so an I/O error is about
    what the SQL names (ATTACH, COPY, LOAD…), not about the database file.
    """
    message = str(error)
    lower = message.lower()
    locked = lock_conflict(error, path)
    if locked is not None:
        return locked
    if isinstance(error, duckdb.IOException) and any(sign in lower for sign in CORRUPT_SIGNS):
        return corrupt(error, path)
    if user:
        return QueryError(message, path=path)
    if isinstance(
        error,
        duckdb.ConversionException
        | duckdb.ConstraintException
        | duckdb.InvalidInputException
        | duckdb.OutOfRangeException
        | duckdb.TypeMismatchException,
    ):
        return RowsRejected(f"{path}: rows refused: {first_line(error)}", path=path)
    if isinstance(error, duckdb.IOException) or any(sign in lower for sign in FATAL_SIGNS):
        return StorageError(
            f"writing {path} failed: {first_line(error)}. Batches committed before this are "
            "kept; check free space and the disk, then run again.",
            path=path,
        )
    return QueryError(message, path=path)
