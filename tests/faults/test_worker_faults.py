"""Deadlines enforced from outside the work: a worker that hangs on an input is killed and
replaced, one that dies is replaced, and the batch is processed again in halves down to the
input at fault, which gets its own failed row. Matrix rows W1-W3 (docs/reliability.md)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from faultkit import (  # noqa: F401 - *_fixture: the fixtures this module uses
    assert_same_as_clean,
    clean_fixture,
    faulted_fixture,
    rows,
)
from poison import (
    CRASH,
    HANG,
    announced_hang_build,
    hanging_build,
    overlap_recording_build,
    teardown_marking_build,
)

from newsflow import pipeline, storage
from newsflow.extractors import LoadSettings
from newsflow.extractors.sources import FetchSettings, plan_inputs

STORY = "Talks resume\n\nOfficials from France and Germany met in Geneva on Tuesday. {}\n"


def _one_input(folder: Path) -> pipeline.ReadResult:
    """One harmless text input under `folder`, read as a batch."""
    (folder / "in").mkdir()
    (folder / "in" / "talks.txt").write_text(STORY.format("They agreed to meet again."))
    plan = plan_inputs([str(folder / "in")])
    return pipeline.read_batch(plan.refs, LoadSettings(), FetchSettings())


@pytest.mark.slow
def test_a_hung_and_a_crashing_input_fail_alone_and_the_batch_is_stored(clean, faulted):
    folder, db = faulted
    (folder / "crash.txt").write_text(STORY.format(CRASH.decode()))
    (folder / "hang.txt").write_text(STORY.format(HANG.decode()))
    plan = plan_inputs([str(folder)])
    read = pipeline.read_batch(plan.refs, LoadSettings(), FetchSettings())
    sources = {source.locator: source.source_id for source in plan.sources}
    deadline = pipeline.Deadline(base_s=4.0, per_input_s=2.0)
    with pipeline.WorkerPool(2, deadline=deadline, build=hanging_build) as pool:
        batch = pool.process("run-1", read, set(), sources, LoadSettings())
        retired = list(pool.stats.retired)
    failed = {
        Path(item["uri"]).name: item["reason"]
        for item in batch.run_items
        if item.get("status") == "failed"
    }
    assert set(failed) == {"crash.txt", "hang.txt"}
    assert failed["crash.txt"].startswith("crashed: worker process died (signal 9)")
    assert failed["hang.txt"].startswith("timeout: over")
    assert any(why.startswith("timeout") for why in retired)
    with storage.Store.open(db) as store:
        storage.begin_run(store, "run-1", "ingest", {})
        storage.load(store, storage.Batch("run-1", sources=storage.source_rows(plan.sources)))
        pipeline.load_batch(store, batch)
    # the good inputs as a clean run stores them; both bad inputs' raw bytes kept
    assert_same_as_clean(clean, db, extra_documents=2)
    assert rows(db, "SELECT count(*) FROM run_items WHERE status = 'new'") == [(3,)]


def test_a_worker_asked_to_leave_ends_at_once_without_its_interpreter_teardown(tmp_path):
    # The teardown (freeing the model object by object) took ~0.5 s of CPU per worker, and
    # the pool's close waited for each in turn at the end of every run.
    read = _one_input(tmp_path)
    marker = tmp_path / "ran"
    with pipeline.WorkerPool(1, build=teardown_marking_build) as pool:
        pool.process(str(marker), read, set(), {}, LoadSettings())
        (pid,) = pool.pids()
    assert marker.read_text() == str(pid)  # the build ran in the worker
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone once the pool is closed
    assert not Path(f"{marker}.teardown").exists()


def test_a_pool_with_no_work_starts_no_worker():
    read = pipeline.ReadResult()
    with pipeline.WorkerPool(2) as pool:
        batch = pool.process("run-1", read, set(), {}, LoadSettings())
        assert pool.pids() == []
    assert batch.run_items == []


def test_a_pool_killed_from_two_threads_mid_batch_wakes_every_caller(tmp_path):
    # A stopped run kills the pool from the thread the signal reached while the thread that
    # sent the batch retires its worker (and a second signal kills again): the pipe was
    # closed twice, one close raised EBADF, the caller waiting for a worker was never woken
    # and the run hung at exit.
    read = _one_input(tmp_path)
    busy = tmp_path / "busy"
    outcomes: dict[str, BaseException | None] = {}

    def process(name: str, run_id: str) -> None:
        try:
            pool.process(run_id, read, set(), {}, LoadSettings())
            outcomes[name] = None
        except BaseException as error:  # noqa: BLE001 - what the caller saw is the result
            outcomes[name] = error

    pool = pipeline.WorkerPool(1, build=announced_hang_build)
    callers = [
        threading.Thread(target=process, args=("busy", str(busy))),
        threading.Thread(target=process, args=("waiting", str(tmp_path / "never"))),
    ]
    callers[0].start()
    for _ in range(1200):  # the worker's start (the model) on a loaded host
        if busy.exists():
            break
        time.sleep(0.1)
    assert busy.exists(), "the worker never took the batch"
    callers[1].start()
    time.sleep(0.2)  # the second caller waits for the only worker
    start = threading.Barrier(2)

    def kill(name: str) -> None:
        start.wait()
        try:
            pool.kill()
            outcomes[name] = None
        except BaseException as error:  # noqa: BLE001
            outcomes[name] = error

    killers = [threading.Thread(target=kill, args=(f"kill-{n}",)) for n in range(2)]
    for thread in killers:
        thread.start()
    for thread in killers + callers:
        thread.join(30)
        assert not thread.is_alive(), "a thread was still waiting 30 s after the pool's kill"
    assert outcomes["kill-0"] is None and outcomes["kill-1"] is None
    for name in ("busy", "waiting"):
        error = outcomes[name]
        assert isinstance(error, RuntimeError) and "closed" in str(error), (name, error)
    with pytest.raises(ProcessLookupError):
        os.kill(int(busy.read_text()), 0)


def test_batches_built_in_this_process_never_overlap(tmp_path):
    # With no workers the driver keeps two batches submitted, each on a runner thread; two
    # threads cleaning HTML at once crashed the process in lxml (SIGSEGV).
    read = _one_input(tmp_path)
    log = tmp_path / "builds.log"
    with pipeline.WorkerPool(0, build=overlap_recording_build) as pool:
        threads = [
            threading.Thread(target=pool.process, args=(str(log), read, set(), {}, LoadSettings()))
            for _ in range(3)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    events = [line.split() for line in log.read_text().splitlines()]
    assert [kind for kind, _ in events] == ["start", "end"] * 3  # each ends before the next
