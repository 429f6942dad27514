"""The batch driver (pipeline.drive): order, grouped write windows, and what happens to
finished batches when something stops the drive. Real threads stand in for the workers."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from newsflow import pipeline
from newsflow.pipeline import _driver, _signals


class Windows:
    """A write window that records what was loaded inside each opening."""

    def __init__(self) -> None:
        self.openings: list[list[int]] = []
        self.open = False

    @contextmanager
    def window(self) -> Iterator[None]:
        assert not self.open, "windows do not nest here"
        self.open = True
        self.openings.append([])
        try:
            yield
        finally:
            self.open = False

    def load(self, item: int, result: int) -> None:
        assert self.open, "a load outside any window"
        assert result == item * 10
        self.openings[-1].append(item)


def test_every_batch_is_loaded_in_order_a_few_per_window() -> None:
    windows = Windows()
    with ThreadPoolExecutor(2) as pool:
        count = pipeline.drive(
            range(10), lambda i: pool.submit(lambda: i * 10), windows.load, depth=3,
            window=windows.window,
        )  # fmt: skip
    assert count == 10
    assert [i for opening in windows.openings for i in opening] == list(range(10))
    assert all(len(opening) <= _driver.LOADS_PER_WINDOW for opening in windows.openings)
    assert len(windows.openings) < 10  # grouped: fewer windows than batches


def test_without_a_window_each_batch_is_loaded_on_its_own() -> None:
    loaded: list[int] = []
    with ThreadPoolExecutor(2) as pool:
        pipeline.drive(range(5), lambda i: pool.submit(lambda: i), lambda i, r: loaded.append(r))
    assert loaded == list(range(5))


def test_a_finished_batch_does_not_wait_long_for_a_slow_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Batch 1 is slow until batch 0 is stored: with batch 0 held for company until batch 1
    finished, the drive would stall (the Event's timeout makes that a failure, not a hang)."""
    monkeypatch.setattr(_driver, "MAX_WAIT_S", 0.2)
    windows = Windows()
    stored_first = threading.Event()

    def work(i: int) -> int:
        if i == 1:
            assert stored_first.wait(10), "batch 0 waited for batch 1 to be stored"
        return i * 10

    def load(item: int, result: int) -> None:
        windows.load(item, result)
        if item == 0:
            stored_first.set()

    with ThreadPoolExecutor(2) as pool:
        pipeline.drive(range(3), lambda i: pool.submit(work, i), load, depth=2,
                       window=windows.window)  # fmt: skip
    assert windows.openings[0] == [0]
    assert [i for opening in windows.openings for i in opening] == [0, 1, 2]


def test_batches_finished_before_a_failing_one_are_stored() -> None:
    windows = Windows()

    def work(i: int) -> int:
        if i == 3:
            raise RuntimeError("worker lost")
        return i * 10

    with ThreadPoolExecutor(1) as pool, pytest.raises(RuntimeError, match="worker lost"):
        pipeline.drive(range(6), lambda i: pool.submit(work, i), windows.load, depth=2,
                       window=windows.window)  # fmt: skip
    assert [i for opening in windows.openings for i in opening] == [0, 1, 2]


def test_when_reading_fails_every_batch_read_before_is_stored() -> None:
    windows = Windows()

    def read() -> Iterator[int]:
        yield from range(4)
        raise OSError("damaged archive")

    with ThreadPoolExecutor(2) as pool, pytest.raises(OSError, match="damaged archive"):
        pipeline.drive(read(), lambda i: pool.submit(lambda: i * 10), windows.load, depth=3,
                       window=windows.window)  # fmt: skip
    assert [i for opening in windows.openings for i in opening] == [0, 1, 2, 3]


def test_a_failed_load_is_not_retried_by_the_driver() -> None:
    attempts: list[int] = []

    def load(item: int, result: int) -> None:
        attempts.append(item)
        if item == 1:
            raise OSError("disk full")

    with ThreadPoolExecutor(2) as pool, pytest.raises(OSError, match="disk full"):
        pipeline.drive(range(4), lambda i: pool.submit(lambda: i * 10), load, depth=3,
                       window=Windows().window)  # fmt: skip
    assert attempts.count(1) == 1
    assert 2 not in attempts and 3 not in attempts  # nothing loaded after the failure


def test_given_load_group_a_window_s_batches_are_loaded_together_in_order() -> None:
    windows = Windows()
    groups: list[list[int]] = []

    def load_group(group: list[tuple[int, int]]) -> None:
        for item, result in group:
            windows.load(item, result)
        groups.append([item for item, _ in group])

    with ThreadPoolExecutor(2) as pool:
        pipeline.drive(
            range(10), lambda i: pool.submit(lambda: i * 10), windows.load, depth=3,
            window=windows.window, load_group=load_group,
        )  # fmt: skip
    assert [i for group in groups for i in group] == list(range(10))
    assert groups == windows.openings  # one call per window, with everything it loaded
    assert all(1 <= len(group) <= _driver.LOADS_PER_WINDOW for group in groups)


def test_a_signal_whose_raise_something_swallowed_still_stops_the_drive() -> None:
    """The handler raises in the main thread wherever it is; a library wait that catches
    that exception must not let the run go on to the end (CI, round 18)."""
    windows = Windows()

    def load(item: int, result: int) -> None:
        windows.load(item, result)
        if item == 1:
            try:  # the signal arrives while a library call is running, which eats the raise
                os.kill(os.getpid(), signal.SIGTERM)
                threading.Event().wait(0.5)
            except pipeline.RunCancelled:
                pass

    with (
        _signals.stop_on_signals(),
        ThreadPoolExecutor(1) as pool,
        pytest.raises(pipeline.RunCancelled),
    ):
        pipeline.drive(range(20), lambda i: pool.submit(lambda: i * 10), load, depth=1,
                       window=windows.window)  # fmt: skip
    loaded = [i for opening in windows.openings for i in opening]
    assert loaded[:2] == [0, 1] and len(loaded) < 20
