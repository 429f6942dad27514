"""How the flows' tasks behave in Prefect: retries and timeouts per stage.

Retries happen only for errors marked
`transient` (timeouts, 429/5xx, a database briefly locked), with backoff; terminal errors
(404, a malformed file, a failed migration) fail at once.
"""

from __future__ import annotations

from typing import Any

RETRIES = 3
RETRY_DELAYS_S = [2.0, 10.0, 30.0]  # backoff between the tries of a transient failure
RETRY_JITTER = 0.3

# Task timeouts in seconds, per stage: generous bounds that turn a hang into a failed run.
TIMEOUT_S = {"plan": 600.0, "read": 1800.0, "process": 1800.0, "load": 900.0, "poll": 1800.0,
             "maintain": 3600.0}  # fmt: skip


def is_transient(error: BaseException | None) -> bool:
    """Whether trying again may help: the error says so (`.transient`), or it is a timeout
    or a dropped connection."""
    if error is None:
        return False
    marked = getattr(error, "transient", None)
    if marked is not None:
        return bool(marked)
    return isinstance(error, TimeoutError | ConnectionError)


def retry_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect `retry_condition_fn`: retry a failed task run only for a transient error."""
    error = state.data if isinstance(state.data, BaseException) else None
    if error is None:
        try:
            result = state.result(raise_on_failure=False)
        except Exception:  # the result could not be read: do not guess
            return False
        error = result if isinstance(result, BaseException) else None
    return is_transient(error)


def task_options(stage: str, submitted: bool = False) -> dict[str, Any]:
    """Options for the `@task` of a stage: retries for transient errors only, a timeout.

    A task that is `.submit()`ted runs in a worker thread, where Prefect cannot interrupt it
    and warns on every run; it gets no timeout (what it waits on must bound itself).
    """
    options: dict[str, Any] = {
        "retries": RETRIES,
        "retry_delay_seconds": RETRY_DELAYS_S,
        "retry_jitter_factor": RETRY_JITTER,
        "retry_condition_fn": retry_transient,
    }
    if not submitted:
        options["timeout_seconds"] = TIMEOUT_S[stage]
    return options
