"""Thin Prefect flows over the engine (`newsflow.pipeline`): `ingest`, `backfill` and
`reprocess`. Each runs the engine's stages as task runs, keys its `runs` row by the flow
run id and publishes the run's report as artifacts."""

from ._artifacts import database_note, summary_markdown

__all__ = ["database_note", "summary_markdown"]
