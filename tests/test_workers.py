"""How many worker processes a run gets."""

import os
import platform
import subprocess
import sys
import threading

import pytest

from newsflow import pipeline
from newsflow.pipeline import batch_sizes, default_workers, usable_cores


def test_a_single_batch_runs_in_process():
    assert default_workers(10, 32) == 0


def test_one_worker_per_usable_core_at_most_one_per_batch():
    assert default_workers(64, 32) == min(usable_cores(), 2)
    assert default_workers(10_000, 32) == usable_cores() or usable_cores() == 1


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs Linux CPU affinity")
def test_pinned_to_one_core_means_no_workers():
    code = (
        "import os; os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})\n"
        "from newsflow.pipeline import batch_sizes, default_workers, usable_cores\n"
        "print(usable_cores(), default_workers(10_000, 32))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["1", "0"], result.stderr


def test_batches_shrink_near_the_end_so_the_workers_finish_together():
    sizes = batch_sizes(1000, 32, 2)
    assert sum(sizes) == 1000
    assert sizes[:25] == [32] * 25 and max(sizes) == 32
    # the last batch each worker takes is a small one, not whatever whole batch was left
    assert all(size <= 8 for size in sizes[-4:])
    assert sizes[:-1] == sorted(sizes[:-1], reverse=True)


def test_in_process_or_one_worker_every_batch_is_whole():
    assert batch_sizes(1000, 32, 0) == [32] * 31 + [8]
    assert batch_sizes(1000, 32, 1) == [32] * 31 + [8]


def test_every_input_is_in_exactly_one_batch_of_at_most_the_batch_size():
    for workers in (0, 2, 3):
        for batch_size in (1, 3, 4, 7, 32):
            for total in range(0, 150):
                sizes = batch_sizes(total, batch_size, workers)
                assert sum(sizes) == total
                assert all(1 <= size <= batch_size for size in sizes), (total, sizes)


FREED = """
import os, sys
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
if sys.argv[1] == "retain":
    from newsflow.pipeline import retain_freed_memory
    retain_freed_memory()
block = bytearray(24 << 20)  # a batch's large array, written
before = rss()
del block
print((before - rss()) >> 20)
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="mallopt and /proc: glibc on Linux",
)
def test_a_batch_process_keeps_freed_memory_for_the_next_batch():
    def returned_mb(mode: str) -> int:
        done = subprocess.run(
            [sys.executable, "-c", FREED, mode], capture_output=True, text=True, check=True
        )
        return int(done.stdout.split()[-1])

    assert returned_mb("default") >= 20  # glibc maps a 24 MB block and unmaps it on free
    assert returned_mb("retain") <= 2  # kept in the heap, reused without page faults


HUGE_PAGES = """
import sys, threading
import numpy
from newsflow import pipeline
from newsflow.extractors import LoadSettings
from newsflow.extractors.sources import FetchSettings, plan_inputs

def advised():  # NumPy's switch returns its previous setting: set it back at once
    switch = numpy._core.multiarray._set_madvise_hugepage
    previous = switch(True)
    switch(previous)
    return previous

plan = plan_inputs([sys.argv[1]])
sources = {source.locator: source.source_id for source in plan.sources}
read = pipeline.read_batch(plan.refs, LoadSettings(), FetchSettings())
pool = pipeline.WorkerPool(0)  # no workers: batches are built in this process
before = advised()
if sys.argv[2] == "thread":  # on a runner thread, as the driver submitted them before
    runner = pipeline.DirectRunner()
    batch = runner.submit("process", "b", pool.process, "r", read, set(), sources,
                          LoadSettings()).result()
    runner.close()
elif sys.argv[2] == "main":  # no workers: on the driver's thread, this process's main one
    batch = pool.process("r", read, set(), sources, LoadSettings())
else:  # what a worker process does, on its main thread
    batch = pipeline.build_batch("r", read, set(), sources, LoadSettings())
print(len(batch.articles), len(batch.children["mentions"]) > 10, before, advised())
"""


@pytest.mark.skipif(
    not hasattr(__import__("numpy")._core.multiarray, "_set_madvise_hugepage"),
    reason="NumPy without its huge page switch",
)
def test_batches_built_on_a_thread_of_this_process_use_plain_pages() -> None:
    """A thread's glibc arena hands a batch's memory back, so NumPy's huge pages were
    zeroed again, 2 MB at a time, every batch (round 7 of bench/results/issue14.md)."""
    from conftest import SAMPLE_ARTICLE

    def built_on(where: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", HUGE_PAGES, str(SAMPLE_ARTICLE), where],
            capture_output=True, text=True, env={**os.environ, "NUMPY_MADVISE_HUGEPAGE": "1"},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.split()

    assert built_on("thread") == ["1", "True", "True", "False"]
    # The process that holds the database (no workers), on any thread: DuckDB's malloc_trim
    # hands the main arena's free memory back too (round 8).
    assert built_on("main") == ["1", "True", "True", "False"]
    assert built_on("worker") == ["1", "True", "True", "True"]  # a worker keeps its huge pages


def test_with_no_workers_batches_are_built_on_the_drivers_thread(tmp_path) -> None:
    """One core, no worker processes: each batch is built where the driver runs (here the
    main thread), not submitted to a runner thread (round 8 of bench/results/issue14.md)."""
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(
            f"Harbour vote {i}\n\nThe harbour board voted on Tuesday to widen the quay, its "
            "chair said, after a year of talks with the fishermen and the town council.\n"
        )

    class Recording(pipeline.DirectRunner):
        def __init__(self) -> None:
            super().__init__()
            self.submitted: list[str] = []
            self.built_on_main: list[bool] = []

        def submit(self, stage, name, fn, /, *args):  # type: ignore[no-untyped-def]
            self.submitted.append(stage)
            return super().submit(stage, name, fn, *args)

        def call(self, stage, name, fn, /, *args):  # type: ignore[no-untyped-def]
            if stage == "process":
                self.built_on_main.append(threading.current_thread() is threading.main_thread())
            return super().call(stage, name, fn, *args)

    runner = Recording()
    db = tmp_path / "news.duckdb"
    request = pipeline.IngestRequest.of(
        [str(tmp_path / f"{i}.txt") for i in range(3)], workers=0, batch_size=1
    )
    with pipeline.open_run(db, "ingest", {}, runner=runner) as run:
        pipeline.ingest(run, request)
    assert "process" not in runner.submitted
    assert runner.built_on_main == [True, True, True]
    assert run.summary["status_counts"] == {"new": 3}


def test_with_no_workers_a_windows_worth_of_batches_is_read_and_asked_about_at_once(
    tmp_path,
) -> None:
    """One core: the batches a write window loads together are read first and asked about
    (`known_inputs`) in one window of the file, not one window per batch: each window's
    close hands the process's free memory back to the system (DuckDB's malloc_trim), for
    the next batch's parse to fault in again (round 10 of bench/results/issue14.md)."""
    names = []
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(
            f"Harbour vote {i}\n\nThe harbour board voted on Tuesday to widen the quay, its "
            "chair said, after a year of talks with the fishermen and the town council.\n"
        )
        names.append(str(tmp_path / f"{i}.txt"))

    class Recording(pipeline.DirectRunner):
        def __init__(self) -> None:
            super().__init__()
            self.stages: list[str] = []

        def call(self, stage, name, fn, /, *args):  # type: ignore[no-untyped-def]
            if stage in ("read", "process"):
                self.stages.append(stage)
            return super().call(stage, name, fn, *args)

    runner = Recording()
    db = tmp_path / "news.duckdb"
    request = pipeline.IngestRequest.of(names, workers=0, batch_size=1)
    with pipeline.open_run(db, "ingest", {}, runner=runner) as run:
        pipeline.ingest(run, request)
    assert runner.stages == ["read"] * 4 + ["process"] * 4 + ["read"] * 2 + ["process"] * 2
    assert run.summary["status_counts"] == {"new": 6}
    with pipeline.open_run(db, "ingest", {}, runner=Recording()) as again:
        pipeline.ingest(again, request)  # asked ahead, the inputs are still found stored
    assert again.summary["status_counts"] == {"unchanged": 6}
