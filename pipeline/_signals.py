"""Stopping a run on SIGTERM or Ctrl-C (SIGINT): the first signal stops it within seconds,
keeping every batch it committed, and marks it `cancelled`; a second one stops at once.

`stop_on_signals` installs the handlers while a run lives (in the main thread only: Python
delivers signals there). The first signal raises `RunCancelled` in the main thread, wherever
it is waiting (a worker's batch, a fetch, a lock), so the run unwinds: worker processes are
killed, the batch in the works is dropped (it was never committed) and the run's row says
`cancelled`. Inside a Prefect flow run Prefect's own SIGTERM handler is called instead of
raising, so Prefect sees the termination it expects. Work running on another thread of
this process (a batch cleaned in-process) looks at `check_cancelled` between inputs. The
second signal kills the worker processes and leaves with status 128 + the signal.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

SIGNALS = (signal.SIGTERM, signal.SIGINT)
_cancelled = threading.Event()
_received: list[int] = []


class RunCancelled(BaseException):  # noqa: N818 - what happened, as KeyboardInterrupt says
    """A signal asked the run to stop (a BaseException, like KeyboardInterrupt, so that no
    `except Exception` keeps it from stopping the run)."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


def cancelled_by() -> int | None:
    """The signal that cancelled the current run, if one did."""
    return _received[0] if _received else None


def check_cancelled() -> None:
    """Raise `RunCancelled` if a signal asked the run to stop (for work on other threads)."""
    if _cancelled.is_set():
        raise RunCancelled(cancelled_by() or signal.SIGTERM)


@contextlib.contextmanager
def stop_on_signals(
    logger: Any = None, on_second: Callable[[], None] | None = None
) -> Iterator[None]:
    """While inside, SIGTERM and SIGINT cancel the run (see the module's docstring).
    `on_second` runs on the second signal, before the process exits (kill the workers)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only; whoever owns it decides
        return
    previous = {number: signal.getsignal(number) for number in SIGNALS}

    def handle(signum: int, frame: Any) -> None:
        if _cancelled.is_set():
            if logger is not None:
                logger.warning("second %s: stopping at once", signal.Signals(signum).name)
            if on_second is not None:
                on_second()
            os._exit(128 + signum)
        _received.append(signum)
        _cancelled.set()
        if logger is not None:
            logger.warning(
                "%s received: stopping the run, keeping the batches already stored "
                "(send it again to stop at once)",
                signal.Signals(signum).name,
            )
        before = previous.get(signal.Signals(signum))
        if callable(before) and before is not signal.default_int_handler:
            before(signum, frame)  # e.g. Prefect's, which raises its TerminationSignal
        raise RunCancelled(signum)

    _cancelled.clear()
    _received.clear()
    for number in SIGNALS:
        signal.signal(number, handle)
    try:
        yield
    finally:
        for number, before in previous.items():
            signal.signal(number, before)
        _cancelled.clear()
