"""The one batch driver: read batch k+1 while batch k is processed, load in order.

File ingest, crawls, WARC files, backfills and reprocessing all go through `drive`: the work
iterator reads or fetches a batch when asked for the next one, `submit` hands it to the
workers and returns at once, and `load` writes finished batches oldest first, in this
thread, so the single writer never waits on a worker and the workers never wait on it for
longer than one batch each.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

W = TypeVar("W")
R = TypeVar("R")


class Handle(Protocol[R]):  # type: ignore[misc]
    """A batch in the works: a `concurrent.futures.Future` or a task runner's future."""

    def done(self) -> bool: ...

    def result(self) -> R: ...


def drive(
    work: Iterable[W],
    submit: Callable[[W], Handle[R]],
    load: Callable[[W, R], None],
    depth: int = 1,
) -> int:
    """Submit each item of `work`, keeping at most `depth` submitted and not yet loaded
    (one per worker keeps every worker busy), and `load` each result in submission order.
    Returns how many items were driven. An error stops the drive; batches already loaded
    stay loaded, and when reading fails, the batches read before it are loaded first."""
    depth = max(1, depth)
    in_flight: deque[tuple[W, Handle[R]]] = deque()
    count = 0

    def load_oldest() -> None:
        item, handle = in_flight.popleft()
        load(item, handle.result())

    items = iter(work)
    while True:
        try:
            item = next(items)
        except StopIteration:
            break
        except Exception:
            # Reading failed part-way (a damaged archive): what was read before is stored.
            while in_flight:
                load_oldest()
            raise
        in_flight.append((item, submit(item)))
        count += 1
        while in_flight and (len(in_flight) > depth or in_flight[0][1].done()):
            load_oldest()
    while in_flight:
        load_oldest()
    return count
