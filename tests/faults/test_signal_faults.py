"""SIGTERM and Ctrl-C: a run stops, keeps what it committed and says `cancelled`; a second
signal stops it at once; the same inside a Prefect flow run. Matrix rows S1-S4
(docs/reliability.md). Times are printed, not asserted."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from conftest import CORPUS, offline_prefect_env
from faultkit import (  # noqa: F401 - *_fixture: the fixtures this module uses
    hold,
    ingest,
    rows,
    snapshot,
    start_fixture,
)

from newsflow import storage


def _pages(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for page in sorted((CORPUS / "html").glob("*.html.gz"))[:count]:
        shutil.copy(page, folder / page.name)
    return folder


def _group_gone(pid: int, within_s: float = 10.0) -> bool:
    """No process of the run's group is left (multiprocessing's resource tracker leaves
    on its own once the run is gone, so it is given a moment)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    left = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pid:
                    left.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
            except (OSError, ProcessLookupError):
                continue
    print("left in the group:", left)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_run_keeps_its_batches_and_marks_it_cancelled(tmp_path, start, number):
    # enough pages that the run is still going after its first write windows (up to 4
    # batches each): with 24 the workers had finished them all when the signal came, and the
    # run completed (CI, round 12)
    folder = _pages(tmp_path / "in", 60)
    db = tmp_path / "stopped.duckdb"
    run = start("ingest", str(folder), "--db", str(db), "--batch-size", "2", "--workers", "2",
                "--verbose")  # fmt: skip
    run.wait_for("batch 2:")
    sent = time.monotonic()
    run.signal(number)
    code = run.finish(bound_s=120)
    print(f"{signal.Signals(number).name}: exited {time.monotonic() - sent:.1f} s after it")
    assert code == 128 + number, run.text()
    assert f"stopped by {signal.Signals(number).name}" in run.text()
    assert _group_gone(run.process.pid)  # no worker process left behind
    ((state, seen),) = rows(db, "SELECT state, items_seen FROM runs")
    assert state == "cancelled" and seen >= 4
    stored = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert stored == rows(db, "SELECT count(*) FROM run_items WHERE status = 'new'")[0][0]
    ingest(db, [folder])  # the next run does the rest
    clean = tmp_path / "clean.duckdb"
    ingest(clean, [folder])
    assert snapshot(db) == snapshot(clean)


@pytest.mark.slow
def test_a_second_signal_stops_at_once(tmp_path, start):
    folder = _pages(tmp_path / "in", 40)  # 8 fitted in one write window: the run had ended
    db = tmp_path / "twice.duckdb"
    run = start("ingest", str(folder), "--db", str(db), "--batch-size", "2", "--workers", "2",
                "--verbose")  # fmt: skip
    run.wait_for("batch 1:")
    # A notebook holds the file: the stopping run would wait (up to 5 s) to record itself.
    reader = hold(db, "read", 30.0)
    try:
        run.signal(signal.SIGTERM)
        run.wait_for("SIGTERM received")
        run.signal(signal.SIGTERM)
        code = run.finish(bound_s=60)
    finally:
        reader.kill()
        reader.wait()
    assert code == 128 + signal.SIGTERM, run.text()
    assert "second SIGTERM: stopping at once" in run.text()
    assert _group_gone(run.process.pid)
    assert rows(db, "SELECT state FROM runs") == [("running",)]  # the next run marks it
    with storage.Store.open(db) as store:
        storage.begin_run(store, "next", "ingest", {})
        assert store.rows("SELECT state FROM runs ORDER BY started_at")[0] == ("abandoned",)


@pytest.mark.slow
def test_sigterm_inside_a_prefect_flow_run_cancels_it_and_prints_one_line(
    prefect_server, tmp_path, start
):
    folder = _pages(tmp_path / "in", 12)
    db = tmp_path / "flow.duckdb"
    env = offline_prefect_env(tmp_path / "prefect-home", prefect_server)
    env["COLUMNS"] = "200"
    run = start("ingest", str(folder), "--db", str(db), "--batch-size", "2", "--workers", "2",
                "--verbose", env=env)  # fmt: skip
    run.wait_for("batch 1:", bound_s=300)
    run.signal(signal.SIGTERM)
    code = run.finish(bound_s=120)
    assert code == 128 + signal.SIGTERM, run.text()
    assert rows(db, "SELECT state FROM runs") == [("cancelled",)]
    # a fatal error in a flow run: one line, no Prefect traceback on the terminal
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(os.urandom(200_000))
    quiet = start("ingest", str(folder), "--db", str(broken), env=env, name="broken")
    assert quiet.finish(bound_s=300) == 1
    said = quiet.text()
    assert "is damaged" in said and "Traceback" not in said, said
    assert "Traceback" in broken.with_name("broken.duckdb.log").read_text()
