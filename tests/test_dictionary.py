"""The data dictionary travels with the data: every table, view and column of a migrated
database carries a description as COMMENT ON, which any DuckDB client reads."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsflow import storage


def test_every_table_view_and_column_is_described(db_path: Path) -> None:
    """Fails when a migration adds a table, view or column without a line in
    storage/dictionary.toml: add one there."""
    with storage.Store.open(db_path) as store:
        missing = storage.undocumented(store)
        described = storage.data_dictionary(store)
    assert missing == [], f"describe these in storage/dictionary.toml: {missing}"
    names = {d.name for d in described}
    assert {"articles", "events", "event_details", "gdelt_events", "top_entities"} <= names
    assert sum(len(d.columns) for d in described) > 300


def test_a_plain_duckdb_client_sees_the_descriptions(db_path: Path) -> None:
    storage.Store.open(db_path).close()
    with duckdb.connect(str(db_path), read_only=True) as con:
        tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
        views = dict(
            con.execute(
                "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"
            ).fetchall()
        )
        column = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'events' "
            "AND column_name = 'modality'"
        ).fetchone()
        shared = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'quotes' "
            "AND column_name = 'article_id'"
        ).fetchone()
    assert tables["runs"].startswith("One row per run")
    assert "canonical" in views["top_entities"]
    assert column is not None and "asserted, reported, alleged" in column[0]
    assert shared is not None and shared[0].startswith("Article key")


def test_reopening_writes_nothing_and_an_undescribed_column_is_reported(db_path: Path) -> None:
    with storage.Store.open(db_path) as store:
        assert store.migrate() == []
        assert storage.undocumented(store) == []
        store.execute("ALTER TABLE runs ADD COLUMN something_new INTEGER")
        store.execute("CREATE VIEW some_new_view AS SELECT 1 AS x")
        assert storage.undocumented(store) == [
            "runs.something_new", "some_new_view", "some_new_view.x",
        ]  # fmt: skip


def test_a_view_replaced_by_a_later_migration_gets_its_descriptions_back(db_path: Path) -> None:
    with storage.Store.open(db_path) as store:
        store.execute("CREATE OR REPLACE VIEW top_entities AS SELECT * FROM entity_counts")
        assert "top_entities" in storage.undocumented(store)
        store.migrate()  # what every writable open does after the migrations
        assert "top_entities" not in storage.undocumented(store)
