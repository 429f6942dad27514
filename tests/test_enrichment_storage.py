"""Enrichment tables in DuckDB: migrations on an empty database, idempotent loads, stable
entity ids across articles and runs, views that show only the current version."""

from __future__ import annotations

from datetime import date

from enrichment_docs import make_doc

from newsflow import storage
from newsflow.extractors.nlp import enrich

ENRICHMENT_TABLES = (
    "entities", "entity_aliases", "entity_mentions", "date_mentions", "quotes", "amounts",
    "events",
)  # fmt: skip
ENRICHMENT_VIEWS = (
    "current_entity_mentions", "entity_counts", "event_details", "event_counts_daily",
    "quote_details", "current_amounts", "event_amounts", "current_date_mentions",
)  # fmt: skip


def _doc(country: str = "Pyongyang"):
    # "Russia received 10,000 missiles from North Korea , Vladimir Putin said in <country> ."
    return make_doc(
        [
            "Russia NNP PROPN nsubj 1", "received VBD VERB ccomp 10 receive",
            "10,000 CD NUM nummod 3", "missiles NNS NOUN dobj 1 missile", "from IN ADP prep 1",
            "North NNP PROPN compound 6", "Korea NNP PROPN pobj 4", ", , PUNCT punct 10",
            "Vladimir NNP PROPN compound 9", "Putin NNP PROPN nsubj 10",
            "said VBD VERB ROOT 10 say", "in IN ADP prep 10", f"{country} NNP PROPN pobj 11",
            ". . PUNCT punct 10",
        ],
        [(0, 1, "GPE"), (2, 3, "CARDINAL"), (5, 7, "GPE"), (8, 10, "PERSON"), (12, 13, "GPE")],
    )  # fmt: skip


def _batch(run_id: str, article_id: str, content_hash: str = "h1", city: str = "Pyongyang"):
    doc = _doc(city)
    article = {
        "article_id": article_id, "content_hash": content_hash, "document_id": "d-" + article_id,
        "uri": f"file:///{article_id}.txt", "text": doc.text, "word_count": len(doc),
        "nlp_status": "done", "cleaner": "test", "published_date": date(2024, 6, 19),
    }  # fmt: skip
    batch = storage.Batch(run_id=run_id, articles=[article])
    batch.children = storage.enrichment_rows(enrich(doc, date(2024, 6, 19)), article_id)
    return batch


def _counts(store):
    return {t: store.rows(f"SELECT count(*) FROM {t}")[0][0] for t in ENRICHMENT_TABLES}


def test_all_migrations_apply_to_an_empty_database_with_the_enrichment_schema(db_path):
    with storage.Store.open(db_path) as store:
        assert 3 in store.applied_migrations()
        names = {row[0] for row in store.rows("SELECT table_name FROM information_schema.tables")}
        assert set(ENRICHMENT_TABLES) | set(ENRICHMENT_VIEWS) <= names
        for view in ENRICHMENT_VIEWS:
            store.rows(f"SELECT * FROM {view}")  # every view runs on an empty database


def test_every_enrichment_table_has_declared_load_semantics():
    for name in ENRICHMENT_TABLES:
        spec = storage.TABLES[name]
        assert spec.versioned == (name not in {"entities", "entity_aliases"})


def test_loading_the_same_batch_twice_adds_no_rows(db_path):
    with storage.Store.open(db_path) as store:
        storage.load(store, _batch("run-1", "a1"))
        first = _counts(store)
        storage.load(store, _batch("run-2", "a1"))
        assert _counts(store) == first
    assert all(first[t] > 0 for t in ("entities", "entity_mentions", "events", "amounts"))


def test_a_second_article_reuses_the_entity_ids_of_known_entities(db_path):
    with storage.Store.open(db_path) as store:
        storage.load(store, _batch("run-1", "a1"))
        ids = {row[0]: row[1] for row in store.rows("SELECT name, entity_id FROM entities")}
        storage.load(store, _batch("run-2", "a2", city="Moscow"))
        after = {row[0]: row[1] for row in store.rows("SELECT name, entity_id FROM entities")}
        assert set(after) - set(ids) == {"Moscow"}
        assert all(after[name] == entity_id for name, entity_id in ids.items())
        (per_entity,) = store.rows(
            "SELECT max(n) FROM (SELECT count(*) n FROM entities GROUP BY entity_id)"
        )[0]
        assert per_entity == 1
        counts = dict(store.rows("SELECT name, articles FROM entity_counts"))
        assert counts["Vladimir Putin"] == 2 and counts["Moscow"] == 1


def test_views_show_the_current_version_and_link_amounts_to_events(db_path):
    with storage.Store.open(db_path) as store:
        storage.load(store, _batch("run-1", "a1"))
        storage.load(store, _batch("run-2", "a1", content_hash="h2"))
        assert store.rows("SELECT count(DISTINCT version) FROM events")[0][0] == 2
        rows = store.rows(
            "SELECT version, type, actor_name, recipient_name, day FROM event_details"
        )
        assert rows == [(2, "AID", "North Korea", "Russia", date(2024, 6, 19))]
        daily = store.rows(
            "SELECT actor_country, recipient_country, type, events FROM event_counts_daily"
        )
        assert daily == [("PRK", "RUS", "AID", 1)]
        amounts = store.rows("SELECT type, amount_text, value FROM event_amounts")
        assert amounts == [("AID", "10,000 missiles", 10000.0)]
