"""Entities across articles: a later article that names a person only by surname resolves to
the full name the store knows; an entity's country follows its articles, not the first one."""

from __future__ import annotations

import json

from conftest import person_batch

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


FULL = "President Donald Trump spoke in Ohio on Monday. Trump said the economy was strong."
ALONE = "Trump flew to Iowa on Tuesday. Trump told voters the election was close."


def _people(db):
    with storage.open_reader(db) as store:
        return store.rows(
            "SELECT name, mentions, articles FROM entity_counts WHERE type = 'PERSON' ORDER BY name"
        )


def test_a_surname_in_one_run_is_the_full_name_of_the_same_run_in_either_order(tmp_path):
    """Known people are read once at a run's start: within the run, the cross-article step
    after the load redirects "Trump" to Donald Trump, whichever article comes first."""
    results = []
    for order in ((FULL, ALONE), (ALONE, FULL)):
        db = tmp_path / f"{len(results)}.duckdb"
        _ingest(db, _records(tmp_path / f"run{len(results)}.jsonl", *order))
        results.append(_people(db))
        with storage.open_reader(db) as store:
            written = store.rows(
                "SELECT count(*) FROM entity_mentions m JOIN entities e USING (entity_id) "
                "WHERE e.type = 'PERSON'"
            )
            run_id = store.rows("SELECT max(run_id) FROM runs")[0][0]
            reported = storage.run_new_entities(store, run_id)  # the run's own report
        assert results[-1][0][1] == written[0][0]  # every mention, counted together
        assert [e["entity"] for e in reported if e["label"] == "PERSON"] == ["Donald Trump"]
    assert results[0] == results[1]
    assert [(name, articles) for name, _, articles in results[0]] == [("Donald Trump", 2)]


def test_a_rerun_and_a_full_pass_change_nothing(tmp_path):
    db = tmp_path / "news.duckdb"
    records = _records(tmp_path / "run.jsonl", FULL, ALONE)
    _ingest(db, records)
    with storage.open_reader(db) as store:
        before = store.rows("SELECT entity_id, target_id, resolved_at FROM entity_redirects")
    _ingest(db, records)
    with storage.Store.open(db) as store:
        after = store.rows("SELECT entity_id, target_id, resolved_at FROM entity_redirects")
        assert storage.resolve_people(store) == 0
    assert len(before) == 1 and after == before


def _redirects(store):
    return store.rows(
        "SELECT s.name, t.name FROM entity_redirects r JOIN entities s ON s.entity_id = "
        "r.entity_id JOIN entities t ON t.entity_id = r.target_id ORDER BY 1"
    )


def test_a_word_two_people_share_stays_alone_until_one_dominates(db_path):
    """The word "Kim" is Kim Jong Un's and Kim Yo Jong's first word: no redirect while neither has
    three times the other's articles. When one does, the redirect appears; when the other
    catches up in a later run, the redirect is removed (the mentions were never rewritten),
    and the views show "Kim" alone again."""
    with storage.Store.open(db_path) as store:
        storage.load(store, person_batch("r1", "a1", "Kim Jong Un"))
        storage.load(store, person_batch("r1", "a2", "Kim Yo Jong"))
        storage.load(store, person_batch("r1", "a3", "Kim"))
        assert _redirects(store) == []  # 1 article against 1
        for n in range(4, 7):  # Kim Jong Un: 4 articles against 1
            storage.load(store, person_batch("r2", f"a{n}", "Kim Jong Un"))
        assert _redirects(store) == [("Kim", "Kim Jong Un")]
        assert store.rows(
            "SELECT entity_name, count(*) FROM current_entity_mentions GROUP BY 1 ORDER BY 1"
        ) == [("Kim Jong Un", 5), ("Kim Yo Jong", 1)]
        for n in range(7, 10):  # Kim Yo Jong: 4 against 4
            storage.load(store, person_batch("r3", f"a{n}", "Kim Yo Jong"))
        assert _redirects(store) == []
        assert ("Kim", 1) in store.rows(
            "SELECT entity_name, count(*) FROM current_entity_mentions GROUP BY 1"
        )
        assert storage.resolve_people(store) == 0


def test_the_store_step_picks_the_people_known_people_picks(db_path):
    """storage cannot import the extractors' rule: both pick the same people, titles and
    name suffixes included."""
    names = [
        ("a1", "Vladimir Putin"), ("a2", "Vladimir Putin"), ("a3", "Vladimir Putin"),
        ("a4", "Lisa Putin"), ("a5", "Martin Luther King Jr."), ("a6", "President Joe Biden"),
        ("a7", "Kim Jong Un"), ("a8", "Kim Yo Jong"), ("a9", "Vladimir Putin"),
    ]  # fmt: skip
    words = ["Putin", "Vladimir", "Lisa", "King", "Martin", "Joe", "Biden", "President", "Kim",
             "Jong", "Un", "Jr."]  # fmt: skip
    with storage.Store.open(db_path) as store:
        for article_id, name in names:
            storage.load(store, person_batch("r1", article_id, name))
        storage.load(store, person_batch("r1", "b1", *words))
        known = KnownPeople.of(storage.known_people(store))
        assert dict(_redirects(store)) == {w: known.full_name(w) for w in words
                                           if known.full_name(w)}  # fmt: skip
    assert known.full_name("King") is None  # a title, never a name alone
    assert known.full_name("Joe") == "President Joe Biden"  # the title is not his first word
    assert known.full_name("Putin") == "Vladimir Putin" and known.full_name("Kim") is None
