"""`reprocess` (stored raw inputs again, no fetching) and `backfill` (explicit date ranges)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import SAMPLES

from newsflow import storage
from newsflow.flows.backfill import backfill
from newsflow.flows.reprocess import reprocess

pytestmark = pytest.mark.slow

TABLES = ("documents", "articles", "article_versions", "mentions", "sources")


def sizes(db: Path) -> dict[str, int]:
    with storage.Store.open(db, read_only=True) as store:
        return {t: store.rows(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


@pytest.fixture
def copied_db(sample_db: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(sample_db, tmp_path / "copy.duckdb"))


def test_reprocess_everything_recleans_stored_inputs_and_adds_nothing(copied_db: Path) -> None:
    before = sizes(copied_db)
    summary = reprocess(db=str(copied_db))
    assert sizes(copied_db) == before
    counts = summary["status_counts"]
    assert counts.get("unchanged") == before["articles"]
    assert set(counts) == {"unchanged"}
    with storage.Store.open(copied_db, read_only=True) as store:
        report = storage.run_report(store, summary["run_id"])
    assert report is not None and report["flow"] == "reprocess"


def test_reprocess_for_an_old_extractor_version_adds_the_new_mentions_once(
    copied_db: Path,
) -> None:
    with storage.Store.open(copied_db) as store:
        article, version, current = store.rows(
            "SELECT article_id, version, any_value(extractor) FROM mentions GROUP BY ALL "
            "ORDER BY count(*) DESC LIMIT 1"
        )[0]
        store.execute(
            "UPDATE mentions SET extractor = 'mentions.old' WHERE article_id = ?", [article]
        )
        old = store.rows("SELECT count(*) FROM mentions WHERE article_id = ?", [article])[0][0]
    before = sizes(copied_db)
    summary = reprocess(db=str(copied_db), extractor="mentions.old")
    assert summary["status_counts"] == {"unchanged": 1}
    after = sizes(copied_db)
    assert after["mentions"] == before["mentions"] + old
    assert {k: v for k, v in after.items() if k != "mentions"} == {
        k: v for k, v in before.items() if k != "mentions"
    }
    with storage.Store.open(copied_db, read_only=True) as store:
        rows = store.rows(
            "SELECT extractor, version, count(*) FROM mentions WHERE article_id = ? "
            "GROUP BY ALL ORDER BY 1",
            [article],
        )
    assert rows == sorted([(current, version, old), ("mentions.old", version, old)])
    reprocess(db=str(copied_db), extractor="mentions.old")  # again: nothing more
    assert sizes(copied_db) == after


def test_reprocess_a_date_range_takes_only_articles_of_those_days(copied_db: Path) -> None:
    with storage.Store.open(copied_db, read_only=True) as store:
        day, expected = store.rows(
            "SELECT published_date, count(*) FROM articles WHERE published_date IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"
        )[0]
    summary = reprocess(db=str(copied_db), since=day, until=day)
    assert sum(summary["status_counts"].values()) == expected


def test_backfill_keeps_only_the_range_and_reruns_add_nothing(tmp_path: Path) -> None:
    db = tmp_path / "backfill.duckdb"
    article = str(SAMPLES / "articles")
    outside = backfill(
        inputs=[article], since=date(2020, 1, 1), until=date(2020, 12, 31), db=str(db)
    )
    assert outside["status_counts"] == {"skipped": 1}
    assert outside["state"] == "completed"
    with storage.Store.open(db, read_only=True) as store:
        reasons = store.rows("SELECT reason FROM run_items")
        assert reasons == [("outside_range: published 2024-06-19",)]
        assert store.rows("SELECT count(*) FROM articles")[0][0] == 0
    inside = backfill(inputs=[article], since=date(2024, 6, 1), until=date(2024, 6, 30), db=str(db))
    assert inside["status_counts"] == {"new": 1}
    first = sizes(db)
    again = backfill(inputs=[article], since=date(2024, 6, 1), until=date(2024, 6, 30), db=str(db))
    assert again["status_counts"] == {"unchanged": 1}
    assert sizes(db) == first


def test_backfill_refuses_an_inverted_range(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="after until"):
        backfill(inputs=[], since=date(2024, 2, 1), until=date(2024, 1, 1), db=str(tmp_path / "x"))
