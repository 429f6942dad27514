"""The engine's stages as Prefect task runs: the runner a flow hands to `newsflow.pipeline`.

Each stage is one task (plan-inputs, read-batch, clean-and-annotate, load-batch,
poll-sources) whose runs carry the engine's batch names, e.g. `read-batch-3 (corpus/html,
64 inputs)`, so a run's graph in the UI reads like the pipeline. Retries and timeouts per
stage come from `_observe`; a submitted stage (clean-and-annotate) runs on Prefect's thread
pool while the flow reads the next batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from newsflow.flows import _observe

T = TypeVar("T")


def _stage(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


TASKS = {
    stage: task(  # type: ignore[call-overload]  # a generic function through **options
        _stage,
        name=name,
        cache_policy=NO_CACHE,
        **_observe.task_options(stage, submitted=stage == "process"),
    )  # fmt: skip
    for stage, name in (
        ("plan", "plan-inputs"),
        ("read", "read-batch"),
        ("process", "clean-and-annotate"),
        ("load", "load-batch"),
        ("poll", "poll-sources"),
        ("maintain", "maintenance-step"),
    )
}


class _Handle:
    """A submitted task run as the batch driver sees it."""

    def __init__(self, future: Any) -> None:
        self._future = future

    def done(self) -> bool:
        return bool(self._future.wrapped_future.done())

    def result(self) -> Any:
        return self._future.result()


def _unwalked(args: tuple[Any, ...]) -> list[Any]:
    # Prefect walks a task's arguments, every list, dict and dataclass inside them, looking for
    # futures and states: for a batch of rows that was ~40 % of the flow process's CPU in a
    # crawl (py-spy, bench/results/issue14.md round 7). The engine never passes futures, so
    # each argument goes quoted: unwalked, the same object inside the task. The cost: the run
    # graph draws no arrows from a batch's clean-and-annotate task to its load-batch task.
    return [quote(arg) for arg in args]


class TaskRunner:
    """Runs each engine stage as a Prefect task run of the current flow run."""

    def __init__(self) -> None:
        self.calls = 0

    def call(self, stage: str, name: str, fn: Callable[..., T], /, *args: Any) -> T:
        self.calls += 1
        return TASKS[stage].with_options(task_run_name=name)(fn, *_unwalked(args))

    def submit(self, stage: str, name: str, fn: Callable[..., T], /, *args: Any) -> _Handle:
        self.calls += 1
        return _Handle(TASKS[stage].with_options(task_run_name=name).submit(fn, *_unwalked(args)))

    def close(self) -> None:
        pass
