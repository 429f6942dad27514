"""The DuckLake backend (`--db ducklake:postgres:…`) on a real PostgreSQL catalog: the same
tables and views as a DuckDB file, the same rows for the same inputs, writers that race on
one article, read-only readers, search through the cache the maintenance flow builds, and
data on a real S3 server (SeaweedFS)."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import duckdb
import pytest
from conftest import CORPUS, SAMPLE_ARTICLE, person_batch
from lakecheck import differences, snapshot

from newsflow import pipeline, storage
from newsflow.settings import from_env

pytestmark = pytest.mark.services


@pytest.fixture
def lake(pg_cluster, tmp_path: Path) -> str:
    """A fresh lake: its own catalog database on the session's PostgreSQL, data in tmp."""
    name = f"lake_{uuid.uuid4().hex[:10]}"
    pg_cluster.create_database(name)
    return f"ducklake:postgres:{pg_cluster.conninfo(name)} data_path={tmp_path / 'lake-data'}"


def ingest(db: str | Path, inputs: list[Path], **options) -> dict:
    request = pipeline.IngestRequest.of([str(p) for p in inputs], workers=0, **options)
    with pipeline.open_run(db, "ingest", request.parameters()) as run:
        pipeline.ingest(run, request)
    return run.summary


def names(store: storage.Store) -> dict[str, tuple[str, ...]]:
    schema = "main"
    rows = store.rows(
        "SELECT table_name, list(column_name ORDER BY ordinal_position) "
        "FROM information_schema.columns WHERE table_schema = ? "
        "AND table_catalog = current_database() AND table_name <> 'schema_migrations' "
        "GROUP BY ALL",
        [schema],
    )
    return {name: tuple(cols) for name, cols in rows}


# ------------------------------------------------------------------ locations


def test_lake_locations_parse_and_hide_the_password() -> None:
    location = storage.Location.parse(
        "ducklake:postgres:dbname=lake host=db.internal user=nf password=s3cret data_path=s3://b/p/"
    )
    assert location.is_lake and not location.is_file
    assert location.path == "postgres:dbname=lake host=db.internal user=nf password=s3cret"
    assert location.data_path == "s3://b/p/"
    assert location.target.startswith("ducklake:postgres:dbname=lake")
    assert "s3cret" not in location.display and "s3cret" not in str(location)
    assert storage.lock_path(location) is None  # writers on a lake do not queue
    with pytest.raises(storage.StorageError, match="PostgreSQL"):
        storage.Location.parse("ducklake:sqlite:lake.sqlite")
    with pytest.raises(storage.StorageError, match="not supported"):
        storage.Location.parse("iceberg:thing")


def test_settings_name_a_bad_lake_value() -> None:
    from newsflow import settings

    found = settings.from_env(
        {"NEWSFLOW_S3_ENDPOINT": "127.0.0.1:8333", "NEWSFLOW_S3_USE_SSL": "false",
         "NEWSFLOW_LAKE_DATA_PATH": "s3://lake/news/", "NEWSFLOW_LAKE_RETRY_S": "5"}
    )  # fmt: skip
    assert found.lake.s3_endpoint == "127.0.0.1:8333" and found.lake.s3_use_ssl is False
    assert (found.lake.data_path, found.lake.retry_s) == ("s3://lake/news/", 5.0)
    with pytest.raises(settings.SettingsError, match="NEWSFLOW_S3_USE_SSL"):
        settings.from_env({"NEWSFLOW_S3_USE_SSL": "maybe"})


# ------------------------------------------------------------------ schema and rows


def test_a_lake_has_the_tables_and_views_of_a_file(lake: str, db_path: Path) -> None:
    with storage.Store.open(db_path) as file, storage.Store.open(lake) as store:
        assert store.is_lake and not file.is_lake
        assert store.applied_migrations() == file.applied_migrations()
        assert names(store) == names(file)
        assert store.migrate() == []  # a second writer finds it done


def test_a_lake_holds_the_same_rows_as_a_file_for_the_same_runs(
    lake: str, db_path: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    story = Path(shutil.copy(SAMPLE_ARTICLE, inputs / "story.txt"))
    pages = sorted((CORPUS / "html").glob("*.html.gz"))[:3]
    for page in pages:
        shutil.copy(page, inputs / page.name)
    original = story.read_text()
    edited = original.replace("Pyongyang", "Pyongyang city", 3)
    for db in (db_path, lake):
        story.write_text(original)
        ingest(db, [inputs], batch_size=2)
        ingest(db, [inputs], batch_size=2)  # unchanged: nothing new
        story.write_text(edited)
        ingest(db, [story])  # version 2
        story.write_text(original)
        ingest(db, [story])  # back to the first text: version 3, as a file does it
        with pipeline.open_run(db, "reprocess", {}) as run:  # stored inputs again: no change
            pipeline.reprocess(run, workers=0)
    with storage.open_reader(db_path) as file, storage.open_reader(lake) as store:
        assert differences(snapshot(file), snapshot(store)) == {}
        versions = store.rows("SELECT version FROM article_versions ORDER BY version")
        assert [v for (v,) in versions if v > 1] == [2, 3]
        assert storage.batch_problems(store) == []
        statuses = store.rows("SELECT status, count(*) FROM run_items GROUP BY 1 ORDER BY 1")
        assert statuses == file.rows("SELECT status, count(*) FROM run_items GROUP BY 1 ORDER BY 1")
        assert store.rows("SELECT count(*), min(state), max(state) FROM runs") == [
            (5, "completed", "completed")
        ]


def test_a_page_skipped_on_a_lake_is_remembered_as_on_a_file(
    lake: str, db_path: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    shutil.copy(SAMPLE_ARTICLE, inputs / "story.txt")
    for db in (db_path, lake):
        ingest(db, [inputs])
        ingest(db, [inputs])  # the page is not cleaned again: its skip is on record
    with storage.open_reader(db_path) as file, storage.open_reader(lake) as store:
        assert differences(snapshot(file), snapshot(store)) == {}
        assert store.rows("SELECT count(*), min(status) FROM skipped_inputs") == [(1, "skipped")]
        sql = "SELECT status, reason FROM run_items WHERE uri LIKE '%nav.html' ORDER BY recorded_at"
        seen = store.rows(sql)
        assert len(seen) == 2 and seen[0] == seen[1] and seen == file.rows(sql)


def test_stories_and_voted_countries_on_a_lake_match_a_file(
    lake: str, db_path: Path, tmp_path: Path
) -> None:
    """A file groups copies at each load and stores voted countries; a lake votes in its
    `entities` view and groups stories in the maintenance step, to the same result."""
    sample = tmp_path / "sample.txt"
    sample.write_text(SAMPLE_ARTICLE.read_text())
    copy = tmp_path / "copy.txt"
    copy.write_text(SAMPLE_ARTICLE.read_text().replace("CNN", "Wire"))
    for db in (db_path, lake):
        ingest(db, [sample])
        ingest(db, [copy])
    story_sql = "SELECT article_id, story_id FROM article_stories ORDER BY 1"
    country_sql = "SELECT entity_id, country FROM entities ORDER BY 1"
    with storage.open_reader(lake) as store:
        assert store.rows(story_sql) == []  # not grouped until maintenance runs
    with storage.Store.open(lake, lake=from_env().lake) as store:
        assert storage.group_lake_stories(store) == 2
        assert storage.group_lake_stories(store) == 0  # idempotent
    with storage.open_reader(db_path) as file, storage.open_reader(lake) as store:
        stories = store.rows(story_sql)
        assert stories == file.rows(story_sql)
        assert len({story for _, story in stories}) == 1  # the copy joined the first's story
        countries = store.rows(country_sql)
        assert countries == file.rows(country_sql)
        redirect_sql = "SELECT entity_id, target_id, rule FROM entity_redirects ORDER BY 1"
        assert store.rows(redirect_sql) == file.rows(redirect_sql)  # decided on read
        assert ("PRK" in {c for _, c in countries}) and storage.batch_problems(store) == []


def test_one_word_names_on_a_lake_are_redirected_as_in_a_file(lake: str, db_path: Path) -> None:
    """A file stores the redirect at each load; a lake decides it in its `entity_redirects`
    view on read: "Kim" is Kim Jong Un once he has three times Kim Yo Jong's articles."""
    loads = [("a1", "Kim Jong Un"), ("a2", "Kim Yo Jong"), ("a3", "Kim"), ("a4", "Kim Jong Un"),
             ("a5", "Kim Jong Un"), ("a6", "Kim Jong Un")]  # fmt: skip
    sql = (
        "SELECT s.name, t.name, r.rule FROM entity_redirects r "
        "JOIN entities s ON s.entity_id = r.entity_id JOIN entities t ON t.entity_id = r.target_id"
    )
    counts = "SELECT name, articles FROM entity_counts ORDER BY 1"
    found = []
    for db in (db_path, lake):
        with storage.Store.open(db, lake=from_env().lake) as store:
            for article_id, name in loads:
                storage.load(store, person_batch("r1", article_id, name))
        with storage.open_reader(db) as store:
            found.append((store.rows(sql), store.rows(counts)))
    assert found[0] == found[1]
    assert found[0] == (
        [("Kim", "Kim Jong Un", "people.v1")],
        [("Kim Jong Un", 5), ("Kim Yo Jong", 1)],
    )


def _batch(nlp, run_id: str, path: Path) -> storage.Batch:
    settings = from_env()
    plan_refs = pipeline.IngestRequest.of([str(path)])
    from newsflow.extractors.sources import plan_inputs

    plan = plan_inputs(list(plan_refs.inputs), settings.load)
    read = pipeline.read_batch(plan.refs, settings.load, settings.fetch)
    sources = {s.locator: s.source_id for s in plan.sources}
    return pipeline.build_batch(run_id, read, set(), sources, settings.load, nlp=nlp)


def test_writers_racing_on_one_article_store_it_once_and_keep_both_texts(
    lake: str, tmp_path: Path, nlp
) -> None:
    """Two writers that each decide before the other commits: the same text, both finding
    the article new, makes one version; two different new texts, both finding version 1
    current, make versions 2 and 3 in commit order, each with its own mentions, as one
    writer storing them one after the other would."""
    story = tmp_path / "story.txt"
    text = SAMPLE_ARTICLE.read_text()
    story.write_text(text)
    first = _batch(nlp, "run-a", story)
    twin = _batch(nlp, "run-b", story)
    story.write_text(text.replace("Pyongyang", "Pyongyang city"))
    second = _batch(nlp, "run-c", story)
    story.write_text(text.replace("Kim Jong Un", "Kim Jong-un"))
    third = _batch(nlp, "run-d", story)
    with storage.Store.open(lake) as one, storage.Store.open(lake) as two:
        with two.transaction():
            assert two.rows("SELECT count(*) FROM articles") == [(0,)]  # two's snapshot
            assert storage.load(one, first).count("new") == 1
            assert storage.load(two, twin).count("new") == 1  # it cannot see one's commit
        logged, shown = storage.lake_row_counts(one)["mentions"]
        assert logged == 2 * shown and shown > 0  # both appended; the view shows one
        assert one.rows("SELECT count(*), max(version) FROM article_versions") == [(1, 1)]
        with two.transaction():
            assert two.rows("SELECT count(*) FROM article_versions") == [(1,)]
            assert storage.load(one, second).count("updated") == 1
            assert storage.load(two, third).count("updated") == 1
        versions = one.rows("SELECT version, content_hash FROM article_versions ORDER BY 1")
        hashes = [a["content_hash"] for a in (first.articles[0], second.articles[0],
                                              third.articles[0])]  # fmt: skip
        assert versions == [(1, hashes[0]), (2, hashes[1]), (3, hashes[2])]
        per_version = one.rows("SELECT version, count(*) FROM mentions GROUP BY 1 ORDER BY 1")
        assert per_version == [
            (1, len(first.children["mentions"])),
            (2, len(second.children["mentions"])),
            (3, len(third.children["mentions"])),
        ]
        assert one.rows("SELECT version, content_hash FROM articles") == [versions[2]]
        assert storage.batch_problems(one) == []


# ------------------------------------------------------------------ readers


def test_readers_attach_read_only_and_search_the_cache(lake: str, tmp_path: Path) -> None:
    from dataclasses import replace

    settings = replace(from_env().lake, search_cache=str(tmp_path / "search.duckdb"))
    ingest(lake, [SAMPLE_ARTICLE])
    with storage.open_reader(lake, lake=settings) as reader:
        assert reader.read_only and reader.rows("SELECT count(*) FROM articles") == [(1,)]
        with pytest.raises(storage.QueryError, match="read-only"):
            reader.execute("INSERT INTO log.runs (run_id) VALUES ('x')")
        with pytest.raises(storage.StorageError, match="newsflow maintain"):
            storage.search_articles(reader, "Putin")
    with storage.Store.open(lake, lake=settings) as store:
        built = storage.rebuild_search_cache(store)
    assert built["articles"] == 1 and Path(built["path"]).exists()
    with storage.open_reader(lake, lake=settings) as reader:
        hits = storage.search_articles(reader, "Putin Pyongyang")
    assert len(hits) == 1 and "Putin" in hits[0][1]


def test_an_empty_catalog_is_not_a_lake_for_a_reader(pg_cluster) -> None:
    name = f"empty_{uuid.uuid4().hex[:8]}"
    pg_cluster.create_database(name)
    with pytest.raises(storage.StorageError, match="no lake at"):
        storage.Store.open(f"ducklake:postgres:{pg_cluster.conninfo(name)}", read_only=True)


def test_a_lake_on_s3_keeps_its_parquet_files_in_the_bucket(pg_cluster, s3_server) -> None:
    from newsflow.storage import LakeSettings

    name = f"s3lake_{uuid.uuid4().hex[:8]}"
    pg_cluster.create_database(name)
    settings = LakeSettings(
        data_path=f"s3://{s3_server.bucket}/{name}/", s3_endpoint=s3_server.endpoint,
        s3_key_id=s3_server.access_key, s3_secret=s3_server.secret_key, s3_use_ssl=False,
    )  # fmt: skip
    location = f"ducklake:postgres:{pg_cluster.conninfo(name)}"
    request = pipeline.IngestRequest.of([str(SAMPLE_ARTICLE)], workers=0)
    from dataclasses import replace

    with pipeline.open_run(
        location, "ingest", request.parameters(), settings=replace(from_env(), lake=settings)
    ) as run:
        pipeline.ingest(run, request)
    assert run.summary["status_counts"] == {"new": 1}
    keys = s3_server.list_keys(f"{name}/")
    assert any(key.endswith(".parquet") and "/mentions/" in key for key in keys)
    with storage.open_reader(location, lake=settings) as reader:
        assert reader.rows("SELECT count(*) > 50 FROM mentions") == [(True,)]
    # An analyst's plain duckdb session, as docs/scaling.md writes it.
    from services import duckdb_extension

    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    for extension in ("ducklake", "postgres_scanner", "httpfs"):
        con.execute(f"LOAD '{duckdb_extension(extension)}'")
    con.execute(s3_server.duckdb_secret_sql())
    con.execute(f"ATTACH 'ducklake:postgres:{pg_cluster.conninfo(name)}' AS lake (READ_ONLY)")
    assert con.execute("SELECT count(*) FROM lake.articles").fetchone() == (1,)
