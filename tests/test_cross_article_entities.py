"""Entities across articles: a later article that names a person only by surname resolves to
the full name the store knows; an entity's country follows its articles, not the first one."""

from __future__ import annotations

import json

from newsflow import pipeline, storage
from newsflow.extractors.nlp import KnownPeople, enrich


def _ingest(db, path):
    with pipeline.open_run(db, "ingest", {}) as run:
        pipeline.ingest(run, pipeline.IngestRequest.of([str(path)], workers=0))


def _records(path, *texts):
    path.write_text(
        "\n".join(
            json.dumps({"url": f"https://news.example/{path.stem}/{i}", "title": f"Story {i}",
                        "text": text, "published": "2024-06-19"})
            for i, text in enumerate(texts)
        ) + "\n"
    )  # fmt: skip
    return path


def test_known_people_resolve_a_surname_only_when_one_person_dominates():
    known = KnownPeople.of([
        ("Vladimir Putin", "RUS", 40), ("Kim Jong Un", "PRK", 30), ("Kim Yo Jong", "PRK", 20),
        ("Lisa Putin", None, 2),
    ])  # fmt: skip
    assert known.full_name("Putin") == "Vladimir Putin"  # 40 articles against 2
    assert known.full_name("Kim") is None  # 30 against 20: ambiguous
    assert known.full_name("Jong") == "Kim Yo Jong"  # her surname; his is "Un" here
    assert known.country == {"Vladimir Putin": "RUS", "Kim Jong Un": "PRK", "Kim Yo Jong": "PRK"}


def test_a_surname_alone_resolves_to_the_full_name_the_store_knows(tmp_path, nlp):
    alone = "Putin arrived in Pyongyang on Wednesday. Putin said the talks went well."
    doc = nlp(alone)
    names = {e.name for e in enrich(doc).entities if e.type == "PERSON"}
    assert names == {"Putin"}
    known = KnownPeople.of([("Vladimir Putin", "RUS", 3)])
    people = {(e.name, e.country) for e in enrich(doc, None, known).entities if e.type == "PERSON"}
    assert people == {("Vladimir Putin", "RUS")}

    db = tmp_path / "news.duckdb"
    first = "Russian President Vladimir Putin met officials in Moscow on Monday."
    _ingest(db, _records(tmp_path / "first.jsonl", first))
    _ingest(db, _records(tmp_path / "second.jsonl", alone))
    with storage.open_reader(db) as store:
        rows = store.rows("SELECT name, country, articles FROM entity_counts WHERE type = 'PERSON'")
    assert rows == [("Vladimir Putin", "RUS", 2)]


def test_an_entitys_country_follows_most_of_its_articles(tmp_path):
    db = tmp_path / "news.duckdb"
    # the first article gives the company no country; the next two place it in Germany
    first = "Zentrix Robotics shares rose on Monday after Zentrix Robotics announced a plant."
    _ingest(db, _records(tmp_path / "a.jsonl", first))
    with storage.open_reader(db) as store:
        before = store.rows("SELECT country FROM entities WHERE name = 'Zentrix Robotics'")
    _ingest(db, _records(
        tmp_path / "b.jsonl",
        "The German company Zentrix Robotics opened a plant on Monday, the company said.",
        "The German firm Zentrix Robotics hired 200 workers on Tuesday.",
    ))  # fmt: skip
    with storage.open_reader(db) as store:
        after = store.rows("SELECT country FROM entities WHERE name = 'Zentrix Robotics'")
        votes = store.rows(
            "SELECT count(*) FROM article_entities ae JOIN entities e USING (entity_id) "
            "WHERE e.name = 'Zentrix Robotics'"
        )
    assert before == [(None,)]
    assert after == [("DEU",)]
    assert votes == [(3,)]


def _vote(run_id: str, article_id: str, country: str | None, content_hash: str = "h1"):
    article = {
        "article_id": article_id, "content_hash": content_hash, "document_id": "d-" + article_id,
        "uri": f"file:///{article_id}.txt", "text": f"Zentrix {article_id} {content_hash}",
        "word_count": 3, "nlp_status": "done", "cleaner": "test",
    }  # fmt: skip
    entity = {"entity_id": "e-zentrix", "type": "ORG", "name": "Zentrix", "country": country,
              "extractor": "entities.test"}  # fmt: skip
    vote = {"article_id": article_id, "extractor": "entities.test", "entity_id": "e-zentrix",
            "country": country, "mentions": 1}  # fmt: skip
    return storage.Batch(
        run_id=run_id, articles=[article],
        children={"entities": [entity], "article_entities": [vote]},
    )  # fmt: skip


def test_an_entitys_country_after_each_load_is_what_a_full_recount_gives(db_path):
    """A load recounts only the entities whose country its votes may change (a new article
    agreeing with the stored country is not recounted); after every load the stored country
    is what a recount over every article gives, through new articles, a vote that flips it,
    and updated articles that take their votes elsewhere."""
    steps = [  # (article, its vote, its content, the country expected after the load)
        ("a1", "DEU", "h1", "DEU"),  # a new entity, its first vote
        ("a2", None, "h1", "DEU"),  # no vote
        ("a3", "FRA", "h1", "DEU"),  # 1 article each, 1 mention each: DEU first by code
        ("a4", "DEU", "h1", "DEU"),  # agrees with the stored country: not recounted
        ("a5", "FRA", "h1", "DEU"),  # 2 against 2
        ("a6", "FRA", "h1", "FRA"),  # FRA 3, DEU 2
        ("a6", "DEU", "h2", "DEU"),  # a6 updated: DEU 3, FRA 2
        ("a7", "DEU", "h1", "DEU"),
        ("a5", "DEU", "h2", "DEU"),  # DEU 5, FRA 1
        ("a1", "ITA", "h2", "DEU"),  # DEU 4, FRA 1, ITA 1
    ]
    with storage.Store.open(db_path) as store:
        for number, (article_id, country, content_hash, expected) in enumerate(steps):
            storage.load(store, _vote(f"run-{number}", article_id, country, content_hash))
            stored = store.rows("SELECT country FROM entities WHERE entity_id = 'e-zentrix'")
            assert stored == [(expected,)], (number, article_id, country)
            assert storage.refresh_entity_countries(store) == 0  # a full recount: no change
