"""One writing run per DuckDB file; readers beside it.

DuckDB lets one process write a file at a time and refuses a second one at once ("Could not
set lock on file"), so overlapping scheduled runs would fail. Each writing run first takes an
exclusive `flock` on `<db>.lock` next to the file (the *run lock*) and waits its turn, logging
who holds it. The run holds the database file itself only in short write windows (see
`storage._store`), so readers (`open_reader`) do not take the run lock: they open the file
read-only between two windows, retrying on DuckDB's lock conflict.

Why a file lock and not a Prefect global concurrency limit: it works the same with or without
a Prefect server (a local-mode run has its own temporary server, so a limit there is not
shared), and the operating system releases it when a process dies, where a killed run would
leave a concurrency slot occupied until someone resets it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import DatabasePermission, StorageError, WriterLockTimeout
from ._location import Location

if TYPE_CHECKING:
    from ._lake import LakeSettings
    from ._store import Store

DEFAULT_WAIT_S = 6 * 3600.0  # NEWSFLOW_LOCK_WAIT_S (newsflow.settings)
POLL_S = 0.25


def lock_path(db: str | os.PathLike[str] | Location) -> Path | None:
    """The lock file beside a database file; None for a location that needs no lock."""
    location = Location.parse(db)
    if not location.is_file:
        return None
    path = Path(location.path).resolve()
    return path.with_name(path.name + ".lock")


def log_path(db: str | os.PathLike[str] | Location) -> Path | None:
    """The run log beside a database file (`<db>.log`); None for a database in memory."""
    path = lock_path(db)
    return path.with_suffix(".log") if path is not None else None


@contextlib.contextmanager
def writer_lock(
    db: str | os.PathLike[str] | Location,
    holder: str,
    logger: Any = None,  # anything with .info(message, *args): a logger, the CLI
    wait_s: float | None = None,
    shared: bool = False,
) -> Iterator[Path | None]:
    """Hold the exclusive writer lock of `db` (a file; ":memory:" needs none) while inside.

    `shared=True` takes it as a reader: readers wait for a writer to finish (DuckDB refuses
    even a read-only open while another process writes) but not for each other.

    `holder` (a run id) is written into the lock file so a waiting run can say whom it waits
    for. Waits up to `wait_s` (default 6 h), then raises.
    """
    path = lock_path(db)
    if path is None:
        yield None
        return
    if wait_s is None:
        wait_s = DEFAULT_WAIT_S
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")  # noqa: SIM115 - held open for the life of the lock
    except OSError as error:
        refused = isinstance(error, PermissionError) or error.errno == errno.EROFS
        kind = DatabasePermission if refused else StorageError
        raise kind(
            f"cannot write {db}: its lock file {path} cannot be created ({error.strerror}); "
            "run as a user who may write that folder, or pass --db PATH elsewhere",
            path=str(db),
        ) from error
    try:
        started = time.monotonic()
        told = False
        while True:
            try:
                mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
                fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told and logger is not None:
                    handle.seek(0)
                    other = handle.read().strip() or "another process"
                    logger.warning("waiting for %s to finish writing %s", other, db)
                    told = True
                if time.monotonic() - started > wait_s:
                    raise WriterLockTimeout(
                        f"waited {wait_s:.0f} s for the writer lock {path}; another run is "
                        "still writing that database (raise NEWSFLOW_LOCK_WAIT_S to wait "
                        "longer)",
                        path=str(db),
                    ) from None
                time.sleep(POLL_S)
        if told and logger is not None:
            logger.info("writer lock on %s taken after %.1f s", db, time.monotonic() - started)
        if not shared:
            handle.seek(0)
            handle.truncate()
            handle.write(f"run {holder} (pid {os.getpid()})\n")
            handle.flush()
        try:
            yield path
        finally:
            if not shared:
                handle.seek(0)
                handle.truncate()
                handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


@contextlib.contextmanager
def open_reader(
    db: str | os.PathLike[str] | Location,
    logger: Any = None,  # anything with .info(message, *args): a logger, the CLI
    wait_s: float | None = None,
    lake: LakeSettings | None = None,
) -> Iterator[Store]:
    """The database opened read-only for a short read: a query, a page of the dashboard.

    Every reader goes through here, so how readers and a writing run share the file is
    decided in one place. A run holds the file only while it loads a batch, so this waits
    at most that long (retrying on DuckDB's lock, up to `wait_s`) and never for the whole
    run. Hold it only for the read: a run that finds the file held waits for it to close.
    A lake (`lake` settings) is attached read-only: readers see whole batches, never wait.
    """
    from ._store import Store

    wait_s = DEFAULT_WAIT_S if wait_s is None else wait_s
    with Store.open(db, read_only=True, wait_s=wait_s, logger=logger, lake=lake) as store:
        yield store
