"""Clean and annotate batches on every core: a pool of worker processes, one model each,
under deadlines enforced from outside the work.

trafilatura and spaCy are CPU-bound and hold the GIL, so threads cannot use a second core.
Workers are spawned (not forked: the flow process runs Prefect's threads) and each loads the
spaCy model once. With `workers=0` batches run in this process, which suits tiny runs (and
has no deadline: nothing outside the work can stop it).

A batch gets a deadline from its size (`Deadline`). A worker that overruns it, or dies on
it, is killed and replaced, and the batch is processed again in halves, each half under its
own deadline, down to the input that hangs (or kills its worker): that input becomes a
`failed` run item (`timeout` or `crashed`) with its raw input kept, and every other input of
the batch is stored as if nothing had happened. Replacing a worker happens in one place,
`WorkerPool._retire`, so a worker can also be retired for other reasons.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import sys
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from newsflow import storage
from newsflow.extractors import LoadSettings, RawDocument, article_id
from newsflow.settings import one_thread_per_worker
from newsflow.storage import Batch, document_row, failure_item

from ._batches import DateWindow, ReadResult, build_batch, recorded_skip, use_plain_pages

if TYPE_CHECKING:
    from newsflow.extractors.nlp import KnownPeople

_POOLS: weakref.WeakSet[WorkerPool] = weakref.WeakSet()  # live pools, for kill_all
_IN_PROCESS = threading.Lock()  # batches built in this process, one at a time
START_S = 300.0  # a new worker's start (spawn, imports, the model): generous on a busy host
MB = 1 << 20
# A worker whose resident memory passes this after a batch is replaced by a fresh one (the
# model and the language identifier take about 800 MB; each batch's Docs live in a spaCy
# memory zone, so a worker stays near that: this is the guard, not the mechanism).
MAX_WORKER_RSS_MB = 1500
MIN_TAIL_BATCH = 4  # the smallest batch `batch_sizes` makes near a run's end


@dataclass(frozen=True)
class Deadline:
    """How long cleaning and annotating may take: `base_s` per batch plus `per_input_s` for
    each input, counted once per started MB of its raw bytes (a 3 MB page counts three)."""

    base_s: float = 60.0
    per_input_s: float = 30.0

    def of(self, documents: list[RawDocument]) -> float:
        units = sum(max(1, -(-len(d.content) // MB)) for d in documents)
        return self.base_s + self.per_input_s * units


class PoolClosed(RuntimeError):
    """The pool was closed (a cancelled run) while a batch was in the works."""


class _Lost(Exception):
    """A worker overran its deadline or died; `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _warm_up() -> None:
    # The language identifier is not warmed: English pages never need it
    # (extractors/cleaning/_language.py), and it loads in ~0.04 s when one does.
    from newsflow.extractors.nlp import load_model

    load_model()


def _serve(connection: Connection) -> None:
    """A worker's life: warm up, say so, then run what it is sent until told to stop.

    Ctrl-C reaches the whole process group: a worker ignores it (and SIGTERM), leaving the
    pool to stop it; it leaves by itself when the pool's end of the pipe closes."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_IGN)
    try:
        _warm_up()
        connection.send(("ready", None))
    except BaseException as error:  # noqa: BLE001 - told to the pool, which raises it
        connection.send(("error", RuntimeError(f"worker could not start: {error}")))
        return
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return  # the pool is gone
        if message is None:
            _leave()
        fn, args = message
        try:
            connection.send(("done", fn(*args)))
        except BaseException as error:  # noqa: BLE001 - the caller's to handle
            try:
                connection.send(("error", error))
            except Exception:  # noqa: BLE001 - the error itself does not pickle
                connection.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))


def _leave() -> NoReturn:
    """End a worker at once when the pool asks it to: it holds no file or connection, and
    the interpreter's own teardown (freeing the model, object by object) took about 0.5 s
    of CPU per worker that the pool's `close` waited for at the end of every run."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


class _Worker:
    """One spawned process and the pipe to it; runs one call at a time."""

    def __init__(self, context: Any) -> None:
        self.connection, child = context.Pipe()
        one_thread_per_worker()  # read by the worker's BLAS when it starts
        self.process = context.Process(
            target=_serve, args=(child,), name="newsflow-worker", daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False
        # The pool kills a busy worker from the thread that stops the run while the thread
        # that sent the batch may be retiring it too: the pipe is closed once, by either.
        self._closing = threading.Lock()

    def _receive(self, within_s: float) -> tuple[str, Any]:
        try:
            if not self.connection.poll(within_s):
                raise _Lost(f"timeout: over {within_s:.0f} s")
            return self.connection.recv()
        except (EOFError, OSError):
            self.process.join(1)
            code = self.process.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            raise _Lost(f"crashed: worker process died ({how})") from None

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...], deadline_s: float) -> Any:
        if not self.ready:
            try:
                kind, value = self._receive(START_S)
            except _Lost as lost:  # not the batch's fault: no input was sent yet
                raise RuntimeError(f"a worker process could not start ({lost})") from None
            if kind == "error":
                raise value
            self.ready = True
        self.connection.send((fn, args))
        kind, value = self._receive(deadline_s)
        if kind == "error":
            raise value
        return value

    def rss_mb(self) -> float | None:
        """The process's resident memory now (Linux /proc), None when it cannot be read."""
        try:
            fields = Path(f"/proc/{self.process.pid}/statm").read_text().split()
        except (OSError, ValueError):
            return None
        return int(fields[1]) * os.sysconf("SC_PAGE_SIZE") / MB

    def stop(self) -> None:
        self.ask_to_leave()
        self.wait_gone()

    def ask_to_leave(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.connection.send(None)

    def wait_gone(self) -> None:
        """Wait a little for a worker asked to leave, then kill it."""
        self.process.join(5)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        with self._closing, contextlib.suppress(OSError):
            self.connection.close()


def known_people(store: storage.Store) -> KnownPeople:
    """What the store knows about people, read once per run for every batch's work."""
    from newsflow.extractors.nlp import KnownPeople

    return KnownPeople.of(storage.known_people(store))


def default_workers(total_inputs: int, batch_size: int) -> int:
    """One worker per core; none for a run of a single batch or on a single core, where a
    worker would only add its start-up (seconds: spaCy and the language model) and pickling."""
    batches = -(-total_inputs // max(batch_size, 1))
    if batches <= 1 or usable_cores() <= 1:
        return 0
    return max(1, min(usable_cores(), batches))


def batch_sizes(total_inputs: int, batch_size: int, workers: int) -> list[int]:
    """How many inputs each batch of a run of `total_inputs` takes, in order: `batch_size`
    until the end nears, then smaller ones, each a share of what is left (`remaining / (2 ×
    workers)`, at least `MIN_TAIL_BATCH`), so the workers finish together instead of one
    working through a last whole batch while the others wait. In this process (no workers)
    every batch is whole."""
    batch_size = max(1, batch_size)
    sizes: list[int] = []
    remaining = max(0, total_inputs)
    while remaining > 0:
        size = batch_size
        if workers > 1:
            share = -(-remaining // (2 * workers))
            size = min(batch_size, max(MIN_TAIL_BATCH, share))
        if remaining - size < MIN_TAIL_BATCH and remaining <= batch_size:
            size = remaining  # no scrap of a batch at the very end
        sizes.append(size)
        remaining -= size
    return sizes


def in_flight(workers: int) -> int:
    """How many batches the driver keeps submitted and not yet loaded: one per worker and one
    more, waiting for the first worker to finish, so no worker waits while this process loads
    a batch and reads the next (in this process, one: the work holds the GIL anyway)."""
    return workers + 1 if workers > 0 else 1


def usable_cores() -> int:
    """Cores this process may run on (taskset/cgroup affinity), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class _Stats:
    retired: list[str] = field(default_factory=list)  # why each replaced worker went
    peak_rss_mb: float = 0.0  # the largest worker's resident memory after a batch


class WorkerPool:
    """Started on the first batch that has work, so a re-run of unchanged inputs spawns none.

    `people` is what the store knows about people (`KnownPeople`), read once per run by the
    engine and handed to every batch's work: workers never open the database. `deadline`
    bounds each batch (default `Deadline()`); `build` is what a worker runs on a batch
    (default `build_batch`; any picklable function of the same arguments). A worker whose
    resident memory passes `max_rss_mb` after a batch is replaced (None: never).
    """

    def __init__(
        self,
        workers: int,
        people: Any = None,
        *,
        deadline: Deadline | None = None,
        build: Callable[..., Batch] = build_batch,
        max_rss_mb: float | None = MAX_WORKER_RSS_MB,
    ) -> None:
        self.workers = workers
        self.max_rss_mb = max_rss_mb
        self.people = people
        self.deadline = deadline or Deadline()
        self.build = build
        self.stats = _Stats()
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        self._all: set[_Worker] = set()
        self._started = 0
        self._guard = threading.Lock()
        self._closed = False
        _POOLS.add(self)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self.close()
        else:  # the run is failing or was cancelled: do not wait for busy workers
            self.kill()

    def close(self) -> None:
        """Stop the workers: idle ones are asked to leave, busy ones (a cancelled run) are
        killed at once."""
        with self._guard:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        try:
            for worker in workers:  # all asked first: they leave together, not one by one
                worker.ask_to_leave()
            for worker in workers:
                worker.wait_gone()
        finally:
            self._idle.put(None)  # wakes a caller waiting for a worker

    def kill(self) -> None:
        """Kill every worker now (a second Ctrl-C)."""
        with self._guard:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        try:
            for worker in workers:
                with contextlib.suppress(OSError):  # one worker's pipe must not spare the rest
                    worker.kill()
        finally:
            self._idle.put(None)  # wakes a caller waiting for a worker, whatever happened

    def start(self) -> None:
        """Spawn every worker now, so they warm up (imports, the model) while this process
        goes on, instead of when the first batches are handed out."""
        with self._guard:
            if self._closed:
                return
            while self._started < self.workers:
                self._started += 1
                fresh = _Worker(self._context)
                self._all.add(fresh)
                self._idle.put(fresh)

    def pids(self) -> list[int]:
        return [w.process.pid for w in list(self._all) if w.process.pid is not None]

    # -- workers ------------------------------------------------------------------------------
    def _take(self) -> _Worker:
        with self._guard:
            if self._closed:
                raise PoolClosed("the worker pool is closed")
            if self._started < self.workers:
                self._started += 1
                fresh = _Worker(self._context)
                self._all.add(fresh)
                return fresh
        worker = self._idle.get()
        if worker is None or self._closed:
            self._idle.put(None)
            raise PoolClosed("the worker pool is closed")
        return worker

    def _give_back(self, worker: _Worker) -> None:
        self._idle.put(worker)

    def _retire(self, worker: _Worker, why: str, *, gently: bool = False) -> None:
        """Kill a worker (or, `gently`, ask an idle one to leave) and put a fresh one in its
        place, which warms up while the other workers work (and wakes a caller waiting for
        a worker)."""
        if gently:
            worker.stop()
        else:
            worker.kill()
        with self._guard:
            self._all.discard(worker)
            self.stats.retired.append(why)
            if self._closed:
                self._started -= 1
                return
            fresh = _Worker(self._context)
            self._all.add(fresh)
        self._idle.put(fresh)

    def _run(self, args: tuple[Any, ...], deadline_s: float) -> Any:
        worker = self._take()
        try:
            result = worker.call(self.build, args, deadline_s)
        except _Lost as lost:
            self._retire(worker, lost.reason)
            if self._closed:
                raise PoolClosed("the worker pool was closed during a batch") from None
            raise
        except BaseException:
            self._give_back(worker)
            raise
        rss = worker.rss_mb()
        if rss is not None:
            self.stats.peak_rss_mb = max(self.stats.peak_rss_mb, rss)
        if rss is not None and self.max_rss_mb is not None and rss > self.max_rss_mb:
            self._retire(worker, f"recycled: {rss:.0f} MB resident", gently=True)
        else:
            self._give_back(worker)
        return result

    # -- batches ------------------------------------------------------------------------------
    def process(
        self,
        run_id: str,
        read: ReadResult,
        known: set[str],
        sources: dict[str, str],
        settings: LoadSettings,
        window: DateWindow | None = None,
    ) -> Batch:
        """Clean and annotate one batch, in a worker when there are any; blocks until done.
        An input that overruns the deadline or kills its worker gets a `failed` run item."""
        if self.workers == 0 or not self.has_work(read, known):
            # One batch at a time in this process: the driver keeps a second one submitted,
            # and two threads cleaning at once (lxml under trafilatura, whose parser is
            # shared) crashed the process (SIGSEGV, "Tried to unregister unknown proxy").
            with _IN_PROCESS:
                if self.workers == 0:
                    use_plain_pages()  # this process holds the database: see there
                return self.build(run_id, read, known, sources, settings, window, None, self.people)
        return self._process(run_id, read, known, sources, settings, window)

    @staticmethod
    def has_work(read: ReadResult, known: set[str]) -> bool:
        """Whether a batch holds an input to clean: one not stored yet, nor skipped before."""
        return any(
            article_id(d) not in known and recorded_skip(known, d) is None for d in read.documents
        )

    def _process(
        self,
        run_id: str,
        read: ReadResult,
        known: set[str],
        sources: dict[str, str],
        settings: LoadSettings,
        window: DateWindow | None,
    ) -> Batch:
        args = (run_id, read, known, sources, settings, window, None, self.people)
        try:
            return self._run(args, self.deadline.of(read.documents))
        except _Lost as lost:
            if len(read.documents) == 1:
                return _lost_input(run_id, read, sources, lost.reason)
        # Again in halves, down to the input that hangs; the batch's read failures and
        # fetch records go with the first half.
        half = len(read.documents) // 2
        first = ReadResult(read.documents[:half], read.failures, read.fetches, read.cpu_s)
        second = ReadResult(read.documents[half:])
        return _merge(
            self._process(run_id, first, known, sources, settings, window),
            self._process(run_id, second, known, sources, settings, window),
        )


def kill_all() -> None:
    """Kill the workers of every pool of this process (a second Ctrl-C: stop at once)."""
    for pool in list(_POOLS):
        pool.kill()


def _lost_input(run_id: str, read: ReadResult, sources: dict[str, str], reason: str) -> Batch:
    """The batch of one input that hung or crashed its worker: its raw input, its run item."""
    raw = read.documents[0]
    if reason.startswith("timeout"):
        reason += " cleaning and annotating this input (its worker was killed)"
    batch = Batch(run_id=run_id, documents=[document_row(raw)])
    batch.run_items = [failure_item(ref.uri, ref.source.source_id, e) for ref, e in read.failures]
    batch.run_items.append(
        {
            "uri": raw.uri,
            "source_id": sources.get(raw.source_uri),
            "article_id": None,
            "document_id": raw.document_id,
            "status": "failed",
            "reason": reason,
        }
    )
    if read.fetches:
        batch.children["fetches"] = [{**row, "run_id": run_id} for row in read.fetches]
    return batch


def _merge(first: Batch, second: Batch) -> Batch:
    merged = Batch(run_id=first.run_id)
    for batch in (first, second):
        merged.sources += batch.sources
        merged.documents += batch.documents
        merged.articles += batch.articles
        merged.run_items += batch.run_items
        for table, rows in batch.children.items():
            merged.children.setdefault(table, []).extend(rows)
        for stage, seconds in batch.stage_cpu_s.items():
            merged.stage_cpu_s[stage] = merged.stage_cpu_s.get(stage, 0.0) + seconds
    return merged
