"""Re-running the enrichment over stored articles: a new extractor version adds its rows
beside the old ones, a second run adds nothing, and no article is refetched."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from conftest import SAMPLE_ARTICLE

import storage
from extractors import enrich
from flows import _reenrich
from flows._pipeline import annotate

TABLES = ("entity_mentions", "events", "quotes", "amounts", "date_mentions")


def _store_sample(store, nlp):
    text = SAMPLE_ARTICLE.read_text("utf-8")
    article = {
        "article_id": "sample", "content_hash": "h", "document_id": "d", "uri": "file:///s.txt",
        "text": text, "word_count": len(text.split()), "nlp_status": "done", "cleaner": "test",
        "published_date": date(2024, 6, 19),
    }  # fmt: skip
    batch = storage.Batch(run_id="r1", articles=[article])
    batch.children = annotate(nlp(text), "sample", "mentions.test", date(2024, 6, 19))
    storage.load(store, batch)


def _counts(store):
    return {t: store.rows(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


@pytest.mark.slow
def test_a_new_extractor_version_is_added_beside_the_old_and_rerunning_adds_nothing(
    db_path, nlp, monkeypatch
):
    with storage.Store.open(db_path) as store:
        _store_sample(store, nlp)
        before = _counts(store)
        assert _reenrich.reenrich(store, nlp) == 0  # current version already there

        def enrich_v2(doc, published=None):
            result = enrich(doc, published)
            return replace(
                result, events=tuple(replace(e, extractor="events.v2") for e in result.events)
            )

        monkeypatch.setattr(_reenrich, "enrich", enrich_v2)
        monkeypatch.setattr(_reenrich, "EVENTS_VERSION", "events.v2")
        assert _reenrich.reenrich(store, nlp) == 1
        after = _counts(store)
        assert after["events"] == 2 * before["events"]
        assert {t: after[t] for t in TABLES if t != "events"} == {
            t: before[t] for t in TABLES if t != "events"
        }
        assert _reenrich.reenrich(store, nlp) == 0
        assert _counts(store) == after
        shown = store.rows("SELECT DISTINCT extractor FROM event_details")
        assert shown == [("events.v2",)]
