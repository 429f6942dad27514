"""Progress reporting from a run to whoever started it (the CLI's progress bar).

A context variable rather than a flow parameter: a callback is not a value Prefect can record,
and it must not leak between runs.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

ProgressHook = Callable[[int, int, str], None]  # (done, total, message)

_hook: ContextVar[ProgressHook | None] = ContextVar("newsflow_progress", default=None)


def set_progress_hook(hook: ProgressHook | None) -> Callable[[], None]:
    """Send this context's progress to `hook`; returns the function that undoes it."""
    token = _hook.set(hook)
    return lambda: _hook.reset(token)


def report(done: int, total: int, message: str = "") -> None:
    hook = _hook.get()
    if hook is not None:
        hook(done, total, message)
