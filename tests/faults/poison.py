"""Faults injected where no input can reach on its own: what a worker process runs on a
batch (it must be importable by the spawned workers, so it lives in a module).

`hanging_build` and friends run the real `build_batch` on every batch, except that an input
holding a marker hangs the worker, kills it, or raises inside it."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from newsflow.pipeline import build_batch

HANG = b"NEWSFLOW-TEST-HANG"
CRASH = b"NEWSFLOW-TEST-CRASH"


def hanging_build(run_id: str, read: Any, known: set[str], sources: dict[str, str],
                  settings: Any, window: Any = None, nlp: Any = None,
                  people: Any = None) -> Any:  # fmt: skip
    for document in read.documents:
        if HANG in document.content:
            while True:  # a hang no deadline inside the work could interrupt
                time.sleep(3600)
        if CRASH in document.content:
            os.kill(os.getpid(), signal.SIGKILL)  # as a segfault or the OOM killer would
    return build_batch(run_id, read, known, sources, settings, window, nlp, people)


def teardown_marking_build(run_id: str, read: Any, *args: Any) -> Any:
    """Builds nothing: says which process ran it (a file named by `run_id`) and arranges for
    the process's interpreter teardown, should it run, to write `run_id` + ".teardown"."""
    import atexit
    from pathlib import Path

    from newsflow.storage import Batch

    Path(run_id).write_text(str(os.getpid()))
    atexit.register(Path(run_id + ".teardown").write_text, "ran")
    return Batch(run_id=run_id)


def announced_hang_build(run_id: str, read: Any, *args: Any) -> Any:
    """Says it has the batch (a file named by `run_id`), then hangs: the pool can be stopped
    while a worker is known to be busy."""
    from pathlib import Path

    Path(run_id).write_text(str(os.getpid()))
    while True:
        time.sleep(3600)


def overlap_recording_build(run_id: str, read: Any, *args: Any) -> Any:
    """Builds nothing: appends when it started and ended to the file named by `run_id`'s
    folder ("<folder>/<run_id>.log"), sleeping between, so overlapping builds show."""
    from pathlib import Path

    from newsflow.storage import Batch

    log = Path(run_id)
    with log.open("a") as out:
        out.write(f"start {time.monotonic()}\n")
    time.sleep(0.3)
    with log.open("a") as out:
        out.write(f"end {time.monotonic()}\n")
    return Batch(run_id=str(log.name))
