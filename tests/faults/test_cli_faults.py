"""Whole exports and errors that tell the truth, through the `newsflow` command.
Matrix rows C1-C4 (docs/reliability.md)."""

from __future__ import annotations

import json
import os

import pyarrow.parquet as pq
import pytest
from faultkit import clean_fixture, cli_env, newsflow, rows  # noqa: F401 - clean_fixture

# Every mention four times: several Arrow batches' worth of rows, with lists and dates.
QUERY = (
    "SELECT m.*, copy, [copy, copy + 1] AS pair, now() AS at FROM mentions m, "
    "range(4) AS r(copy) ORDER BY article_id, mention_index, copy"
)


def test_csv_json_and_parquet_exports_hold_every_row(clean, tmp_path):
    (total,) = rows(clean, f"SELECT count(*) FROM ({QUERY})")[0]
    assert total > 200  # more than the table view shows, and than csv/json used to write
    env = cli_env(tmp_path)
    as_csv = newsflow("sql", QUERY, "--db", str(clean), "-f", "csv", env=env)
    assert as_csv.returncode == 0, as_csv.stderr
    assert len(as_csv.stdout.splitlines()) == total + 1
    as_json = newsflow("sql", QUERY, "--db", str(clean), "-f", "json", env=env)
    assert len(json.loads(as_json.stdout)) == total
    target = tmp_path / "mentions.parquet"
    as_parquet = newsflow("sql", QUERY, "--db", str(clean), "-f", "parquet", "-o", str(target),
                          env=env)  # fmt: skip
    assert as_parquet.returncode == 0, as_parquet.stderr
    assert pq.read_table(target).num_rows == total
    assert as_csv.stderr == as_json.stderr == ""  # nothing left out, nothing to say


def test_a_limit_that_cuts_an_export_short_says_so(clean, tmp_path):
    (total,) = rows(clean, f"SELECT count(*) FROM ({QUERY})")[0]
    result = newsflow("sql", QUERY, "--db", str(clean), "-f", "csv", "--limit", "10",
                      env=cli_env(tmp_path))  # fmt: skip
    assert len(result.stdout.splitlines()) == 11
    assert f"stopped at --limit 10: 10 rows written, {total - 10} more not written" in (
        " ".join(result.stderr.split())
    )


@pytest.mark.parametrize("verbose", [False, True], ids=["quiet", "verbose"])
def test_a_fatal_error_is_one_line_and_its_traceback_goes_to_the_log(tmp_path, verbose):
    db = tmp_path / "broken.duckdb"
    db.write_bytes(os.urandom(100_000))
    args = ["ingest", str(tmp_path), "--db", str(db)] + (["--verbose"] if verbose else [])
    result = newsflow(*args, env=cli_env(tmp_path))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "is damaged" in errors[0]
    assert ("Traceback" in result.stderr) is verbose
    log = db.with_name(db.name + ".log").read_text()
    assert "Traceback" in log and "DatabaseCorrupt" in log
