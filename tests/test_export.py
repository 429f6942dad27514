"""`newsflow export`: whole tables streamed to Parquet, CSV and JSON Lines, and GDELT-style
events that GDELT analysis code can read."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsflow import storage

NEWSFLOW = str(Path(sys.executable).with_name("newsflow"))
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor2Code", "Actor2Name", "Actor2CountryCode", "IsRootEvent",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone", "ActionGeo_FullName", "DATEADDED", "SOURCEURL",
]  # fmt: skip


def _count(db: Path, sql: str) -> int:
    with storage.open_reader(db) as store:
        return int(store.rows(sql)[0][0])


@pytest.mark.parametrize("what", ["events", "articles", "entities"])
def test_each_export_writes_every_row_in_each_format(sample_db, tmp_path, what) -> None:
    expected = _count(sample_db, f"SELECT count(*) FROM ({storage.EXPORTS[what]})")
    assert expected > 10
    for fmt in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"{what}.{fmt}"
        result = subprocess.run(
            [NEWSFLOW, "export", what, "--format", fmt, "-o", str(out), "--db", str(sample_db)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert f"wrote {expected} {what} rows" in result.stderr
        if fmt == "parquet":
            rows = pq.read_table(out).num_rows
        elif fmt == "csv":
            with out.open(newline="", encoding="utf-8") as handle:
                rows = sum(1 for _ in csv.DictReader(handle))
        else:
            rows = sum(1 for line in out.read_text("utf-8").splitlines() if json.loads(line))
        assert rows == expected, (what, fmt)
        assert not out.with_name(out.name + ".partial").exists()


def test_the_events_export_is_gdelt_shaped_and_has_the_sample_consult(sample_db, tmp_path):
    out = tmp_path / "events.parquet"
    with storage.open_reader(sample_db) as store:
        storage.export_query(store, storage.EXPORTS["events"], out, "parquet")
    table = pq.read_table(out)
    assert table.column_names[: len(GDELT_COLUMNS)] == GDELT_COLUMNS
    rows = table.to_pylist()
    consult = [
        r for r in rows
        if r["SQLDATE"] == 20240619 and r["Actor1CountryCode"] == "RUS"
        and r["Actor2CountryCode"] == "PRK" and r["plover_type"] == "CONSULT"
    ]  # fmt: skip
    assert consult, "the sample article's CONSULT event (Russia -> North Korea) is missing"
    event = consult[0]
    assert (event["EventRootCode"], event["EventCode"], event["QuadClass"]) == ("04", "040", 1)
    assert event["Actor1Name"] == "Vladimir Putin" and event["Actor2Name"] == "North Korea"
    assert event["SOURCEURL"].endswith("cnn-putin-pyongyang-2024-06-19.txt")
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    assert all(r["EventRootCode"] is not None for r in rows)


def test_csv_to_stdout_and_errors_are_clear(sample_db, tmp_path) -> None:
    piped = subprocess.run(
        [NEWSFLOW, "export", "entities", "-f", "csv", "-o", "-", "--db", str(sample_db)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith("entity_id,name,type,country,mentions,articles,aliases\n")
    rows = list(csv.DictReader(piped.stdout.splitlines(keepends=True)))
    assert len(rows) == _count(sample_db, "SELECT count(*) FROM entities")
    bad = subprocess.run(
        [NEWSFLOW, "export", "events", "-f", "xlsx", "--db", str(sample_db)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 1 and "parquet, csv, jsonl" in bad.stderr
    with storage.open_reader(sample_db) as store, pytest.raises(storage.QueryError):
        storage.export_query(store, "SELECT * FROM no_such_table", tmp_path / "x.csv", "csv")
    assert list(tmp_path.iterdir()) == []  # a failed export leaves no file behind
