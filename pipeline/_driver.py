"""The one batch driver: read batch k+1 while batch k is processed, load in order.

File ingest, crawls, WARC files, backfills and reprocessing all go through `drive`: the work
iterator reads or fetches a batch when asked for the next one, `submit` hands it to the
workers and returns at once, and `load` writes finished batches oldest first, in this
thread, so the single writer never waits on a worker and the workers never wait on it for
longer than one batch each.

Given a `window` (a DuckDB file's `store.window`), finished batches are loaded a few at a
time in one write window: closing a window checkpoints the file, and each checkpoint
rewrites the tables' last partly filled chunk of rows (raw pages and article bodies), so
its cost is per window, not per row. Four batches per window paid a quarter of it in
`bench`'s replay of a 1,000-page run (7.8 s -> 2.2 s of checkpoints). A finished batch
waits for company at most `MAX_WAIT_S`, so a slow crawl still shows its pages promptly.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Generic, Protocol, TypeVar

from ._signals import check_cancelled

W = TypeVar("W")
R = TypeVar("R")

LOADS_PER_WINDOW = 4
MAX_WAIT_S = 8.0
POLL_S = 0.05


class Handle(Protocol[R]):  # type: ignore[misc]
    """A batch in the works: a `concurrent.futures.Future` or a task runner's future."""

    def done(self) -> bool: ...

    def result(self) -> R: ...


class Finished(Generic[R]):
    """A batch built already, as a handle: what a stage run at once on the driver's own
    thread hands the driver."""

    def __init__(self, result: R) -> None:
        self._result = result

    def done(self) -> bool:
        return True

    def result(self) -> R:
        return self._result


def drive(
    work: Iterable[W],
    submit: Callable[[W], Handle[R]],
    load: Callable[[W, R], None],
    depth: int = 1,
    window: Callable[[], AbstractContextManager[Any]] | None = None,
    load_group: Callable[[list[tuple[W, R]]], None] | None = None,
) -> int:
    """Submit each item of `work`, keeping at most `depth` submitted and not yet finished
    (one per worker keeps every worker busy), and `load` each result in submission order,
    up to `LOADS_PER_WINDOW` of them inside one `window()` when one is given; given
    `load_group` too, a window's results are handed to it together, in order, instead
    (to be written in one transaction).
    Returns how many items were driven. An error stops the drive; batches already loaded
    stay loaded, and batches that finished before it (or before reading failed) are loaded
    first."""
    depth = max(1, depth)
    per_window = LOADS_PER_WINDOW if window is not None else 1
    in_flight: deque[tuple[W, Handle[R]]] = deque()
    finished: deque[tuple[W, R]] = deque()
    oldest_finished_at = 0.0
    load_failed = False
    count = 0

    def load_all_finished() -> None:
        nonlocal load_failed
        with window() if window is not None and finished else nullcontext():
            if window is not None and load_group is not None and finished:
                group = list(finished)
                finished.clear()
                try:
                    load_group(group)
                except BaseException:
                    load_failed = True
                    raise
            while finished:
                item, result = finished.popleft()
                try:
                    load(item, result)
                except BaseException:
                    load_failed = True
                    raise

    def take_oldest() -> None:
        nonlocal oldest_finished_at
        item, handle = in_flight.popleft()
        while finished and not handle.done():
            check_cancelled()
            if time.monotonic() - oldest_finished_at >= MAX_WAIT_S:
                load_all_finished()  # a finished batch does not wait long on a slow one
                break
            time.sleep(POLL_S)
        result = handle.result()
        if not finished:
            oldest_finished_at = time.monotonic()
        finished.append((item, result))
        if len(finished) >= per_window:
            load_all_finished()

    items = iter(work)
    try:
        while True:
            # The signal handler raises in this thread, but what it interrupts may swallow
            # that (a library's wait or query catching it); the flag it sets still stops the
            # drive before the next batch is read (seen once in CI: a run went on to the end)
            check_cancelled()
            try:
                item = next(items)
            except StopIteration:
                break
            except Exception:
                # Reading failed part-way (a damaged archive): what was read before is stored.
                while in_flight:
                    take_oldest()
                raise
            in_flight.append((item, submit(item)))
            count += 1
            while in_flight and (len(in_flight) > depth or in_flight[0][1].done()):
                take_oldest()
        while in_flight:
            take_oldest()
    except BaseException:
        # A worker, reading or a signal stopped the drive: batches that finished before it
        # are stored (not when a load failed: the database has said why).
        if not load_failed:
            load_all_finished()
        raise
    load_all_finished()
    return count


def load_window(store: Any) -> Callable[[], AbstractContextManager[Any]] | None:
    """The write window to group a store's loads in: a DuckDB file's; none on a lake, whose
    batches are transactions of their own and whose writers never hold anything."""
    return None if store.is_lake else store.window
