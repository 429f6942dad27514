"""The ingest flow end to end: real Prefect (local mode), real spaCy model, real DuckDB file."""

from __future__ import annotations

import gzip
import json
import shutil

import duckdb
import pytest
from conftest import CORPUS, SAMPLE_ARTICLE, copy_sample

from newsflow import storage
from newsflow.flows.ingest import ingest

CONTENT_TABLES = ("sources", "documents", "articles", "article_versions", "mentions")
CORPUS_PAGES = sorted((CORPUS / "html").glob("*.html.gz"))


def _counts(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CONTENT_TABLES}


def _query(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _small_site(root):
    copy_sample(root)
    for page in CORPUS_PAGES[:3]:
        shutil.copy(page, root / page.name)
    return root


def test_sample_article_is_stored_with_metadata_and_mentions(sample_db):
    ((title, authors, site, day, nlp_status, words, field_sources),) = _query(
        sample_db,
        "SELECT title, authors, site_name, published_date, nlp_status, word_count, "
        "field_sources FROM articles WHERE uri LIKE '%cnn-putin%'",
    )
    assert title.startswith("Pyongyang welcomes Putin")
    assert authors == ["Simone McCarthy", "Manveena Suri", "Lucas Lilieholm"]
    assert site == "CNN" and str(day) == "2024-06-19"
    assert nlp_status == "done" and words > 600
    assert json.loads(field_sources)["authors"] == "byline"
    people = {
        row[0]
        for row in _query(
            sample_db,
            "SELECT m.text FROM current_mentions m JOIN articles a USING (article_id) "
            "WHERE a.uri LIKE '%cnn-putin%' AND m.label = 'PERSON'",
        )
    }
    assert {"Vladimir Putin", "Kim Jong Un"} <= people
    (offsets_ok,) = _query(
        sample_db,
        "SELECT bool_and(substring(a.text, m.start_char + 1, m.end_char - m.start_char) = m.text)"
        " FROM mentions m JOIN articles a USING (article_id)",
    )[0]
    assert offsets_ok


def test_whole_bundled_corpus_is_stored(sample_db):
    counts = _counts(sample_db)
    assert counts["articles"] >= 80 and counts["articles"] == counts["article_versions"]
    statuses = dict(_query(sample_db, "SELECT status, count(*) FROM run_items GROUP BY 1"))
    assert statuses.get("new", 0) == counts["articles"]
    assert set(statuses) <= {"new", "skipped"}


def test_non_english_articles_are_recorded_but_not_parsed(sample_db):
    rows = _query(
        sample_db,
        "SELECT a.language, a.nlp_status, count(m.article_id) FROM articles a "
        "LEFT JOIN mentions m USING (article_id) WHERE a.language <> 'en' GROUP BY ALL",
    )
    assert rows, "the corpus has non-English pages"
    for language, nlp_status, mentions in rows:
        assert nlp_status == f"skipped_language_{language}" and mentions == 0


def test_full_text_search_finds_the_sample(sample_db):
    with storage.Store.open(sample_db, read_only=True) as store:
        hits = storage.search_articles(store, "Pyongyang Kim", 3)
    assert hits and hits[0][1].startswith("Pyongyang welcomes Putin")


def test_views_answer(sample_db):
    assert _query(sample_db, "SELECT count(*) FROM articles_per_day_site")[0][0] > 10
    top = _query(sample_db, "SELECT entity FROM top_entities ORDER BY mentions DESC LIMIT 20")
    assert len(top) == 20
    pairs = _query(
        sample_db,
        "SELECT articles FROM entity_cooccurrence WHERE entity_a = 'Kim Jong Un' "
        "AND entity_b = 'Vladimir Putin'",
    )
    assert pairs and pairs[0][0] >= 1


def test_reingesting_the_same_inputs_adds_no_rows(tmp_path, db_path):
    site = _small_site(tmp_path / "in")
    first = ingest(inputs=[str(site)], db=str(db_path))
    before = _counts(db_path)
    second = ingest(inputs=[str(site)], db=str(db_path))
    assert _counts(db_path) == before
    assert first["status_counts"] == {"new": 4}
    assert second["status_counts"] == {"unchanged": 4}
    runs = _query(
        db_path, "SELECT articles_new, articles_unchanged, state FROM runs ORDER BY started_at"
    )
    assert runs == [(4, 0, "completed"), (0, 4, "completed")]


def test_changed_content_becomes_a_new_version_of_the_same_article(tmp_path, db_path):
    site = tmp_path / "in"
    article = copy_sample(site)
    ingest(inputs=[str(site)], db=str(db_path))
    article.write_text(
        SAMPLE_ARTICLE.read_text("utf-8").replace(
            "This is a developing story", "Kim Jong Un later hosted a banquet in Pyongyang.\n\n"
            "This is a developing story",
        ),
        "utf-8",
    )  # fmt: skip
    summary = ingest(inputs=[str(site)], db=str(db_path))
    assert summary["status_counts"] == {"updated": 1}
    assert _query(db_path, "SELECT count(*), max(version) FROM articles") == [(1, 2)]
    versions = _query(db_path, "SELECT version FROM article_versions ORDER BY 1")
    assert versions == [(1,), (2,)]
    assert _query(db_path, "SELECT count(DISTINCT version) FROM mentions")[0][0] == 2
    (text,) = _query(db_path, "SELECT text FROM articles")[0]
    assert "banquet" in text
    assert _query(db_path, "SELECT count(*) FROM documents")[0][0] == 2


def test_bad_inputs_become_status_rows_and_the_rest_is_stored(tmp_path, db_path):
    site = tmp_path / "in"
    copy_sample(site)
    shutil.copy(CORPUS_PAGES[0], site / CORPUS_PAGES[0].name)
    (site / "empty.html").write_bytes(b"")
    (site / "binary.html").write_bytes(bytes(range(256)) * 100)
    (site / "latin1.txt").write_bytes("Titre\n\nCaf\xe9 cr\xe8me ".encode("latin-1") * 100)
    with (site / "huge.html").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (site / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (site / "broken.html.gz").write_bytes(b"not gzip at all")
    good = {"url": "https://example.com/story", "title": "A story",
            "text": "A plain record with enough words to be an article. " * 5}  # fmt: skip
    (site / "records.jsonl").write_text(json.dumps(good) + "\n{oops\n")
    summary = ingest(inputs=[str(site), str(tmp_path / "missing.html")], db=str(db_path))
    reasons = dict(_query(db_path, "SELECT regexp_extract(uri, '[^/#]+(#L\\d+)?$'), "
                                   "split_part(reason, ':', 1) FROM run_items "
                                   "WHERE status IN ('failed', 'skipped')"))  # fmt: skip
    assert reasons == {
        "empty.html": "empty",
        "binary.html": "binary",
        "latin1.txt": "encoding",
        "huge.html": "too_large",
        "nav.html": "no_article",
        "broken.html.gz": "bad_gzip",
        "records.jsonl#L2": "malformed_json",
        "missing.html": "not_found",
    }
    assert summary["status_counts"]["new"] == 3
    assert summary["state"] == "completed_with_failures"
    assert _query(db_path, "SELECT count(*) FROM articles")[0][0] == 3


def test_urls_and_url_lists_are_fetched_over_http(tmp_path, db_path, web_root, web_server):
    for page in CORPUS_PAGES[:2]:
        (web_root / page.name.replace(".gz", "")).write_bytes(gzip.decompress(page.read_bytes()))
    names = [page.name.replace(".gz", "") for page in CORPUS_PAGES[:2]]
    listing = tmp_path / "today.urls"
    listing.write_text(f"{web_server}/{names[0]}\n{web_server}/missing.html\n")
    summary = ingest(inputs=[str(listing), f"{web_server}/{names[1]}"], db=str(db_path))
    assert summary["status_counts"] == {"new": 2, "failed": 1}
    urls = {row[0] for row in _query(db_path, "SELECT url FROM articles")}
    assert urls == {f"{web_server}/{name}" for name in names}
    (reason,) = _query(db_path, "SELECT reason FROM run_items WHERE status = 'failed'")[0]
    assert reason.startswith("http_404")


def test_a_database_that_cannot_be_written_fails_the_run_loudly(tmp_path):
    not_a_db = tmp_path / "corrupt.duckdb"
    not_a_db.write_bytes(b"garbage" * 1000)
    with pytest.raises(storage.StorageError):
        ingest(inputs=[str(SAMPLE_ARTICLE)], db=str(not_a_db))


def test_worker_processes_store_exactly_what_one_process_stores(tmp_path):
    site = _small_site(tmp_path / "in")
    serial, parallel = tmp_path / "serial.duckdb", tmp_path / "parallel.duckdb"
    assert ingest(inputs=[str(site)], db=str(serial), batch_size=2, workers=0)["workers"] == 0
    assert ingest(inputs=[str(site)], db=str(parallel), batch_size=2, workers=2)["workers"] == 2
    content = (
        "SELECT article_id, content_hash, (SELECT count(*) FROM mentions m "
        "WHERE m.article_id = a.article_id) FROM articles a ORDER BY 1"
    )
    assert _query(serial, content) == _query(parallel, content)
    assert len(_query(serial, content)) == 4


def test_smaller_batches_near_the_end_store_what_whole_batches_store(tmp_path):
    """Two workers split 8 inputs as 4 + 4 (`batch_sizes`), one process as 6 + 2: the batches
    differ, the stored rows may not."""
    site = tmp_path / "in"
    copy_sample(site)
    for page in CORPUS_PAGES[3:10]:
        shutil.copy(page, site / page.name)
    serial, parallel = tmp_path / "serial.duckdb", tmp_path / "parallel.duckdb"
    assert ingest(inputs=[str(site)], db=str(serial), batch_size=6, workers=0)["workers"] == 0
    assert ingest(inputs=[str(site)], db=str(parallel), batch_size=6, workers=2)["workers"] == 2
    volatile = {"run_id", "last_run_id", "first_seen_at", "updated_at", "assigned_at"}
    for table in ("articles", "mentions", "entity_mentions", "quotes", "events"):
        columns = [row[0] for row in _query(serial, f"DESCRIBE {table}")]
        listed = ", ".join(c for c in columns if c not in volatile)
        rows = f"SELECT {listed} FROM {table} ORDER BY ALL"
        assert _query(serial, rows) == _query(parallel, rows), table
    assert len(_query(serial, "SELECT * FROM mentions")) > 100
    # The same stories (which member names a story depends on the write windows: not here).
    stories = "SELECT list(article_id ORDER BY article_id) FROM article_stories GROUP BY story_id"
    assert sorted(_query(serial, stories)) == sorted(_query(parallel, stories))
