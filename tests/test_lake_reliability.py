"""Many writers on one lake, with real PostgreSQL, real SeaweedFS S3 and real writer processes
(`newsflow ingest … --db ducklake:…`), while things go wrong. Each test ends by comparing
every table with one writer's DuckDB file on the same inputs: zero rows lost, zero rows
stored twice. A reader attached the whole time checks, in one statement each time, that
every batch it sees is whole (each load's manifest against the rows it can see).

The SIGKILLed worker and its retried run are in tests/test_lake_workers.py (Prefect)."""

from __future__ import annotations

import ast
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from lakecheck import (
    Reader,
    Writer,
    differences,
    lake_env,
    overlapping,
    pages,
    row_totals,
    snapshot,
    wait_for_batches,
)

from newsflow import pipeline, storage
from newsflow.storage import LakeSettings

pytestmark = [pytest.mark.services, pytest.mark.slow]

INPUTS = 24  # real corpus pages; each writer gets half of them, so each page goes to two


@pytest.fixture(scope="module")
def inputs() -> list[Path]:
    return pages(INPUTS)


@pytest.fixture(scope="module")
def baseline(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One writer, one DuckDB file, the same inputs: what every lake must end up holding."""
    db = tmp_path_factory.mktemp("baseline") / "one-writer.duckdb"
    request = pipeline.IngestRequest.of([str(p) for p in inputs], workers=0, batch_size=3)
    with pipeline.open_run(db, "ingest", request.parameters()) as run:
        pipeline.ingest(run, request)
    with storage.open_reader(db) as store:
        return snapshot(store)


def new_lake(pg, **settings) -> tuple[str, LakeSettings]:
    name = f"lake_{uuid.uuid4().hex[:10]}"
    pg.create_database(name)
    return f"ducklake:postgres:{pg.conninfo(name)}", LakeSettings(**settings)


def s3_settings(s3, name: str) -> dict:
    return {
        "s3_endpoint": s3.endpoint, "s3_key_id": s3.access_key, "s3_secret": s3.secret_key,
        "s3_use_ssl": False, "data_path": f"s3://{s3.bucket}/{name}/",
    }  # fmt: skip


def create(lake: str, settings: LakeSettings) -> None:
    """Create the lake (schema and views) before the writers start, as `newsflow ingest`
    would on its first run; writers racing to create it are covered by the migrations."""
    storage.Store.open(lake, lake=settings).close()


def finish(lake: str, settings: LakeSettings, baseline: dict, reader: Reader) -> dict:
    """The end of every scenario: a quiet maintenance pass, then the lake against the
    baseline and the reader's record."""
    reader.stop()
    report = pipeline.maintain(
        lake,
        pipeline.MaintenanceRequest(
            steps=("flush", "merge", "expire", "cleanup", "orphans", "check"),
            expire_after_s=0,
            cleanup_after_s=0,
            orphans_after_s=0,  # writers are done
        ),  # fmt: skip
        settings=_settings(settings),
    )
    assert report["steps"]["check"]["result"] == []
    with storage.open_reader(lake, lake=settings) as store:
        found = snapshot(store)
        counts = storage.lake_row_counts(store)
    assert differences(baseline, found) == {}, row_totals(found)
    assert reader.partial == [], reader.partial[:3]
    assert reader.errors == [], reader.errors[:3]
    assert reader.checks > 0
    return {"counts": counts, "reader": (reader.checks, reader.unavailable)}


def _settings(lake: LakeSettings):
    from newsflow.settings import from_env

    return replace(from_env(), lake=lake)


def test_four_writers_with_overlapping_inputs_while_maintenance_runs(
    pg_cluster, s3_server, inputs, baseline, tmp_path: Path
) -> None:
    name = f"four-{uuid.uuid4().hex[:8]}"
    lake, settings = new_lake(pg_cluster, **s3_settings(s3_server, name))
    create(lake, settings)
    reader = Reader(lake, settings).start()
    writers = [
        Writer(chunk, lake, lake_env(settings), tmp_path / f"writer-{i}.log").start()
        for i, chunk in enumerate(overlapping(inputs, 4))
    ]
    # Maintenance while they write: compaction, expiry and clean-up with no grace at all,
    # orphans only when older than any batch.
    passes = 0
    done = threading.Event()

    def maintain() -> None:
        nonlocal passes
        request = pipeline.MaintenanceRequest(
            steps=("flush", "merge", "expire", "cleanup", "orphans", "runs"),
            expire_after_s=0, cleanup_after_s=0, orphans_after_s=600, abandon_after_s=3600,
        )  # fmt: skip
        while not done.is_set():
            pipeline.maintain(lake, request, settings=_settings(settings))
            passes += 1
            time.sleep(0.5)

    upkeep = threading.Thread(target=maintain, daemon=True)
    upkeep.start()
    try:
        codes = [writer.wait() for writer in writers]
    finally:
        for writer in writers:
            writer.kill()
        done.set()
        upkeep.join(timeout=120)
    assert codes == [0, 0, 0, 0], [w.output[-2000:] for w in writers]
    assert passes >= 1
    result = finish(lake, settings, baseline, reader)
    print("four writers:", result, "maintenance passes:", passes)


def test_postgres_restarted_mid_run(fresh_pg_cluster, inputs, baseline, tmp_path: Path) -> None:
    pg = fresh_pg_cluster
    lake, settings = new_lake(pg, data_path=str(tmp_path / "data"))
    create(lake, settings)
    reader = Reader(lake, settings).start()
    writers = [
        Writer(chunk, lake, lake_env(settings), tmp_path / f"writer-{i}.log").start()
        for i, chunk in enumerate(overlapping(inputs, 2))
    ]
    try:
        wait_for_batches(lake, settings, 2)
        pg.restart()  # fast: open transactions rolled back, every client disconnected
        wait_for_batches(lake, settings, 5)
        pg.restart("immediate")  # as a crash: no shutdown checkpoint
        codes = [writer.wait() for writer in writers]
    finally:
        for writer in writers:
            writer.kill()
    assert codes == [0, 0], [w.output[-2000:] for w in writers]
    result = finish(lake, settings, baseline, reader)
    retried = sum(w.output.count("retrying") for w in writers)
    print("postgres restarted:", result, "retries logged:", retried)


def test_s3_stopped_mid_run_fails_or_retries_loudly_and_hides_nothing(
    pg_cluster, fresh_s3_server, inputs, baseline, tmp_path: Path
) -> None:
    s3 = fresh_s3_server
    name = f"s3down-{uuid.uuid4().hex[:8]}"
    lake, settings = new_lake(pg_cluster, **s3_settings(s3, name), retry_s=60.0)
    create(lake, settings)
    reader = Reader(lake, settings).start()
    writers = [
        Writer(chunk, lake, lake_env(settings), tmp_path / f"writer-{i}.log").start()
        for i, chunk in enumerate(overlapping(inputs, 2))
    ]
    try:
        wait_for_batches(lake, settings, 2)
        s3.stop()
        time.sleep(10)  # long enough for every writer to need it
        s3.start()
        codes = [writer.wait() for writer in writers]
    finally:
        for writer in writers:
            writer.kill()
    loud = [w.output.count("retrying") for w in writers]
    for code, writer in zip(codes, writers, strict=True):
        if code != 0:  # it gave up, saying why: its run is failed and a re-run finishes it
            assert "did not answer" in writer.output, writer.output[-2000:]
            rerun = Writer(writer.inputs, lake, writer.env, writer.log.with_suffix(".rerun"))
            assert rerun.start().wait() == 0, rerun.output[-2000:]
    assert sum(loud) > 0 or any(codes), "the outage went unnoticed"
    result = finish(lake, settings, baseline, reader)
    print("s3 stopped:", result, "exit codes:", codes, "retries logged:", loud)


# ------------------------------------------------------------------ Prefect work pool


def _registry(path: Path, lake: str, name: str, files: list[Path], shards: int) -> Path:
    sources = ",\n".join(f'    {{ kind = "file", path = "{p}" }}' for p in files)
    path.write_text(
        f'[defaults]\ndb = "{lake}"\nbatch_size = 3\n\n'
        f'[[group]]\nname = "{name}"\ninterval = "1d"\npaused = true\nshards = {shards}\n'
        f"sources = [\n{sources},\n]\n\n"
        '[maintenance]\ninterval = "1h"\npaused = true\n'
    )
    return path


def _deploy(server, registry: Path, pool: str, home: Path) -> None:
    import subprocess
    import sys

    newsflow = Path(sys.executable).with_name("newsflow")
    done = subprocess.run(
        [str(newsflow), "deploy", "--registry", str(registry), "--pool", pool],
        env=server.client_env(home), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]


def _deployment_run(server, flow: str, name: str) -> str:
    deployment = server.api("GET", f"/deployments/name/{flow}/{name}")
    return server.api("POST", f"/deployments/{deployment['id']}/create_flow_run", {})["id"]


def _wait_state(server, run_id: str, states: set[str], timeout: float = 600) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = (server.api("GET", f"/flow_runs/{run_id}").get("state") or {}).get("type")
        if state in states:
            return state
        time.sleep(1)
    raise TimeoutError(f"flow run {run_id} not in {states} after {timeout:.0f} s")


def _kill_flow_run_process(server, run_id: str) -> None:
    """SIGKILL the process a worker started for a flow run (its `infrastructure_pid`; the
    process leads a session of its own, so its group goes with it)."""
    import contextlib
    import os
    import signal

    pid = str(server.api("GET", f"/flow_runs/{run_id}").get("infrastructure_pid") or "")
    assert pid, "the worker reported no process for the run"
    with contextlib.suppress(ProcessLookupError):
        os.killpg(int(pid.rsplit(":", 1)[-1]), signal.SIGKILL)


def _story(server, run_id: str, workers) -> str:
    """What went on with a flow run: its state, its last log lines, the workers' logs."""
    run = server.api("GET", f"/flow_runs/{run_id}")
    query = {"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 40, "sort": "TIMESTAMP_DESC"}
    logs = server.api("POST", "/logs/filter", query)
    lines = [f"{entry['timestamp']} {entry['message'][:300]}" for entry in reversed(logs)]
    tails = [w.log_path.read_text(errors="replace")[-1500:] for w in workers]
    return f"state {run.get('state')}\n" + "\n".join(lines) + "\n---\n" + "\n---\n".join(tails)


def test_a_run_fanned_out_over_two_workers_and_a_sigkilled_worker_whose_run_is_retried(
    pg_cluster, prefect_pg_server, make_process_workers, inputs, baseline, tmp_path: Path
) -> None:
    """Deployments registered on a process work pool (`newsflow deploy`); a fan-out over two
    shards runs one shard on each of two workers. Then a worker is SIGKILLed (with its
    flow-run process) after its run committed some batches; the run, retried with its own
    flow run id on a new worker, finishes the job. Both lakes equal the one-writer file."""
    import subprocess
    import sys

    from lakecheck import ROOT

    server = prefect_pg_server
    pool = f"lake-{uuid.uuid4().hex[:6]}"
    fanned, fanned_settings = new_lake(pg_cluster, data_path=str(tmp_path / "fanned"))
    killed, killed_settings = new_lake(pg_cluster, data_path=str(tmp_path / "killed"))
    for lake, settings in ((fanned, fanned_settings), (killed, killed_settings)):
        create(lake, settings)
    _deploy(server, _registry(tmp_path / "fan.toml", fanned, "corpus", inputs, 2), pool,
            tmp_path / "home")  # fmt: skip
    _deploy(server, _registry(tmp_path / "kill.toml", killed, "killed", inputs, 1), pool,
            tmp_path / "home")  # fmt: skip
    names = {(d["name"]) for d in server.api("POST", "/deployments/filter", {})}
    assert {"corpus", "killed", "maintenance"} <= names
    env = lake_env(fanned_settings, inherit=False)  # a data path only for lakes made new
    one, two = make_process_workers(2, pool=pool, env=env, cwd=ROOT, limit=1)

    # One fan-out: each worker (limit 1) takes one shard of `ingest/corpus`.
    reader = Reader(fanned, fanned_settings).start()
    done = subprocess.run(
        [sys.executable, "-c",
         "from newsflow.flows.fan_out import fan_out; print(fan_out('ingest/corpus', 2))"],
        env=server.client_env(tmp_path / "home"), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    shard_runs = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert sorted(shard_runs.values()) == ["COMPLETED", "COMPLETED"]
    # Both workers may pick up the same run; the server lets one through and the other logs
    # an aborted submission after its "submitting" line.
    ran_by = {
        run_id: [w.name for w in (one, two)
                 if f"submitting flow run '{run_id}'" in (log := w.log_path.read_text())
                 and f"Aborted submission of flow run '{run_id}'" not in log]
        for run_id in shard_runs
    }  # fmt: skip
    assert sorted(sum(ran_by.values(), [])) == sorted([one.name, two.name]), ran_by
    finish(fanned, fanned_settings, baseline, reader)

    # A worker killed mid-run, and the run retried.
    reader = Reader(killed, killed_settings).start()
    run_id = _deployment_run(server, "ingest", "killed")
    try:
        _wait_state(server, run_id, {"RUNNING"}, timeout=300)
        wait_for_batches(killed, killed_settings, 3, timeout=300, run_id=run_id)
    except TimeoutError as error:
        raise AssertionError(_story(server, run_id, [one, two])) from error
    # The machine is lost: the flow-run process (a session of its own) and both workers.
    _kill_flow_run_process(server, run_id)
    one.kill()
    two.kill()
    with storage.open_reader(killed, lake=killed_settings) as store:
        state, items = store.rows(
            "SELECT r.state, (SELECT count(*) FROM run_items i WHERE i.run_id = r.run_id) "
            "FROM runs r WHERE r.run_id = ?",
            [run_id],
        )[0]
        assert storage.batch_problems(store) == []
    assert state == "running" and 0 < items < INPUTS
    server.api("POST", f"/flow_runs/{run_id}/set_state",
               {"state": {"type": "SCHEDULED", "name": "Scheduled"}, "force": True})  # fmt: skip
    make_process_workers(1, pool=pool, env=env, cwd=ROOT)
    final = _wait_state(server, run_id, {"COMPLETED", "FAILED", "CRASHED"})
    assert final == "COMPLETED", _story(server, run_id, [one, two])
    result = finish(killed, killed_settings, baseline, reader)
    with storage.open_reader(killed, lake=killed_settings) as store:
        assert store.rows("SELECT state FROM runs WHERE run_id = ?", [run_id]) == [("completed",)]
    print("killed and retried:", result, "items before the kill:", items)
