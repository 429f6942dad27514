"""A page skipped as "no article" is remembered (skipped_inputs, migration 0007): a re-run
does not clean the same bytes again, and a cleaner with other settings does."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsflow import pipeline
from newsflow.extractors import LoadSettings
from newsflow.settings import Settings

NAV = "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"


def _ingest(db: Path, folder: Path, settings: Settings | None = None) -> str:
    with pipeline.open_run(db, "ingest", {}, settings=settings or Settings()) as run:
        pipeline.ingest(run, pipeline.IngestRequest.of([str(folder)]))
    return run.run_id


def _items(db: Path, run_id: str) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT status, reason FROM run_items WHERE run_id = ? AND uri LIKE '%nav.html'",
            [run_id],
        ).fetchall()


def _recorded(db: Path) -> list[tuple[str, str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT cleaner, status, reason FROM skipped_inputs ORDER BY recorded_at"
        ).fetchall()


def test_a_page_skipped_as_no_article_is_not_cleaned_again_until_the_cleaner_changes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nav.html").write_text(NAV)
    db = tmp_path / "news.duckdb"

    first = _ingest(db, folder)
    [(status, reason)] = _items(db, first)
    assert status == "skipped" and reason.startswith("no_article")
    [(cleaner, recorded_status, recorded_reason)] = _recorded(db)
    assert cleaner.endswith("/min_words=25") and (recorded_status, recorded_reason) == (
        status,
        reason,
    )

    # Mark the record: a re-run that reports this reason took it from the record and did not
    # clean the page again.
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE skipped_inputs SET reason = 'no_article: as recorded'")
    second = _ingest(db, folder)
    assert _items(db, second) == [("skipped", "no_article: as recorded")]
    assert len(_recorded(db)) == 1

    # Other cleaning settings: the record does not hold for them, so the page is cleaned again.
    third = _ingest(db, folder, Settings(load=LoadSettings(min_article_words=26)))
    [(status, reason)] = _items(db, third)
    assert status == "skipped" and reason.startswith("no_article") and "fewer than 26" in reason
    assert sorted(c for c, _, _ in _recorded(db)) == sorted(
        [cleaner, cleaner.replace("min_words=25", "min_words=26")]
    )


def test_a_no_change_rerun_writes_the_run_items_of_all_its_batches_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nav.html").write_text(NAV)
    for i in range(3):
        (folder / f"story-{i}.txt").write_text(
            f"Talks resume {i}\n\nOfficials from France and Germany met in Geneva on Tuesday, "
            "President Emmanuel Macron said, adding that Chancellor Olaf Scholz would travel "
            "to Moscow next week for more talks about the war and the economy.\n"
        )
    db = tmp_path / "news.duckdb"
    request = pipeline.IngestRequest.of([str(folder)], batch_size=1, workers=0)
    for _ in range(2):
        with pipeline.open_run(db, "ingest", {}) as run:
            pipeline.ingest(run, request)
    with duckdb.connect(str(db), read_only=True) as con:
        first, again = con.execute(
            "SELECT count(*), count(DISTINCT recorded_at), list(DISTINCT status ORDER BY status) "
            "FROM run_items JOIN runs USING (run_id) GROUP BY run_id ORDER BY min(started_at)"
        ).fetchall()
    # The first run's batches load a write window's worth at a time (pipeline._driver).
    assert (first[0], first[2]) == (4, ["new", "skipped"])
    assert again == (4, 1, ["skipped", "unchanged"])  # nothing new: one load for all four
