"""The database beside its users: readers during a run, a reader holding the file, another
program writing it, damaged, missing and unwritable files, a full disk, a run killed at
each stage. Matrix rows D1-D14 (docs/reliability.md)."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from faultkit import (  # noqa: F401 - *_fixture: the fixtures this module uses
    ROOT,
    assert_same_as_clean,
    clean_fixture,
    cli_env,
    faulted_fixture,
    good_inputs,
    hold,
    ingest,
    newsflow,
    root_only,
    rows,
    start_fixture,
)

from newsflow import storage


def test_a_run_waits_for_a_reader_holding_the_file_and_says_which_pid(clean, faulted, caplog):
    folder, db = faulted
    storage.Store.open(db).close()  # the file exists, as it does for every scheduled run
    reader = hold(db, "read", 3.0)
    with caplog.at_level(logging.INFO, logger="newsflow"):
        run = ingest(db, [folder])
    reader.wait(timeout=60)
    assert run.state == "completed"
    said = caplog.text
    assert f"waiting for PID {reader.pid} (" in said and "open read-only" in said
    assert "released after" in said
    assert run.store.waited_s > 0
    assert_same_as_clean(clean, db)


def test_readers_get_answers_while_a_run_writes(tmp_path, start):
    folder = tmp_path / "in"
    good_inputs(folder)
    db = tmp_path / "busy.duckdb"
    storage.Store.open(db).close()
    run = start("ingest", str(folder), "--db", str(db), "--batch-size", "1", "--workers", "0")
    answers = []
    while run.process.poll() is None:
        with storage.open_reader(db, wait_s=60) as store:
            answers.append(store.rows("SELECT state FROM runs")[0][0] if store.rows(
                "SELECT count(*) FROM runs")[0][0] else None)  # fmt: skip
        time.sleep(0.05)
    assert run.process.returncode == 0, run.text()
    assert "running" in answers  # read while the run was writing, not after it
    with storage.open_reader(db) as store:
        assert store.rows("SELECT state FROM runs") == [("completed",)]


def test_another_program_writing_the_file_is_named_not_blamed_on_a_run(tmp_path):
    db = tmp_path / "held.duckdb"
    storage.Store.open(db).close()
    writer = hold(db, "write", 60.0)
    try:
        result = newsflow("ingest", str(tmp_path), "--db", str(db),
                          env=cli_env(tmp_path, NEWSFLOW_LOCK_WAIT_S="1"))  # fmt: skip
    finally:
        writer.kill()
        writer.wait()
    assert result.returncode == 1
    assert f"is held by PID {writer.pid}" in result.stderr and "open for writing" in result.stderr
    assert "another run" not in result.stderr
    assert result.stderr.count("error:") == 1 and "Traceback" not in result.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_file_is_called_damaged_and_left_untouched(clean, tmp_path, damage):
    db = tmp_path / "damaged.duckdb"
    if damage == "garbage":
        db.write_bytes(os.urandom(300_000))
    else:
        db.write_bytes(clean.read_bytes()[: clean.stat().st_size // 3])
    before = _digest(db)
    result = newsflow("ingest", str(ROOT / "samples" / "articles"), "--db", str(db),
                      env=cli_env(tmp_path))  # fmt: skip
    assert result.returncode == 1
    assert "is damaged" in result.stderr and "another process" not in result.stderr
    assert result.stderr.count("error:") == 1 and "Traceback" not in result.stderr
    assert _digest(db) == before
    doctor = newsflow("doctor", "--db", str(db), env=cli_env(tmp_path))
    assert doctor.returncode == 1 and "damaged" in doctor.stderr


def _flip_a_block_of(db: Path, table: str, column: str) -> None:
    """Overwrite bytes of a data segment of `table.column`: its block's checksum no longer
    holds (DuckDB checks the bytes a block uses)."""
    with duckdb.connect(str(db), read_only=True) as con:
        size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
        block, offset = con.execute(
            "SELECT block_id, block_offset FROM pragma_storage_info(?) WHERE column_name = ? "
            "AND block_id >= 0 ORDER BY block_id LIMIT 1",
            [table, column],
        ).fetchone()
    with open(db, "r+b") as handle:  # 3 header pages of 4 KiB, then the blocks
        handle.seek(3 * 4096 + block * size + offset + 64)
        handle.write(b"\xa5" * 256)


def test_a_checksum_error_in_one_block_is_found_by_doctor_and_stops_writes(clean, tmp_path):
    db = Path(shutil.copy(clean, tmp_path / "flipped.duckdb"))
    healthy = newsflow("doctor", "--db", str(db), env=cli_env(tmp_path))
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert "no problem found" in healthy.stdout
    _flip_a_block_of(db, "articles", "text")
    doctor = newsflow("doctor", "--db", str(db), env=cli_env(tmp_path))
    assert doctor.returncode == 1
    assert "table main.articles is damaged" in doctor.stderr and "checksum" in doctor.stderr
    query = newsflow("sql", "SELECT sum(length(text)) FROM articles", "--db", str(db),
                     env=cli_env(tmp_path))  # fmt: skip
    assert query.returncode == 1 and "is damaged" in query.stderr
    assert "open for writing" not in query.stderr


def test_a_missing_database_says_how_to_make_one(tmp_path):
    result = newsflow("sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb"),
                      env=cli_env(tmp_path))  # fmt: skip
    assert result.returncode == 1 and "no database at" in result.stderr
    assert "newsflow ingest" in result.stderr


def test_a_users_attach_error_is_about_their_sql_not_the_database(clean, tmp_path):
    result = newsflow("sql", f"ATTACH '{tmp_path}/nowhere/x.duckdb' AS x", "--db", str(clean),
                      env=cli_env(tmp_path))  # fmt: skip
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert "could not be opened as a DuckDB database" not in result.stderr
    assert "is damaged" not in result.stderr


@root_only
def test_a_database_on_a_read_only_disk_is_a_permission_error_and_still_reads(clean, tmp_path):
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    shutil.copy(clean, shelf / "news.duckdb")
    script = (
        f"mount --bind {shelf} {shelf} && mount -o remount,bind,ro {shelf} && "
        f'"$0" ingest {ROOT / "samples" / "articles"} --db {shelf}/news.duckdb; '
        f'echo "exit=$?"; "$0" sql "SELECT count(*) AS n FROM articles" -f csv '
        f"--db {shelf}/news.duckdb"
    )
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, str(Path(sys.executable).with_name("newsflow"))],
        capture_output=True, text=True, env=cli_env(tmp_path), timeout=300,
    )  # fmt: skip
    assert "exit=1" in result.stdout, result.stdout + result.stderr
    assert "cannot write" in result.stderr and "Read-only file system" in result.stderr
    stored = rows(clean, "SELECT count(*) FROM articles")[0][0]
    assert result.stdout.strip().splitlines()[-2:] == ["n", str(stored)]  # readers still read


@root_only
def test_a_full_disk_fails_the_run_plainly_and_nothing_committed_is_lost(clean, tmp_path):
    folder = good_inputs(tmp_path / "in")
    small, out = tmp_path / "small", tmp_path / "after.duckdb"
    small.mkdir()
    newsflow_bin = str(Path(sys.executable).with_name("newsflow"))
    script = textwrap.dedent(
        f"""
        mount -t tmpfs -o size=24m tmpfs {small} || exit 9
        "$0" -c "from newsflow import storage; storage.Store.open('{small}/db.duckdb').close()"
        free=$(df --output=avail -B1 {small} | tail -1)
        fallocate -l $((free - 600000)) {small}/filler
        {newsflow_bin} ingest {folder} --db {small}/db.duckdb --batch-size 1 --workers 0
        echo "first=$?"
        rm {small}/filler
        {newsflow_bin} ingest {folder} --db {small}/db.duckdb --batch-size 1 --workers 0
        echo "second=$?"
        cp {small}/db.duckdb {out}
        """
    )
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, sys.executable],
        capture_output=True, text=True, env=cli_env(tmp_path), timeout=600,
    )  # fmt: skip
    said = result.stdout + result.stderr
    assert "first=1" in said and "second=0" in said, said
    assert "No space left on device" in result.stderr or "not enough space" in said.lower()
    states = [state for (state,) in rows(out, "SELECT state FROM runs ORDER BY started_at")]
    assert states[0] == "failed" and states[-1].startswith("completed"), states
    assert_same_as_clean(clean, out)


def _kill_when(run, needle: str | None, wal: Path | None = None, bound_s: float = 240) -> None:
    deadline = time.monotonic() + bound_s
    while True:
        if needle is not None and needle in run.text():
            break
        if wal is not None and wal.exists():
            break
        if run.process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"never reached the kill point:\n{run.text()}")
        time.sleep(0.005)
    with contextlib.suppress(ProcessLookupError):  # it may have ended just now
        os.killpg(run.process.pid, signal.SIGKILL)
    run.process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize(
    "point",
    ["after planning", "inside a write window", "between two batches", "as the store closes"],
)
def test_a_run_killed_at_each_stage_loses_nothing_and_the_next_run_finishes(
    clean, faulted, start, point
):
    folder, db = faulted
    storage.Store.open(db).close()
    run = start("ingest", str(folder), "--db", str(db), "--batch-size", "1", "--workers", "0",
                "--verbose")  # fmt: skip
    if point == "after planning":
        _kill_when(run, "inputs from")
    elif point == "inside a write window":
        run.wait_for("inputs from")
        _kill_when(run, None, wal=db.with_name(db.name + ".wal"))
    elif point == "between two batches":
        _kill_when(run, "batch 1:")
    else:  # the run is finished; its store closes (the last checkpoint)
        _kill_when(run, " completed: {")
    # Every batch the run said it stored was committed before the kill: a reader sees it
    # (DuckDB replays the WAL of a write window whose checkpoint never ran or never ended).
    said_new = sum(int(n) for n in re.findall(r"batch \d+: \d+ inputs; (\d+) new", run.text()))
    with storage.open_reader(db) as reader:
        (stored,) = reader.rows("SELECT count(*) FROM articles")[0]
    assert stored >= said_new, (stored, said_new, run.text()[-2000:])
    if point == "between two batches":
        assert said_new >= 1
    second = ingest(db, [folder])
    assert second.state == "completed"
    first = "completed" if point == "as the store closes" else "abandoned"
    assert rows(db, "SELECT state FROM runs ORDER BY started_at") == [(first,), ("completed",)]
    assert_same_as_clean(clean, db)
