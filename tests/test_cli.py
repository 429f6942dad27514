"""The `newsflow` command as a user runs it: a real subprocess per command."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import CORPUS, copy_sample

NEWSFLOW = str(Path(sys.executable).with_name("newsflow"))


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [NEWSFLOW, *args], capture_output=True, text=True, timeout=timeout, env=env
    )


@pytest.mark.parametrize("command", [[], ["ingest"], ["sql"], ["search"]])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "--db" in result.stdout or command == []
    assert "Usage" in result.stdout


def test_sql_is_read_only_and_errors_say_what_to_do(sample_db):
    ok = run("sql", "SELECT count(*) AS n FROM articles", "--db", str(sample_db), "-f", "csv")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[0] == "n" and int(ok.stdout.splitlines()[1]) >= 80
    write = run("sql", "DELETE FROM articles", "--db", str(sample_db))
    assert write.returncode == 1
    assert "read-only" in write.stderr.lower()
    typo = run("sql", "SELECT * FROM artcles", "--db", str(sample_db))
    assert typo.returncode == 1 and "SHOW TABLES" in typo.stderr
    missing = run("sql", "SELECT 1", "--db", str(sample_db.parent / "none.duckdb"))
    assert missing.returncode == 1 and "newsflow ingest" in missing.stderr


@pytest.mark.slow
def test_ingest_prints_a_summary_and_a_query_to_try(tmp_path):
    copy_sample(tmp_path / "in")
    db = tmp_path / "cli.duckdb"
    result = run("ingest", str(tmp_path / "in"), str(tmp_path / "nothing-here"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "new" in result.stdout and "articles" in result.stdout
    assert "not_found" in result.stdout and "Try next" in result.stdout
    search = run("search", "Pyongyang", "--db", str(db))
    assert "Pyongyang welcomes Putin" in search.stdout


@pytest.mark.slow
def test_a_run_killed_part_way_leaves_a_readable_database_and_the_next_run_finishes(tmp_path):
    site = tmp_path / "in"
    copy_sample(site)
    for page in sorted((CORPUS / "html").glob("*.html.gz"))[:40]:
        shutil.copy(page, site / page.name)
    db = tmp_path / "killed.duckdb"
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "INFO"}
    process = subprocess.Popen(
        [NEWSFLOW, "ingest", str(site), "--db", str(db), "--batch-size", "5", "--verbose"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        start_new_session=True,  # killed as a job: with its workers and Prefect's local server
    )  # fmt: skip
    deadline = time.monotonic() + 240
    assert process.stdout is not None
    for line in process.stdout:
        if "batch 2:" in line or time.monotonic() > deadline:
            break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < stored < 41
    result = run("ingest", str(site), "--db", str(db))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        articles, distinct = con.execute(
            "SELECT count(*), count(DISTINCT article_id) FROM articles"
        ).fetchone()
        versions = con.execute("SELECT count(*) FROM article_versions").fetchone()[0]
        duplicate_mentions = con.execute(
            "SELECT count(*) FROM (SELECT article_id, version, extractor, mention_index "
            "FROM mentions GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()[0]
    assert articles == distinct == versions
    assert articles >= 40
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("SELECT state FROM runs ORDER BY started_at").fetchall()
        states = [row[0] for row in runs]
    assert states == ["abandoned", "completed"]
    assert duplicate_mentions == 0


def _runs(db: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT run_id, state FROM runs").fetchall()


@pytest.mark.slow
def test_with_a_prefect_api_a_run_is_a_flow_run_and_without_one_prefect_never_starts(
    prefect_server: str, tmp_path: Path
) -> None:
    import json
    import urllib.request

    from conftest import offline_prefect_env

    sample = copy_sample(tmp_path / "in")
    # No API configured (and no profile that names one): the engine runs directly.
    direct_db = tmp_path / "direct.duckdb"
    env = offline_prefect_env(tmp_path / "empty-home")
    env.pop("PREFECT_API_URL", None)
    direct = subprocess.run(
        [NEWSFLOW, "ingest", str(sample), "--db", str(direct_db)],
        capture_output=True, text=True, timeout=300, env={**env, "COLUMNS": "200"},
    )  # fmt: skip
    assert direct.returncode == 0, direct.stderr
    assert "ran without Prefect" in direct.stdout
    ((_, state),) = _runs(direct_db)
    assert state == "completed"
    # With one: the same command is a flow run the server knows, with per-batch task runs.
    flow_db = tmp_path / "flow.duckdb"
    env = offline_prefect_env(tmp_path / "prefect-home", prefect_server)
    result = subprocess.run(
        [NEWSFLOW, "ingest", str(sample), "--db", str(flow_db)],
        capture_output=True, text=True, timeout=300, env={**env, "COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "ran without Prefect" not in result.stdout
    ((run_id, state),) = _runs(flow_db)
    assert state == "completed"
    with urllib.request.urlopen(f"{prefect_server}/flow_runs/{run_id}", timeout=10) as response:
        flow_run = json.load(response)
    assert flow_run["state_type"] == "COMPLETED"
    request = urllib.request.Request(
        f"{prefect_server}/task_runs/filter",
        data=json.dumps({"flow_runs": {"id": {"any_": [run_id]}}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        names = {task["name"].split(" ")[0] for task in json.load(response)}
    assert {"plan-inputs", "read-batch-1", "clean-annotate-1", "load-batch-1"} <= names
