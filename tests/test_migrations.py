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
