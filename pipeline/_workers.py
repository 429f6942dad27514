"""Clean and annotate batches on every core: a pool of worker processes, one model each.

trafilatura and spaCy are CPU-bound and hold the GIL, so threads cannot use a second core.
Workers are spawned (not forked: the flow process runs Prefect's threads) and each loads the
spaCy model once. With `workers=0` batches run in this process, which suits tiny runs.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from newsflow import storage
from newsflow.extractors import LoadSettings, article_id
from newsflow.extractors.cleaning import detect_language
from newsflow.extractors.nlp import KnownPeople, load_model
from newsflow.storage import Batch

from ._batches import DateWindow, ReadResult, build_batch


def _warm_up() -> None:
    load_model()
    detect_language("warming up the language identifier takes about a second")


def known_people(store: storage.Store) -> KnownPeople:
    """What the store knows about people, read once per run for every batch's work."""
    return KnownPeople.of(storage.known_people(store))


def default_workers(total_inputs: int, batch_size: int) -> int:
    """One worker per core; none for a run of a single batch or on a single core, where a
    worker would only add its start-up (seconds: spaCy and the language model) and pickling."""
    batches = -(-total_inputs // max(batch_size, 1))
    if batches <= 1 or usable_cores() <= 1:
        return 0
    return max(1, min(usable_cores(), batches))


def usable_cores() -> int:
    """Cores this process may run on (taskset/cgroup affinity), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class WorkerPool:
    """Started on the first batch that has work, so a re-run of unchanged inputs spawns none."""

    def __init__(self, workers: int, people: Any = None) -> None:
        self.workers = workers
        # What the store knows about people (`KnownPeople`), read once per run by the engine
        # and handed to every batch's work: workers never open the database.
        self.people = people
        self._executor: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up,
            )
        return self._executor

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def process(
        self,
        run_id: str,
        read: ReadResult,
        known: set[str],
        sources: dict[str, str],
        settings: LoadSettings,
        window: DateWindow | None = None,
    ) -> Batch:
        """Clean and annotate one batch, in a worker when there are any; blocks until done."""
        has_work = any(article_id(d) not in known for d in read.documents)
        if self.workers == 0 or not has_work:
            return build_batch(run_id, read, known, sources, settings, window, people=self.people)
        future: Future[Any] = self._started().submit(
            build_batch, run_id, read, known, sources, settings, window, None, self.people
        )
        return future.result()
