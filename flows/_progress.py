"""Progress reporting from a flow to whoever started it (the CLI's progress bar).

A context variable rather than a flow parameter: a callback is not a value Prefect can record,
and it must not leak between runs.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

ProgressHook = Callable[[int, int, str], None]  # (done, total, message)

_hook: ContextVar[ProgressHook | None] = ContextVar("newsflow_progress", default=None)


def set_hook(hook: ProgressHook | None) -> object:
    return _hook.set(hook)


def report(done: int, total: int, message: str = "") -> None:
    hook = _hook.get()
    if hook is not None:
        hook(done, total, message)
