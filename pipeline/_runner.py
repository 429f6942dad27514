"""How the engine's stages are run: called directly here; a Prefect flow passes a runner
that makes each call a task run (flows/_tasks.py), with the same names, retries aside.

Stages: "plan" (expand inputs), "read" (read or fetch a batch), "process" (clean and
annotate, submitted so the next batch is read meanwhile), "load" (one transaction),
"poll" (poll feeds, sitemaps and sites), "maintain" (one step of a lake's upkeep).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from ._driver import Handle

T = TypeVar("T")

STAGES = ("plan", "read", "process", "load", "poll", "maintain")


class Runner(Protocol):
    calls: int

    def call(self, stage: str, name: str, fn: Callable[..., T], /, *args: Any) -> T:
        """Run `fn(*args)` as stage `stage`, named `name`, and return its result."""
        ...

    def submit(self, stage: str, name: str, fn: Callable[..., T], /, *args: Any) -> Handle[T]:
        """Start `fn(*args)` and return at once."""
        ...

    def close(self) -> None: ...


class DirectRunner:
    """Calls stages in this process; submitted ones run on a few threads (they mostly wait on
    worker processes, so threads cost nothing and let the next batch be read meanwhile)."""

    def __init__(self, threads: int = 4) -> None:
        self.calls = 0
        self._threads = threads
        self._executor: ThreadPoolExecutor | None = None

    def call(self, stage: str, name: str, fn: Callable[..., T], /, *args: Any) -> T:
        self.calls += 1
        return fn(*args)

    def submit(self, stage: str, name: str, fn: Callable[..., T], /, *args: Any) -> Future[T]:
        self.calls += 1
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self._threads, thread_name_prefix="newsflow")
        return self._executor.submit(fn, *args)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
