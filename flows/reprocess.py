"""The `reprocess` flow: clean and annotate stored raw inputs again, without refetching.

For a date range (published date, or the date first seen), for the articles an old
extractor version annotated, or for those today's extractor versions have not annotated
(`outdated`). A changed cleaning result becomes a new article version; a new extractor
version adds its rows to the current version; nothing already stored is written twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow

from newsflow import pipeline
from newsflow.flows import _artifacts
from newsflow.flows._tasks import TaskRunner
from newsflow.settings import DEFAULT_DB


@flow(name="reprocess", log_prints=False)
def reprocess(
    db: str = DEFAULT_DB,
    since: date | None = None,
    until: date | None = None,
    extractor: str | None = None,
    outdated: bool = False,
    batch_size: int = 64,
) -> dict[str, Any]:
    """Clean and annotate again the stored raw inputs of articles published (or first seen)
    between `since` and `until` (inclusive), or annotated by `extractor` (an old version),
    or lacking rows of today's extractor versions (`outdated`), in `db`. Nothing is fetched."""
    parameters = {"db": db, "since": since, "until": until, "extractor": extractor,
                  "outdated": outdated, "batch_size": batch_size}  # fmt: skip
    with _artifacts.flow_run(db, "reprocess", parameters, TaskRunner()) as run:
        pipeline.reprocess(run, since, until, extractor, outdated, batch_size)
    return run.summary
