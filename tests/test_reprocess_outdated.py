"""After a rule change ships as a new extractor version, `reprocess --outdated` annotates the
stored articles again: the new version's rows sit beside the old ones, a second run adds
nothing, and nothing is refetched. Runs the engine directly (no Prefect)."""

from __future__ import annotations

import pytest
from conftest import copy_sample

from newsflow import pipeline, storage
from newsflow.extractors.nlp import EVENTS_VERSION

TABLES = ("entity_mentions", "events", "quotes", "amounts", "date_mentions")


def _counts(store):
    return {t: store.rows(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


def _reprocess(db, **options):
    with pipeline.open_run(db, "reprocess", options) as run:
        pipeline.reprocess(run, outdated=True, workers=0, **options)
    return run.summary


@pytest.mark.slow
def test_outdated_articles_get_the_new_version_beside_the_old_and_rerunning_adds_nothing(
    tmp_path,
):
    db = tmp_path / "x.duckdb"
    sample = copy_sample(tmp_path / "in")
    with pipeline.open_run(db, "ingest", {}) as run:
        pipeline.ingest(run, pipeline.IngestRequest.of([str(sample)], workers=0))
    assert _reprocess(db)["status_counts"] == {}  # every article has today's versions
    # The stored events were made by an older rule set.
    with storage.Store.open(db) as store:
        store.execute("UPDATE events SET extractor = 'events.v0'")
        before = _counts(store)
        assert before["events"] > 0
    summary = _reprocess(db)
    assert summary["status_counts"] == {"unchanged": 1}
    with storage.Store.open(db, read_only=True) as store:
        after = _counts(store)
        assert after["events"] == 2 * before["events"]
        assert {t: after[t] for t in TABLES if t != "events"} == {
            t: before[t] for t in TABLES if t != "events"
        }
        assert store.rows("SELECT DISTINCT extractor FROM event_details") == [(EVENTS_VERSION,)]
    assert _reprocess(db)["status_counts"] == {}
    with storage.Store.open(db, read_only=True) as store:
        assert _counts(store) == after
