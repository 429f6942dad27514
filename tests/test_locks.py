"""One writer per DuckDB file: overlapping runs queue on the file's lock instead of failing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SAMPLE_ARTICLE, offline_prefect_env

from newsflow import storage
from newsflow.storage import WriterLockTimeout, lock_path, writer_lock


def test_a_second_writer_waits_and_says_for_whom(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with writer_lock(db, "first-run"):
        assert "first-run" in lock_path(db).read_text()
        with (
            pytest.raises(WriterLockTimeout, match="still writing"),
            writer_lock(db, "second-run", wait_s=0.3),
        ):
            pass
    with writer_lock(db, "second-run"):  # released: taken at once
        pass


def test_a_database_in_a_folder_that_cannot_exist_fails_with_a_storage_error(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with (
        pytest.raises(storage.StorageError, match="lock file"),
        writer_lock(blocker / "x.duckdb", "run"),
    ):
        pass


def test_readers_share_the_lock_but_wait_for_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with (
        writer_lock(db, "r1", shared=True),
        writer_lock(db, "r2", shared=True, wait_s=0.3),
        pytest.raises(WriterLockTimeout),
        writer_lock(db, "writer", wait_s=0.3),
    ):
        pass
    order: list[str] = []
    with writer_lock(db, "writer"):

        def read() -> None:
            with writer_lock(db, "reader", shared=True, wait_s=30):
                order.append("read")

        reader = threading.Thread(target=read)
        reader.start()
        time.sleep(0.3)  # give the reader time to block (the order, not the time, is checked)
        order.append("write done")
    reader.join(timeout=30)
    assert order == ["write done", "read"]


def _wait_for(paths: list[Path], text: str, processes: list[subprocess.Popen], bound_s: float):
    deadline = time.monotonic() + bound_s
    while not all(text in p.read_text(errors="replace") for p in paths):
        for process, path in zip(processes, paths, strict=True):
            if process.poll() is not None:
                pytest.fail(f"run exited early ({process.returncode}):\n{path.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"not every run said {text!r} within {bound_s} s")
        time.sleep(0.2)


@pytest.mark.slow
def test_two_runs_started_at_once_on_one_file_both_finish_with_nothing_lost_or_doubled(
    prefect_server: str, tmp_path: Path
) -> None:
    pages = sorted((CORPUS / "html").iterdir())[:24]
    inputs = [tmp_path / "a", tmp_path / "b"]
    for folder, half in zip(inputs, (pages[0::2], pages[1::2]), strict=True):
        folder.mkdir()
        for page in half:
            shutil.copy(page, folder / page.name)
    shared = Path(shutil.copy(SAMPLE_ARTICLE, tmp_path / SAMPLE_ARTICLE.name))  # in both runs
    db = tmp_path / "shared.duckdb"
    env = offline_prefect_env(tmp_path / "prefect-home", prefect_server)
    newsflow = Path(sys.executable).with_name("newsflow")
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    processes: list[subprocess.Popen] = []
    # Hold the lock while both start, so they are certain to overlap, then let them race.
    with writer_lock(db, "the test"):
        for folder, log in zip(inputs, logs, strict=True):
            with open(log, "wb") as output:
                processes.append(
                    subprocess.Popen(
                        [
                            str(newsflow),
                            "ingest",
                            str(folder),
                            str(shared),
                            "--db",
                            str(db),
                            "--batch-size",
                            "8",
                        ],
                        env=env,
                        stdout=output,
                        stderr=subprocess.STDOUT,
                        cwd=ROOT,
                    )  # fmt: skip
                )
        _wait_for(logs, "waiting for run the test", processes, 180)
    for process, log in zip(processes, logs, strict=True):
        assert process.wait(timeout=600) == 0, log.read_text()
    with storage.Store.open(db, read_only=True) as store:
        runs = store.rows("SELECT run_id, state, items_seen FROM runs ORDER BY started_at")
        assert [(state, seen) for _, state, seen in runs] == [
            (state, 13) for state in (runs[0][1], runs[1][1])
        ]
        assert all(state.startswith("completed") for _, state, _ in runs)
        in_both = store.rows(
            "SELECT uri, list(status ORDER BY status) FROM run_items GROUP BY uri "
            "HAVING count(*) > 1"
        )
        # the shared input: stored by whichever run came first, unchanged for the other
        assert in_both == [(shared.as_uri(), ["new", "unchanged"])]
        stored = store.rows("SELECT count(*) FROM run_items WHERE status IN ('new', 'updated')")
        assert store.rows("SELECT count(*) FROM articles")[0][0] == stored[0][0]
        for table, key in (
            ("articles", "article_id"),
            ("article_versions", "article_id, version"),
            ("documents", "document_id"),
            ("mentions", "article_id, version, extractor, mention_index"),
            ("run_items", "run_id, uri"),
        ):
            doubled = store.rows(f"SELECT {key} FROM {table} GROUP BY ALL HAVING count(*) > 1")
            assert doubled == [], table
        assert store.rows("SELECT count(*) FROM run_items")[0][0] == 26


@pytest.mark.slow
def test_newsflow_sql_answers_while_a_run_holds_the_writer_lock(
    sample_db: Path, tmp_path: Path
) -> None:
    """A run holds the DuckDB file only in its write windows: a reader no longer waits for
    the run lock (it used to wait for the whole run); tests/faults covers the windows."""
    db = Path(shutil.copy(sample_db, tmp_path / "copy.duckdb"))
    newsflow = Path(sys.executable).with_name("newsflow")
    with writer_lock(db, "a scheduled run"):
        query = subprocess.run(
            [str(newsflow), "sql", "SELECT count(*) AS n FROM runs", "--db", str(db), "-f", "csv"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert query.returncode == 0, query.stderr
    assert query.stdout.splitlines()[-2:] == ["n", "1"]
    assert "waiting" not in query.stderr


def _reader_can_open(path: Path) -> bool:
    probe = "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True).close()"
    return subprocess.run([sys.executable, "-c", probe, str(path)]).returncode == 0


def test_back_to_back_write_windows_share_one_opening_and_then_let_readers_in(
    tmp_path: Path,
) -> None:
    """A temp table lives as long as its connection: it is still there in a window opened
    right after the last one, gone once the store has let the file go; in between, another
    process opens the file."""
    path = tmp_path / "windows.duckdb"
    store = storage.Store.open(path, hold=False)
    try:
        with store.window():
            store.execute("CREATE TEMP TABLE scratch AS SELECT 42 AS answer")
        with store.window():
            assert store.rows("SELECT answer FROM scratch") == [(42,)]
        deadline = time.monotonic() + 10
        while not _reader_can_open(path):
            assert time.monotonic() < deadline, "the writer kept the file after its windows"
            time.sleep(0.1)
        with store.window(), pytest.raises(storage.StorageError):
            store.rows("SELECT answer FROM scratch")
    finally:
        store.close()


def test_a_writer_that_exits_while_its_window_lingers_closes_the_file_cleanly(
    tmp_path: Path,
) -> None:
    """A process that leaves without closing its store, at about the moment its last window
    lets the file go: the interpreter waits for that close (a daemon thread doing it during
    finalisation aborted the process)."""
    script = (
        "import sys, time\n"
        "from newsflow import storage\n"
        "store = storage.Store.open(sys.argv[1], hold=False)\n"
        "with store.window():\n"
        "    store.execute('CREATE TABLE IF NOT EXISTS t AS SELECT 1 AS x')\n"
        "time.sleep(float(sys.argv[2]))\n"
    )
    path = tmp_path / "exit.duckdb"
    for delay in ("0", "0.17", "0.19", "0.2", "0.21", "0.23"):
        result = subprocess.run(
            [sys.executable, "-c", script, str(path), delay], capture_output=True, text=True
        )
        assert result.returncode == 0, (delay, result.returncode, result.stderr[-500:])
    assert _reader_can_open(path)


def _rows_and_wal(path: Path) -> tuple[int, int]:
    """What a reader in another process counts in `t`, and the WAL's size (0 when none)."""
    wal = path.with_name(path.name + ".wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    probe = (
        "import duckdb, sys\n"
        "with duckdb.connect(sys.argv[1], read_only=True) as con:\n"
        "    print(con.execute('SELECT count(*) FROM t').fetchone()[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True
    )
    return int(result.stdout), wal_size


def _write_window(store: storage.Store, first: int, count: int) -> None:
    with store.transaction():
        store.execute(
            "INSERT INTO t SELECT i, repeat(md5(i::VARCHAR), 1000)::BLOB FROM range(?, ?) r(i)",
            [first, first + count],
        )


@pytest.mark.parametrize("checkpoint_memory", [None, "2MB"])
def test_each_write_window_ends_in_a_checkpoint_in_its_own_memory_limit(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, checkpoint_memory: str | None
) -> None:
    """A writer's window ends with a checkpoint in `checkpoint_memory` of DuckDB's buffer pool
    (the window's rows, 32 KB each, are 6 MB): by default it fits, and the file is whole
    after every window (no WAL to replay at the next opening). In 2 MB it fails, which is
    fatal to DuckDB: the window's rows stay in the WAL, a reader still sees them, and the
    store checkpoints with the window's limit from then on, so the next window's close
    folds the WAL in. Nothing committed is lost either way."""
    import logging

    path = tmp_path / "cadence.duckdb"
    options = {} if checkpoint_memory is None else {"checkpoint_memory": checkpoint_memory}
    logger = logging.getLogger("newsflow.test.cadence")
    store = storage.Store.open(path, hold=False, logger=logger, **options)
    try:
        store.execute("CREATE TABLE t (i BIGINT, page BLOB)")
        store.close()
        with caplog.at_level(logging.WARNING, logger="newsflow.test.cadence"):
            seen = []
            for window in range(3):
                _write_window(store, window * 200, 200)
                store.close()  # lets the file go, as the linger does
                seen.append(_rows_and_wal(path))
    finally:
        store.close()
    assert [count for count, _ in seen] == [200, 400, 600]
    walls = [wal for _, wal in seen]
    if checkpoint_memory is None:
        assert walls == [0, 0, 0], walls
        assert "failed" not in caplog.text
    else:
        assert walls[0] > 6_000_000 and walls[1:] == [0, 0], walls
        assert caplog.text.count("checkpoint of") == 1, caplog.text
        assert "WAL keeps what was written" in caplog.text


@pytest.mark.parametrize(("vacuum_tasks", "expected"), [(100, [1, 1, 1]), (0, [1, 2, 3])])
def test_windows_without_vacuum_leave_their_row_groups_unmerged_and_a_held_writer_merges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vacuum_tasks: int, expected: list[int]
) -> None:
    """DuckDB appends each window's rows to a table as a row group of its own; by default a
    window's close merges them (its vacuum), with `WINDOW_VACUUM_TASKS = 0` it leaves them
    (no rewrite of the groups before it: the saw-tooth in the flow's peak, issue 14), and a
    store that holds its file merges them when it checkpoints. The rows are the same."""
    monkeypatch.setattr("newsflow.storage._store.WINDOW_VACUUM_TASKS", vacuum_tasks)
    path = tmp_path / "groups.duckdb"
    count_groups = "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('t')"
    store = storage.Store.open(path, hold=False)
    try:
        store.execute("CREATE TABLE t (i BIGINT, page BLOB)")
        groups = []
        for window in range(3):
            _write_window(store, window * 50, 50)
            store.close()
            with store.window():
                groups.append(store.rows(count_groups)[0][0])
                assert storage.row_groups(store)["t"] == groups[-1]
            store.close()
    finally:
        store.close()
    held = storage.Store.open(path)
    try:
        _write_window(held, 150, 50)
    finally:
        held.close()
    reader = storage.Store.open(path, read_only=True)
    try:
        merged = reader.rows(count_groups)[0][0]
        rows = reader.rows("SELECT count(*), count(DISTINCT i) FROM t")[0]
    finally:
        reader.close()
    assert groups == expected, groups
    assert merged == 1
    assert rows == (200, 200)


def test_a_runs_write_windows_read_into_a_smaller_buffer_pool_than_a_held_writer(
    tmp_path: Path,
) -> None:
    """DuckDB keeps the blocks a connection reads until its memory limit. A run's store
    (`hold=False`, its windows' anti-joins read key columns of every large table) has 128MB,
    so the flow process does not grow with the file; a store that holds its file has 512MB."""
    limits = []
    for hold in (False, True):
        store = storage.Store.open(tmp_path / f"limit-{hold}.duckdb", hold=hold)
        try:
            with store.window():
                limits.append(store.rows("SELECT current_setting('memory_limit')")[0][0])
        finally:
            store.close()
    assert limits == ["122.0 MiB", "488.2 MiB"]  # 128 and 512 MB, as DuckDB prints them
