"""What a run publishes as artifacts is what its `runs` row and `run_items` say."""

from __future__ import annotations

from pathlib import Path

from newsflow import storage
from newsflow.flows import database_note, summary_markdown


def test_the_run_report_agrees_with_the_runs_table(sample_db: Path) -> None:
    with storage.Store.open(sample_db, read_only=True) as store:
        run_id, seen, new, updated, unchanged, skipped, failed = store.rows(
            "SELECT run_id, items_seen, articles_new, articles_updated, articles_unchanged, "
            "items_skipped, items_failed FROM runs ORDER BY started_at LIMIT 1"
        )[0]
        report = storage.run_report(store, run_id)
        assert report is not None
        assert report["sources"] == storage.run_source_results(store, run_id)
    sources = report["sources"]
    assert sum(row["inputs"] for row in sources) == seen
    assert sum(row["new"] for row in sources) == new
    assert sum(row["updated"] for row in sources) == updated
    assert sum(row["unchanged"] for row in sources) == unchanged
    assert sum(row["skipped"] for row in sources) == skipped
    assert sum(row["failed"] for row in sources) == failed
    assert report["db"]["path"] == str(sample_db.resolve())
    assert report["new_entities"] and {"entity", "label", "mentions"} <= set(
        report["new_entities"][0]
    )


def test_the_summary_and_database_note_are_link_free_markdown(sample_db: Path) -> None:
    with storage.Store.open(sample_db, read_only=True) as store:
        run_id = store.rows("SELECT run_id FROM runs ORDER BY started_at LIMIT 1")[0][0]
        report = storage.run_report(store, run_id)
    assert report is not None
    summary = summary_markdown(report, 1.5)
    note = database_note(report)
    assert summary.startswith("# ingest run:") and "## Top new entities" in summary
    assert report["new_entities"][0]["entity"] in summary
    assert str(sample_db.resolve()) in note and run_id in note
    assert "](" not in summary + note and "http" not in note
    events = report["events_by_type"]
    assert events and all(row["events"] >= row["articles"] >= 1 for row in events)
    assert "## Events by type" in summary and events[0]["type"] in summary
    assert report["slowest_hosts"] == []  # the samples are local files: nothing fetched


def test_slowest_hosts_come_from_the_runs_fetches(
    tmp_path: Path, web_root: Path, web_server: str
) -> None:
    import gzip

    from conftest import CORPUS

    from newsflow.flows.ingest import ingest

    page = sorted((CORPUS / "html").iterdir())[0]
    (web_root / "a.html").write_bytes(gzip.decompress(page.read_bytes()))
    db = tmp_path / "fetched.duckdb"
    summary = ingest(inputs=[f"{web_server}/a.html", f"{web_server}/gone.html"], db=str(db))
    with storage.Store.open(db, read_only=True) as store:
        report = storage.run_report(store, summary["run_id"])
    assert report is not None
    (host,) = report["slowest_hosts"]
    assert host["host"] == "127.0.0.1"
    assert host["requests"] >= 2 and host["failures"] >= 1  # + robots.txt, a 404 here
    assert "## Slowest hosts" in summary_markdown(report)


def test_a_report_part_the_store_cannot_answer_is_left_empty_and_named(
    sample_db: Path, tmp_path: Path
) -> None:
    """The run's rows are stored before its report is read: a part that fails (here the
    table it reads is gone; at 50,000 articles it was DuckDB's memory) is named under
    "errors", the rest of the report is whole."""
    import shutil

    from newsflow import pipeline

    broken = tmp_path / "broken.duckdb"
    shutil.copy(sample_db, broken)
    with storage.Store.open(broken) as store:
        store.execute("ALTER TABLE article_entities RENAME TO article_entities_gone")
        run_id = store.rows("SELECT run_id FROM runs ORDER BY started_at LIMIT 1")[0][0]
        location = storage.Location.parse(str(broken))
        report = pipeline.build_report(store, run_id, "ingest", "completed", location)
        whole = storage.run_source_results(store, run_id)
    assert report["new_entities"] == [] and "article_entities" in report["errors"]["new_entities"]
    assert set(report["errors"]) == {"new_entities"}
    assert report["sources"] == whole and report["events_by_type"]
