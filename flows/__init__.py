"""Thin Prefect flows over the engine (`newsflow.pipeline`): `ingest`, `backfill` and
`reprocess`. Each runs the engine's stages as task runs, keys its `runs` row by the flow
run id and publishes the run's report as artifacts."""

from typing import Any

from ._artifacts import database_note, summary_markdown

__all__ = ["TaskRunner", "database_note", "summary_markdown"]


def __getattr__(name: str) -> Any:
    # `TaskRunner` (the engine's stages as task runs) imports Prefect, which a run without a
    # Prefect server never pays for: imported on first use.
    if name == "TaskRunner":
        from ._tasks import TaskRunner

        return TaskRunner
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
