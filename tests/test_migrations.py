import duckdb
import pytest

from newsflow import storage


def test_all_migrations_apply_to_an_empty_database(db_path):
    with storage.Store.open(db_path) as store:
        applied = store.applied_migrations()
    assert applied == [number for number, _, _ in storage.list_migrations()]
    assert applied[0] == 1


def test_reopening_applies_nothing_twice(db_path):
    storage.Store.open(db_path).close()
    with storage.Store.open(db_path) as store:
        assert store.migrate() == []
        rows = store.rows(
            "SELECT version, count(*) FROM schema_migrations GROUP BY 1 HAVING count(*) > 1"
        )
    assert rows == []


def test_core_tables_and_views_exist(db_path):
    with storage.Store.open(db_path) as store:
        names = {row[0] for row in store.rows("SELECT table_name FROM information_schema.tables")}
    assert {
        "runs", "sources", "documents", "articles", "article_versions", "mentions", "run_items",
        "articles_per_day_site", "top_entities", "entity_cooccurrence",
    } <= names  # fmt: skip


def test_a_file_that_is_not_a_database_gives_a_typed_error(tmp_path):
    path = tmp_path / "not.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(storage.StorageError) as raised:
        storage.Store.open(path)
    assert str(path) in str(raised.value)


def test_read_only_open_of_a_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(storage.StorageError, match="newsflow ingest"):
        storage.Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_a_second_writer_is_reported_as_locked(db_path):
    import subprocess
    import sys

    storage.Store.open(db_path).close()
    holder = duckdb.connect(str(db_path))
    try:
        code = (
            "import sys\nfrom newsflow import storage\n"
            "try:\n"
            f"    storage.Store.open({str(db_path)!r})\n"
            "except storage.DatabaseLocked as e:\n"
            "    print('locked', e.transient); sys.exit(0)\n"
            "sys.exit(1)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    finally:
        holder.close()
    assert result.returncode == 0, result.stderr
    assert "locked True" in result.stdout


def test_0010_on_a_file_made_by_0001_to_0009_redirects_the_names_it_holds(tmp_path):
    """A file migrated to 0009 with "Trump" beside Donald Trump's three articles: opening it
    applies 0010 and redirects "Trump" to him, so the views count one person."""
    names = [("a1", "Donald Trump"), ("a2", "Donald Trump"), ("a3", "Donald Trump"),
             ("a4", "Trump")]  # fmt: skip
    with storage.Store.open(tmp_path / "rows.duckdb") as store:  # the rows, written as today
        for article_id, name in names:
            entity_id = storage.natural_key("PERSON:" + name)
            article = {
                "article_id": article_id, "content_hash": "h", "document_id": "d" + article_id,
                "uri": f"file:///{article_id}.txt", "text": name, "word_count": 2,
                "nlp_status": "done", "cleaner": "test",
            }  # fmt: skip
            mention = {
                "article_id": article_id, "extractor": "entities.test", "mention_index": 0,
                "sentence_index": 0, "start_char": 0, "end_char": len(name), "text": name,
                "label": "PERSON", "ner_label": "PERSON", "entity_id": entity_id,
            }  # fmt: skip
            entity = {"entity_id": entity_id, "type": "PERSON", "name": name, "country": "USA",
                      "extractor": "entities.test"}  # fmt: skip
            storage.load(store, storage.Batch(
                run_id="r1", articles=[article],
                children={"entities": [entity], "entity_mentions": [mention]},
            ))  # fmt: skip
    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as connection:  # the schema of 0001-0009, and the rows
        connection.execute(
            "CREATE TABLE schema_migrations (version INTEGER NOT NULL, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMPTZ NOT NULL)"
        )
        for number, name, sql in storage.list_migrations():
            if number < 10:
                connection.execute(sql)
                connection.execute("INSERT INTO schema_migrations VALUES (?, ?, now())",
                                   [number, name])  # fmt: skip
        connection.execute(f"ATTACH '{tmp_path / 'rows.duckdb'}' AS rows (READ_ONLY)")
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'old' "
            "AND table_schema = 'main' AND table_type = 'BASE TABLE' "
            "AND table_name <> 'schema_migrations'"
        ).fetchall()
        for (table,) in tables:  # the columns the old schema has (later ones add columns)
            columns = ", ".join(
                row[0] for row in connection.execute(f"DESCRIBE main.{table}").fetchall()
            )
            connection.execute(
                f"INSERT INTO main.{table} BY NAME SELECT {columns} FROM rows.{table}"
            )
        counted = connection.execute(
            "SELECT name, articles FROM entity_counts ORDER BY name"
        ).fetchall()
    assert counted == [("Donald Trump", 3), ("Trump", 1)]
    with storage.Store.open(old) as store:
        assert 10 in store.applied_migrations()
        counted = store.rows("SELECT name, mentions, articles FROM entity_counts ORDER BY name")
        written = store.rows("SELECT DISTINCT written_entity_id FROM current_entity_mentions")
    assert counted == [("Donald Trump", 4, 4)]
    assert len(written) == 2
