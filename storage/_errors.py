"""Errors raised by `storage`. No duckdb exception leaves this package unwrapped.

StorageError                 base
 ├── DatabaseLocked   transient   another process holds the write lock on the file
 │    └── WriterLockTimeout          waited too long for another run writing the same file
 ├── DatabaseCorrupt  terminal    the file is not a DuckDB database, or is damaged
 ├── LakeUnavailable  transient   a lake's catalog (PostgreSQL) or data (S3, files) did not answer
 ├── CommitFailed     transient   a lake commit failed (retries ran out, conflict, catalog
 │                                restarted mid-commit); nothing of it is visible: retry it
 ├── MigrationError   terminal    a numbered migration failed; the database is unchanged
 └── QueryError       terminal    a user's SQL failed (syntax, unknown table, read-only)
"""

from __future__ import annotations

import duckdb


class StorageError(Exception):
    transient = False

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.path = path


class DatabaseLocked(StorageError):
    transient = True


class WriterLockTimeout(DatabaseLocked):
    """Waited too long for another run to finish writing the same database."""


class DatabaseCorrupt(StorageError):
    pass


class MigrationError(StorageError):
    pass


class LakeUnavailable(StorageError):
    transient = True


class CommitFailed(StorageError):
    transient = True


class QueryError(StorageError):
    pass


def translate(error: Exception, path: str) -> StorageError:
    """Map a duckdb exception to this package's tree, keeping the database path."""
    message = str(error)
    if isinstance(error, duckdb.IOException) and "lock" in message.lower():
        return DatabaseLocked(
            f"{path} is open for writing in another process ({message.splitlines()[0]}). "
            "Wait for that run to finish, or point --db at another file.",
            path=path,
        )
    if isinstance(error, duckdb.IOException | duckdb.SerializationException) or (
        "not a valid DuckDB database" in message
    ):
        return DatabaseCorrupt(
            f"{path} could not be opened as a DuckDB database: {message.splitlines()[0]}",
            path=path,
        )
    return QueryError(message, path=path)
