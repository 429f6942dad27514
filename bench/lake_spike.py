"""DuckLake spike for issue 10: a PostgreSQL catalog, data on a local directory or on S3
(SeaweedFS), several writer processes and read-only readers. Real services from
tests/services.py, all on 127.0.0.1, all stopped at the end.

    python bench/lake_spike.py               # all; writes bench/results/lake_spike.json
    python bench/lake_spike.py --only dedup    # some experiments (comma-separated); no results file
    python bench/lake_spike.py --seconds 3 --repeat 1   # shorter commit-capacity runs

Experiments (each in its own catalog database and data prefix):
  attach       ATTACH with DATA_PATH on a local directory and on s3://bucket/prefix; the statements
  analyst      a plain duckdb session attaching READ_ONLY while a writer commits
  capacity     commits/s of trivial batches from 1, 2, 4 writer processes; errors; latency
  retries      4 writers with ducklake_max_retry_count 3 / 10 / 100
  atomic       a 3-table batch in one transaction versus a concurrent reader
  pg_restart   PostgreSQL restarted mid-transaction and between transactions
  s3_stop      the S3 server stopped mid-write; orphaned files and their clean-up
  orphan_race  delete_orphaned_files while another session has written but not committed
  dedup        INSERT ... WHERE NOT EXISTS / MERGE by natural key from two racing writers
  conflicts    an append racing a DELETE on the same table; compaction racing appends
  maintenance  flush_inlined_data, merge_adjacent_files, expire_snapshots, cleanup_old_files,
               delete_orphaned_files on a table of many small commits; inlining settings
  fts          the fts extension indexing a lake table copied into a local cache file
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import multiprocessing
import os
import platform
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "lake_spike.json"
sys.path.insert(0, str(ROOT / "tests"))

import services  # noqa: E402

EXTENSIONS = ("ducklake", "postgres_scanner", "httpfs")


# ---------------------------------------------------------------- connecting


@dataclass
class Lake:
    """Where one lake lives: its catalog (a PostgreSQL database) and its data path."""

    conninfo: str  # libpq key=value: dbname=… host=127.0.0.1 port=… user=postgres
    data_path: str  # a local directory or s3://bucket/prefix/
    secret_sql: str | None = None  # CREATE SECRET for S3 data paths
    options: dict[str, Any] = field(default_factory=dict)  # extra ATTACH options

    def statements(self, alias: str = "lake", read_only: bool = False) -> list[str]:
        """The SQL a session runs, in order, after loading the extensions."""
        out = [self.secret_sql] if self.secret_sql else []
        options = [f"DATA_PATH '{self.data_path}'"]
        options += [f"{key} {value}" for key, value in self.options.items()]
        if read_only:
            options.append("READ_ONLY")
        out.append(f"ATTACH 'ducklake:postgres:{self.conninfo}' AS {alias} ({', '.join(options)})")
        return out

    def connect(self, alias: str = "lake", read_only: bool = False, **settings: Any) -> Any:
        con = connect()
        for key, value in settings.items():
            con.execute(
                f"SET {key} = {value!r}" if isinstance(value, str) else f"SET {key} = {value}"
            )
        for sql in self.statements(alias, read_only):
            con.execute(sql)
        return con


def load_statements() -> list[str]:
    return [f"LOAD '{services.duckdb_extension(name)}'" for name in EXTENSIONS]


def connect() -> Any:
    """A DuckDB connection with the lake extensions loaded by path (no download)."""
    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    for sql in load_statements():
        con.execute(sql)
    con.execute("SET enable_progress_bar = false")
    return con


def error_text(error: BaseException, limit: int = 400) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:limit]}"


def error_kind(error: BaseException) -> str:
    text = str(error)
    for needle, kind in (
        ("maximum retry count", "retries exhausted"),
        ("another transaction has", "logical conflict"),
        ("Conflict", "conflict"),
        ("conflict", "conflict"),
        ("duplicate key", "catalog duplicate key"),
        ("connection", "connection"),
        ("HTTP", "http"),
    ):
        if needle in text:
            return kind
    return type(error).__name__


def rollback(con: Any) -> None:
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


@dataclass
class Env:
    pg: services.PostgresCluster
    s3: services.SeaweedS3
    work: Path
    seconds: float
    repeat: int = 1

    def lake(self, name: str, *, s3: bool = False, **options: Any) -> Lake:
        """A new lake: catalog database `lake_<name>`, data under work/<name> or s3 prefix."""
        conninfo = self.pg.create_database(f"lake_{name}")
        if s3:
            return Lake(
                conninfo, f"s3://{self.s3.bucket}/{name}/", self.s3.duckdb_secret_sql(), options
            )
        path = self.work / name
        path.mkdir(parents=True, exist_ok=True)
        return Lake(conninfo, f"{path}/", None, options)


def data_files(lake: Lake, env: Env) -> set[str]:
    """File names (UUID-named, so unique) of every file under the lake's data path."""
    if lake.data_path.startswith("s3://"):
        prefix = lake.data_path.split("/", 3)[3]
        return {key.rsplit("/", 1)[-1] for key in env.s3.list_keys(prefix)}
    return {p.name for p in Path(lake.data_path).rglob("*") if p.is_file()}


def catalog_files(con: Any, alias: str = "lake") -> set[str]:
    """File names of the data and delete files the catalog references (live, or scheduled for
    deletion by cleanup_old_files)."""
    meta = f"__ducklake_metadata_{alias}"
    rows = con.execute(
        f"SELECT path FROM {meta}.ducklake_data_file UNION ALL "
        f"SELECT path FROM {meta}.ducklake_delete_file UNION ALL "
        f"SELECT path FROM {meta}.ducklake_files_scheduled_for_deletion"
    ).fetchall()
    return {path.rsplit("/", 1)[-1] for (path,) in rows}


def pg_counters(env: Env, dbname: str) -> dict[str, float]:
    """PostgreSQL's own counters for one database, plus the server's CPU seconds so far
    (postmaster + exited backends it reaped + live backends)."""
    row = env.pg.psql(
        "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched "
        f"FROM pg_stat_database WHERE datname = '{dbname}'"
    ).split("|")
    names = (
        "xact_commit",
        "xact_rollback",
        "tup_inserted",
        "tup_updated",
        "tup_deleted",
        "tup_fetched",
    )
    out = {name: float(value) for name, value in zip(names, row, strict=True)}
    out["pg_cpu_s"] = pg_cpu_seconds(env)
    return out


def pg_cpu_seconds(env: Env) -> float:
    pid = env.pg.pid
    if pid is None:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for index, each in enumerate(pids):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(") ", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
            if index == 0:
                total += int(fields[13]) + int(fields[14])  # cutime, cstime (reaped backends)
    return total / ticks


# ---------------------------------------------------------------- processes


def run_processes(
    target: Callable[..., Any], args_list: list[tuple[Any, ...]], timeout: float = 300
) -> list[Any]:
    """Run target(barrier, queue, index, *args) in one spawned process per args tuple; the
    processes wait on a shared barrier before their timed part. Returns their results."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(args_list))
    queue = ctx.Queue()
    procs = [
        ctx.Process(target=_child, args=(target, barrier, queue, i, args))
        for i, args in enumerate(args_list)
    ]
    for proc in procs:
        proc.start()
    results: dict[int, Any] = {}
    deadline = time.monotonic() + timeout
    try:
        while len(results) < len(procs):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{target.__name__}: {len(results)}/{len(procs)} finished")
            index, result = queue.get(timeout=remaining)
            results[index] = result
    finally:
        for proc in procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.kill()
                proc.join()
    return [results[i] for i in range(len(procs))]


def _child(target: Callable[..., Any], barrier: Any, queue: Any, index: int, args: tuple) -> None:
    try:
        result = target(barrier, index, *args)
    except BaseException as error:  # noqa: BLE001 - reported to the parent
        result = {"crashed": error_text(error, 1000)}
    queue.put((index, result))


# ---------------------------------------------------------------- attach


def exp_attach(env: Env) -> dict[str, Any]:
    out: dict[str, Any] = {"load": load_statements()}
    for where in ("local", "s3"):
        lake = env.lake(f"attach_{where}", s3=where == "s3")
        began = time.perf_counter()
        con = lake.connect()
        attach_s = time.perf_counter() - began
        con.execute("CREATE TABLE lake.articles (id BIGINT, url VARCHAR, text VARCHAR)")
        began = time.perf_counter()
        con.execute(
            "INSERT INTO lake.articles SELECT range, 'https://example.com/' || range, "
            "repeat('word ', 200) FROM range(20000)"
        )
        insert_s = time.perf_counter() - began
        count = con.execute("SELECT count(*) FROM lake.articles").fetchone()[0]
        con.close()
        # a second session attaches without DATA_PATH: the catalog remembers it
        con = connect()
        if lake.secret_sql:
            con.execute(lake.secret_sql)
        con.execute(f"ATTACH 'ducklake:postgres:{lake.conninfo}' AS lake")
        again = con.execute("SELECT count(*) FROM lake.articles").fetchone()[0]
        stored = con.execute(
            "SELECT value FROM __ducklake_metadata_lake.ducklake_metadata WHERE key = 'data_path'"
        ).fetchone()
        con.close()
        files = sorted(data_files(lake, env))
        out[where] = {
            "statements": lake.statements(),
            "attach_s": round(attach_s, 3),
            "insert_20000_rows_s": round(insert_s, 3),
            "rows": count,
            "rows_via_attach_without_data_path": again,
            "data_path_stored_in_catalog": stored[0] if stored else None,
            "files": files[:5],
            "file_count": len(files),
        }
    return out


# ---------------------------------------------------------------- analyst (read-only)


def _trickle_writer(barrier: Any, index: int, lake: Lake, seconds: float) -> dict[str, Any]:
    con = lake.connect()
    barrier.wait()
    commits, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        con.execute("INSERT INTO lake.events VALUES (?, now())", [commits])
        commits += 1
        time.sleep(0.02)
    return {"commits": commits}


def _analyst(barrier: Any, index: int, lake: Lake, seconds: float) -> dict[str, Any]:
    """What an analyst types in a plain duckdb session (extensions loaded by path here)."""
    con = connect()
    statements = lake.statements(read_only=True)
    for sql in statements:
        con.execute(sql)
    barrier.wait()
    counts: list[int] = []
    errors: list[str] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            counts.append(con.execute("SELECT count(*) FROM lake.events").fetchone()[0])
        except duckdb.Error as error:
            errors.append(error_text(error))
        time.sleep(0.1)
    write_error = None
    try:
        con.execute("INSERT INTO lake.events VALUES (-1, now())")
    except duckdb.Error as error:
        write_error = error_text(error)
    snapshots = con.execute("SELECT count(*) FROM lake.snapshots()").fetchone()[0]
    return {
        "statements": statements,
        "counts_seen": len(counts),
        "first": counts[:1],
        "last": counts[-1:],
        "monotonic": counts == sorted(counts),
        "errors": errors[:3],
        "error_count": len(errors),
        "insert_on_read_only": write_error,
        "snapshots_visible": snapshots,
    }


def exp_analyst(env: Env) -> dict[str, Any]:
    out = {}
    for where in ("local", "s3"):
        lake = env.lake(f"analyst_{where}", s3=where == "s3")
        con = lake.connect()
        con.execute("CREATE TABLE lake.events (n BIGINT, stored_at TIMESTAMPTZ)")
        con.close()
        writer, analyst = run_processes(
            _role, [("writer", lake, env.seconds), ("analyst", lake, env.seconds)]
        )
        out[where] = {"writer": writer, "analyst": analyst}
    return out


def _role(barrier: Any, index: int, role: str, lake: Lake, seconds: float) -> Any:
    return (_trickle_writer if role == "writer" else _analyst)(barrier, index, lake, seconds)


# ---------------------------------------------------------------- commit capacity


def _committer(
    barrier: Any,
    index: int,
    lake: Lake,
    seconds: float,
    tables: list[str],
    settings: dict[str, Any],
) -> dict[str, Any]:
    con = lake.connect(**settings)
    barrier.wait()
    ok, seq = 0, 0
    errors: collections.Counter[str] = collections.Counter()
    samples: dict[str, str] = {}
    latencies: list[float] = []
    began = time.monotonic()
    end = began + seconds
    while time.monotonic() < end:
        seq += 1
        start = time.perf_counter()
        try:
            con.execute("BEGIN")
            for table in tables:
                con.execute(f"INSERT INTO lake.{table} VALUES (?, ?, 'x')", [index, seq])
            con.execute("COMMIT")
            ok += 1
            latencies.append((time.perf_counter() - start) * 1000)
        except duckdb.Error as error:
            rollback(con)
            kind = error_kind(error)
            errors[kind] += 1
            samples.setdefault(kind, error_text(error))
    elapsed = time.monotonic() - began
    return {
        "commits": ok,
        "seconds": round(elapsed, 2),
        "errors": dict(errors),
        "error_samples": samples,
        "latencies_ms": latencies,
    }


def capacity_run(
    env: Env,
    name: str,
    writers: int,
    *,
    s3: bool = False,
    tables: int = 1,
    settings: dict[str, Any] | None = None,
    inlining: int | None = None,
    seconds: float | None = None,
    pg_settings: dict[str, str] | None = None,
) -> dict[str, Any]:
    options = {} if inlining is None else {"DATA_INLINING_ROW_LIMIT": inlining}
    lake = env.lake(name, s3=s3, **options)
    if pg_settings:
        for key, value in pg_settings.items():
            env.pg.psql(f'ALTER DATABASE "lake_{name}" SET {key} = {value}')
    names = [f"t{i}" for i in range(tables)]
    con = lake.connect()
    for table in names:
        con.execute(f"CREATE TABLE lake.{table} (writer INTEGER, seq BIGINT, payload VARCHAR)")
    con.close()
    seconds = seconds or env.seconds
    counters_before = pg_counters(env, f"lake_{name}")
    results = run_processes(
        _committer, [(lake, seconds, names, settings or {}) for _ in range(writers)]
    )
    crashed = [r["crashed"] for r in results if "crashed" in r]
    if crashed:
        return {"crashed": crashed}
    con = lake.connect()
    rows = [con.execute(f"SELECT count(*) FROM lake.{t}").fetchone()[0] for t in names]
    distinct = con.execute(f"SELECT count(DISTINCT (writer, seq)) FROM lake.{names[0]}").fetchone()
    snapshots = con.execute("SELECT count(*) FROM lake.snapshots()").fetchone()[0]
    files = len(data_files(lake, env))
    con.close()
    time.sleep(1.0)  # backends exit and flush their statistics
    counters_after = pg_counters(env, f"lake_{name}")
    commits = sum(r["commits"] for r in results)
    delta = {k: counters_after[k] - counters_before[k] for k in counters_before}
    per_commit = {
        "pg_transactions": round(delta["xact_commit"] / max(commits, 1), 1),
        "pg_rollbacks": round(delta["xact_rollback"] / max(commits, 1), 2),
        "rows_inserted": round(delta["tup_inserted"] / max(commits, 1), 1),
        "rows_updated": round(delta["tup_updated"] / max(commits, 1), 1),
        "rows_fetched": round(delta["tup_fetched"] / max(commits, 1), 1),
        "pg_cpu_ms": round(1000 * delta["pg_cpu_s"] / max(commits, 1), 2),
    }
    latencies = [x for r in results for x in r["latencies_ms"]]
    errors: collections.Counter[str] = collections.Counter()
    samples: dict[str, str] = {}
    for r in results:
        errors.update(r["errors"])
        samples.update(r["error_samples"])
    span = max(r["seconds"] for r in results)
    return {
        "writers": writers,
        "tables_per_commit": tables,
        "data": "s3" if s3 else "local",
        "inlining_row_limit": 10 if inlining is None else inlining,
        "settings": settings or {},
        "seconds": span,
        "commits": commits,
        "commits_per_s": round(commits / span, 1),
        "per_writer_commits": [r["commits"] for r in results],
        "failed_commits": sum(errors.values()),
        "errors": dict(errors),
        "error_samples": samples,
        "latency_ms_p50": percentile(latencies, 0.5),
        "latency_ms_p95": percentile(latencies, 0.95),
        "latency_ms_max": percentile(latencies, 1.0),
        "rows_per_table": rows,
        "rows_match_commits": all(n == commits for n in rows),
        "distinct_keys": distinct[0] if distinct else None,
        "snapshots": snapshots,
        "data_files": files,
        "postgres_settings": pg_settings or "defaults (fsync on, synchronous_commit on)",
        "pg_cpu_s": round(delta["pg_cpu_s"], 2),
        "pg_per_commit": per_commit,
    }


def exp_capacity(env: Env) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label, kwargs in (
        ("local_inlined", {}),
        ("local_files", {"inlining": 0}),
        ("s3_files", {"s3": True, "inlining": 0}),
        ("local_inlined_3_tables", {"tables": 3}),
        ("local_inlined_sync_commit_off", {"pg_settings": {"synchronous_commit": "off"}}),
    ):
        for writers in (1, 2, 4):
            key = f"{label}_{writers}w"
            out[key] = repeated(env, key, writers, **kwargs)
    return out


def repeated(env: Env, key: str, writers: int, **kwargs: Any) -> dict[str, Any]:
    """capacity_run `env.repeat` times (the machine is shared: single runs are noisy); keeps
    every run's commits/s and the full record of the median run."""
    runs = []
    for attempt in range(env.repeat):
        run = capacity_run(env, f"{key}_{attempt}", writers, **kwargs)
        print(f"  {key} #{attempt + 1}: {summary(run)}", flush=True)
        runs.append(run)
    ok = [r for r in runs if "crashed" not in r]
    if not ok:
        return runs[0]
    ok.sort(key=lambda r: r["commits_per_s"])
    median = dict(ok[len(ok) // 2])
    median["commits_per_s_runs"] = [r.get("commits_per_s") for r in runs]
    median["failed_commits_runs"] = [r.get("failed_commits") for r in runs]
    median["per_writer_commits_runs"] = [r.get("per_writer_commits") for r in runs]
    median["pg_cpu_ms_per_commit_runs"] = [r["pg_per_commit"]["pg_cpu_ms"] for r in ok]
    return median


def summary(run: dict[str, Any]) -> str:
    if "crashed" in run:
        return f"crashed {run['crashed']}"
    return (
        f"{run['commits_per_s']} commits/s, {run['failed_commits']} failed {run['errors']}, "
        f"p50 {run['latency_ms_p50']} ms p95 {run['latency_ms_p95']} ms"
    )


def exp_retries(env: Env) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for retries, wait_ms, backoff in ((3, 100, 1.5), (10, 100, 1.5), (100, 10, 1.2)):
        settings = {
            "ducklake_max_retry_count": retries,
            "ducklake_retry_wait_ms": wait_ms,
            "ducklake_retry_backoff": backoff,
        }
        key = f"retry_{retries}_{wait_ms}ms_x{backoff}"
        out[key] = repeated(env, key.replace(".", "_"), 4, settings=settings)
    return out


# ---------------------------------------------------------------- atomic batches


BATCH_ROWS = {"articles": 1, "entities": 3, "mentions": 5}


def _batch_writer(barrier: Any, index: int, lake: Lake, seconds: float) -> dict[str, Any]:
    con = lake.connect()
    barrier.wait()
    batches, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        batches += 1
        batch = index * 1_000_000 + batches
        con.execute("BEGIN")
        for table, rows in BATCH_ROWS.items():
            con.execute(f"INSERT INTO lake.{table} SELECT ?, range FROM range(?)", [batch, rows])
        con.execute("COMMIT")
    return {"batches": batches}


CHECK_ONE_STATEMENT = """
    WITH a AS (SELECT batch, count(*) n FROM lake.articles GROUP BY batch),
         e AS (SELECT batch, count(*) n FROM lake.entities GROUP BY batch),
         m AS (SELECT batch, count(*) n FROM lake.mentions GROUP BY batch)
    SELECT count(*) FILTER (WHERE a.n IS DISTINCT FROM 1 OR e.n IS DISTINCT FROM 3
                            OR m.n IS DISTINCT FROM 5), count(*)
    FROM a FULL JOIN e USING (batch) FULL JOIN m USING (batch)
"""


def _batch_reader(barrier: Any, index: int, lake: Lake, seconds: float, mode: str) -> dict:
    con = lake.connect(read_only=True)
    barrier.wait()
    checks = partial = 0
    max_batches = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if mode == "one_statement":
            bad, total = con.execute(CHECK_ONE_STATEMENT).fetchone()
        else:
            if mode == "transaction":
                con.execute("BEGIN")
            seen = {}
            for table in BATCH_ROWS:
                seen[table] = dict(
                    con.execute(
                        f"SELECT batch, count(*) FROM lake.{table} GROUP BY batch"
                    ).fetchall()
                )
                time.sleep(0.005)  # widen the gap between statements
            if mode == "transaction":
                con.execute("COMMIT")
            batches = set().union(*seen.values())
            bad = sum(1 for b in batches if any(seen[t].get(b) != n for t, n in BATCH_ROWS.items()))
            total = len(batches)
        checks += 1
        partial += bool(bad)
        max_batches = max(max_batches, total)
    return {
        "mode": mode,
        "checks": checks,
        "checks_seeing_a_partial_batch": partial,
        "batches_seen_at_most": max_batches,
    }


def _atomic_role(barrier: Any, index: int, role: str, lake: Lake, seconds: float) -> dict:
    if role == "writer":
        return _batch_writer(barrier, index, lake, seconds)
    return _batch_reader(barrier, index, lake, seconds, role)


def exp_atomic(env: Env) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for where in ("local", "s3"):
        lake = env.lake(f"atomic_{where}", s3=where == "s3")
        con = lake.connect()
        for table in BATCH_ROWS:
            con.execute(f"CREATE TABLE lake.{table} (batch BIGINT, k BIGINT)")
        con.close()
        roles = ["writer", "writer", "one_statement", "transaction", "autocommit_statements"]
        results = run_processes(_atomic_role, [(role, lake, env.seconds) for role in roles])
        out[where] = {"writers": results[:2], "readers": results[2:]}
        print(f"  atomic {where}: {results}", flush=True)
    return out


# ---------------------------------------------------------------- PostgreSQL restart


def exp_pg_restart(env: Env) -> dict[str, Any]:
    out: dict[str, Any] = {}
    lake = env.lake("pg_restart", s3=True)
    con = lake.connect()
    con.execute("CREATE TABLE lake.t (id BIGINT, text VARCHAR)")
    con.execute("INSERT INTO lake.t SELECT range, 'committed' FROM range(1000)")
    files_before = data_files(lake, env)

    # 1. restart while a transaction holds written-but-uncommitted data files
    con.execute("BEGIN")
    con.execute("INSERT INTO lake.t SELECT range, repeat('x', 100) FROM range(1000, 200000)")
    written = data_files(lake, env) - files_before
    restart_s = env.pg.restart()
    try:
        con.execute("COMMIT")
        commit = "committed"
    except duckdb.Error as error:
        commit = error_text(error)
        rollback(con)
    # 2. the same connection afterwards (a new transaction)
    try:
        con.execute("INSERT INTO lake.t VALUES (-1, 'after restart, same connection')")
        same_connection = "ok"
    except duckdb.Error as error:
        same_connection = error_text(error)
    try:
        con.execute("INSERT INTO lake.t VALUES (-2, 'second try, same connection')")
        same_connection_retry = "ok"
    except duckdb.Error as error:
        same_connection_retry = error_text(error)
    # 3. restart between transactions (an idle attached connection)
    idle_restart_s = env.pg.restart()
    try:
        con.execute("INSERT INTO lake.t VALUES (-3, 'after idle restart')")
        after_idle = "ok"
    except duckdb.Error as error:
        after_idle = error_text(error)
        try:
            con.execute("INSERT INTO lake.t VALUES (-3, 'after idle restart, retried')")
            after_idle += " | retry: ok"
        except duckdb.Error as error2:
            after_idle += " | retry: " + error_text(error2)
    con.close()
    reader = lake.connect(read_only=True)
    visible = reader.execute(
        "SELECT count(*) FILTER (WHERE text = 'committed'), count(*) FILTER (WHERE id >= 1000), "
        "list(id ORDER BY id) FILTER (WHERE id < 0) FROM lake.t"
    ).fetchone()
    referenced = catalog_files(reader)
    reader.close()
    present = data_files(lake, env)
    out["mid_transaction"] = {
        "pg_restart_s": round(restart_s, 2),
        "files_written_before_commit": len(written),
        "commit": commit,
        "same_connection_next_insert": same_connection,
        "same_connection_second_insert": same_connection_retry,
        "idle_restart_then_insert": after_idle,
        "idle_restart_s": round(idle_restart_s, 2),
        "visible_committed_rows": visible[0],
        "visible_rows_of_failed_transaction": visible[1],
        "visible_negative_ids": visible[2],
        "orphaned_files": len(present - referenced),
    }
    out["cleanup"] = orphan_cleanup(lake, env)
    return out


def orphan_cleanup(lake: Lake, env: Env) -> dict[str, Any]:
    """Files under the data path the catalog does not know: what each clean-up call removes."""
    con = lake.connect()
    out: dict[str, Any] = {"orphans_before": len(data_files(lake, env) - catalog_files(con))}
    for sql in (
        "CALL ducklake_cleanup_old_files('lake', cleanup_all => true)",
        "CALL ducklake_delete_orphaned_files('lake', dry_run => true, cleanup_all => true)",
        "CALL ducklake_delete_orphaned_files('lake', cleanup_all => true)",
    ):
        try:
            rows = con.execute(sql).fetchall()
            out[sql] = {
                "rows": len(rows),
                "orphans_after": len(data_files(lake, env) - catalog_files(con)),
            }
        except duckdb.Error as error:
            out[sql] = error_text(error)
    out["rows_after_cleanup"] = con.execute("SELECT count(*) FROM lake.t").fetchone()[0]
    con.close()
    return out


# ---------------------------------------------------------------- S3 stopped


def exp_s3_stop(env: Env) -> dict[str, Any]:
    out: dict[str, Any] = {}
    lake = env.lake("s3_stop", s3=True)
    con = lake.connect()
    con.execute("SET http_retries = 1")  # fail within seconds, not minutes
    con.execute("SET http_timeout = 5")
    con.execute("CREATE TABLE lake.t (id BIGINT, text VARCHAR)")
    con.execute("INSERT INTO lake.t SELECT range, 'committed' FROM range(1000)")

    # 1. stop S3 while a large INSERT streams files to it
    outcome: dict[str, Any] = {}

    def big_insert() -> None:
        began = time.monotonic()
        try:
            con.execute("BEGIN")
            con.execute(
                "INSERT INTO lake.t SELECT range, md5(range::VARCHAR) || repeat('y', 400) "
                "FROM range(1000, 3000000)"
            )
            con.execute("COMMIT")
            outcome["result"] = "committed"
        except duckdb.Error as error:
            outcome["result"] = error_text(error)
            rollback(con)
        outcome["seconds"] = round(time.monotonic() - began, 2)

    thread = threading.Thread(target=big_insert)
    thread.start()
    time.sleep(1.0)
    stopped_at_running = thread.is_alive()
    env.s3.stop()
    thread.join(timeout=180)
    outcome["s3_stopped_while_insert_running"] = stopped_at_running
    out["stopped_mid_insert"] = outcome

    # 2. files written, S3 stopped, then COMMIT (the commit only touches the catalog)
    env.s3.start()
    con.execute("BEGIN")
    con.execute("INSERT INTO lake.t SELECT range, 'written before the stop' FROM range(-100, 0)")
    env.s3.stop()
    try:
        con.execute("COMMIT")
        out["commit_while_s3_down"] = "committed"
    except duckdb.Error as error:
        out["commit_while_s3_down"] = error_text(error)
        rollback(con)
    try:
        out["count_while_s3_down"] = con.execute("SELECT count(*) FROM lake.t").fetchone()[0]
    except duckdb.Error as error:
        out["count_while_s3_down"] = error_text(error)
    try:
        out["read_while_s3_down"] = con.execute("SELECT sum(length(text)) FROM lake.t").fetchone()[
            0
        ]
    except duckdb.Error as error:
        out["read_while_s3_down"] = error_text(error)
    try:
        con.execute("INSERT INTO lake.t SELECT range, 'z' FROM range(5000000, 5100000)")
        out["insert_while_s3_down"] = "committed"
    except duckdb.Error as error:
        out["insert_while_s3_down"] = error_text(error)
    con.close()
    env.s3.start()
    reader = lake.connect(read_only=True)
    out["after_restart"] = {
        "committed_rows": reader.execute(
            "SELECT count(*) FILTER (WHERE text = 'committed') FROM lake.t"
        ).fetchone()[0],
        "rows_of_interrupted_insert": reader.execute(
            "SELECT count(*) FROM lake.t WHERE id BETWEEN 1000 AND 3000000"
        ).fetchone()[0],
        "rows_committed_while_s3_down": reader.execute(
            "SELECT count(*) FROM lake.t WHERE id < 0"
        ).fetchone()[0],
    }
    reader.close()
    out["cleanup"] = orphan_cleanup(lake, env)
    return out


# ---------------------------------------------------------------- dedup


def exp_dedup(env: Env, rounds: int = 20) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for mode in ("not_exists", "merge"):
        lake = env.lake(f"dedup_{mode}")
        con = lake.connect()
        con.execute("CREATE TABLE lake.articles (url VARCHAR, writer INTEGER)")
        con.close()
        results = run_processes(_dedup_writer_safe, [(lake, rounds, mode)] * 2)
        con = lake.connect()
        dup = con.execute(
            "SELECT count(*) FROM (SELECT url FROM lake.articles GROUP BY url HAVING count(*) > 1)"
        ).fetchone()[0]
        urls = con.execute("SELECT count(DISTINCT url), count(*) FROM lake.articles").fetchone()
        con.close()
        out[mode] = {
            "rounds": rounds,
            "writers": results,
            "distinct_urls": urls[0],
            "rows": urls[1],
            "urls_stored_twice": dup,
        }
        print(f"  dedup {mode}: {out[mode]}", flush=True)
    out["view"] = dedup_view(env)
    return out


def _dedup_writer_safe(barrier: Any, index: int, lake: Lake, rounds: int, mode: str) -> dict:
    # The second barrier.wait() must be reached even when the statement fails.
    con = lake.connect()
    outcomes: collections.Counter[str] = collections.Counter()
    samples: dict[str, str] = {}
    for r in range(rounds):
        url = f"https://example.com/{mode}/{r}"
        barrier.wait()
        failed: BaseException | None = None
        try:
            con.execute("BEGIN")
            if mode == "not_exists":
                con.execute(
                    "INSERT INTO lake.articles SELECT ?, ? WHERE NOT EXISTS "
                    "(SELECT 1 FROM lake.articles WHERE url = ?)",
                    [url, index, url],
                )
            else:
                con.execute(
                    "MERGE INTO lake.articles AS a USING (SELECT ? AS url, ? AS writer) AS s "
                    "ON a.url = s.url WHEN NOT MATCHED THEN INSERT VALUES (s.url, s.writer)",
                    [url, index],
                )
        except duckdb.Error as error:
            failed = error
        barrier.wait()  # both have checked before either commits
        if failed is None:
            try:
                con.execute("COMMIT")
                outcomes["committed"] += 1
                continue
            except duckdb.Error as error:
                failed = error
        rollback(con)
        kind = error_kind(failed)
        outcomes[kind] += 1
        samples.setdefault(kind, error_text(failed))
    return {"outcomes": dict(outcomes), "samples": samples}


def dedup_view(env: Env) -> dict[str, Any]:
    """Append-only table + a view that picks one row per URL (first committed wins)."""
    lake = env.lake("dedup_view")
    con = lake.connect()
    con.execute(
        "CREATE TABLE lake.article_versions (url VARCHAR, writer INTEGER, "
        "batch_id VARCHAR, stored_at TIMESTAMPTZ DEFAULT now())"
    )
    con.execute(
        "INSERT INTO lake.article_versions (url, writer, batch_id) VALUES "
        "('u1', 1, 'b1'), ('u1', 2, 'b2'), ('u2', 2, 'b2')"
    )
    view = (
        "CREATE VIEW lake.articles AS SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() "
        "OVER (PARTITION BY url ORDER BY stored_at, batch_id) AS rn "
        "FROM lake.article_versions) WHERE rn = 1"
    )
    try:
        con.execute(view)
        rows = con.execute("SELECT url, batch_id FROM lake.articles ORDER BY url").fetchall()
        result: dict[str, Any] = {"view_sql": view, "rows": rows}
    except duckdb.Error as error:
        result = {"view_sql": view, "error": error_text(error)}
    con.close()
    reader = lake.connect(read_only=True)
    with contextlib.suppress(duckdb.Error):
        result["read_only_reader_sees_view"] = reader.execute(
            "SELECT count(*) FROM lake.articles"
        ).fetchone()[0]
    reader.close()
    return result


# ---------------------------------------------------------------- conflicts


def exp_conflicts(env: Env) -> dict[str, Any]:
    out: dict[str, Any] = {}
    lake = env.lake("conflicts")
    a, b = lake.connect(), lake.connect()
    a.execute("CREATE TABLE lake.t (id BIGINT, v VARCHAR)")
    a.execute("CREATE TABLE lake.other (id BIGINT)")
    a.execute("INSERT INTO lake.t SELECT range, 'v' FROM range(100)")
    cases = {
        "insert_commits_after_delete_same_table": (
            "DELETE FROM lake.t WHERE id < 10",
            "INSERT INTO lake.t VALUES (1000, 'new')",
        ),
        "delete_commits_after_insert_same_table": (
            "INSERT INTO lake.t VALUES (1001, 'new')",
            "DELETE FROM lake.t WHERE id < 20",
        ),
        "insert_after_update_same_table": (
            "UPDATE lake.t SET v = 'u' WHERE id = 50",
            "INSERT INTO lake.t VALUES (1002, 'new')",
        ),
        "insert_after_delete_other_table": (
            "DELETE FROM lake.t WHERE id = 60",
            "INSERT INTO lake.other VALUES (1)",
        ),
        "insert_insert_same_table": (
            "INSERT INTO lake.t VALUES (1003, 'a')",
            "INSERT INTO lake.t VALUES (1004, 'b')",
        ),
    }
    for name, (first, second) in cases.items():
        a.execute("BEGIN")
        b.execute("BEGIN")
        a.execute(first)
        b.execute(second)
        a.execute("COMMIT")
        try:
            b.execute("COMMIT")
            out[name] = "both committed"
        except duckdb.Error as error:
            out[name] = "second failed: " + error_text(error)
            rollback(b)
    a.close()
    b.close()
    return out


# ---------------------------------------------------------------- maintenance


def _appender(barrier: Any, index: int, lake: Lake, seconds: float) -> dict[str, Any]:
    con = lake.connect()
    barrier.wait()
    ok = 0
    errors: collections.Counter[str] = collections.Counter()
    samples: dict[str, str] = {}
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            con.execute("INSERT INTO lake.t SELECT ?, range, 'x' FROM range(20)", [index])
            ok += 1
        except duckdb.Error as error:
            kind = error_kind(error)
            errors[kind] += 1
            samples.setdefault(kind, error_text(error))
    return {"commits": ok, "errors": dict(errors), "samples": samples}


def _maintainer(barrier: Any, index: int, lake: Lake, seconds: float) -> dict[str, Any]:
    con = lake.connect()
    barrier.wait()
    time.sleep(seconds / 3)
    out: dict[str, Any] = {}
    for sql in MAINTENANCE:
        began = time.perf_counter()
        try:
            rows = con.execute(sql).fetchall()
            out[sql] = {"ok": len(rows), "s": round(time.perf_counter() - began, 2)}
        except duckdb.Error as error:
            out[sql] = error_text(error)
    return out


# While writers write, orphaned-file deletion must spare files of open transactions: with
# cleanup_all it deletes a writer's written-but-uncommitted file and the writer's commit then
# references a missing file (see orphan_race). older_than keeps a margin.
MAINTENANCE = (
    "CALL ducklake_flush_inlined_data('lake')",
    "CALL ducklake_merge_adjacent_files('lake')",
    "CALL ducklake_expire_snapshots('lake', older_than => now())",
    "CALL ducklake_cleanup_old_files('lake', cleanup_all => true)",
    "CALL ducklake_delete_orphaned_files('lake', older_than => now() - INTERVAL 1 HOUR)",
)


def _role_maint(barrier: Any, index: int, role: str, lake: Lake, seconds: float) -> Any:
    return (_appender if role == "appender" else _maintainer)(barrier, index, lake, seconds)


def exp_maintenance(env: Env) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # settings: where the inlining limit lives
    lake = env.lake("maintenance")
    con = lake.connect()
    con.execute("CREATE TABLE lake.t (writer INTEGER, k BIGINT, payload VARCHAR)")
    settings: dict[str, Any] = {}
    for sql in (
        "CALL lake.set_option('data_inlining_row_limit', 0)",
        "CALL ducklake_set_option('lake', 'data_inlining_row_limit', 50)",
        "SELECT * FROM lake.options() WHERE option_name ILIKE '%inlin%'",
        "SELECT * FROM ducklake_options('lake') WHERE option_name ILIKE '%inlin%'",
    ):
        try:
            settings[sql] = [list(map(str, r)) for r in con.execute(sql).fetchall()]
        except duckdb.Error as error:
            settings[sql] = error_text(error)
    out["inlining_settings"] = settings
    con.execute("CALL ducklake_set_option('lake', 'data_inlining_row_limit', 0)")
    # 300 small commits, one Parquet file each
    for i in range(300):
        con.execute(
            "INSERT INTO lake.t SELECT 0, range, 'x' FROM range(?, ? + 20)", [i * 20, i * 20]
        )
    before = {
        "files": len(data_files(lake, env)),
        "snapshots": con.execute("SELECT count(*) FROM lake.snapshots()").fetchone()[0],
    }
    con.close()
    # two appenders keep committing while the maintenance calls run
    results = run_processes(
        _role_maint,
        [
            ("appender", lake, env.seconds),
            ("appender", lake, env.seconds),
            ("maintainer", lake, env.seconds),
        ],
    )
    con = lake.connect()
    try:
        rows = con.execute("SELECT count(*), count(DISTINCT (writer, k)) FROM lake.t").fetchone()
    except duckdb.Error as error:
        rows = (error_text(error), None)
    after = {
        "files": len(data_files(lake, env)),
        "snapshots": con.execute("SELECT count(*) FROM lake.snapshots()").fetchone()[0],
        "rows": rows[0],
    }
    expected = 6000 + 20 * sum(r["commits"] for r in results[:2])
    out["concurrent"] = {
        "before": before,
        "after": after,
        "expected_rows": expected,
        "appenders": results[:2],
        "maintenance": results[2],
    }
    # the same calls again on a quiet lake, timed
    quiet: dict[str, object] = {}  # per call its rows and seconds or its error; a file count
    for sql in MAINTENANCE:
        began = time.perf_counter()
        try:
            quiet[sql] = {
                "rows": len(con.execute(sql).fetchall()),
                "s": round(time.perf_counter() - began, 2),
            }
        except duckdb.Error as error:
            quiet[sql] = error_text(error)
    quiet["files_after"] = len(data_files(lake, env))
    out["quiet"] = quiet
    # inlined data: 200 one-row commits stay in the catalog until flushed
    con.execute("CREATE TABLE lake.inl (k BIGINT)")
    con.execute("CALL ducklake_set_option('lake', 'data_inlining_row_limit', 10)")

    def inl_files() -> int:
        return sum(1 for p in Path(lake.data_path).rglob("*") if p.is_file() and "inl" in p.parts)

    for i in range(200):
        con.execute("INSERT INTO lake.inl VALUES (?)", [i])
    inl_files_before = inl_files()
    began = time.perf_counter()
    con.execute("SELECT count(DISTINCT k), sum(k) FROM lake.inl").fetchone()
    read_inlined_s = time.perf_counter() - began
    flushed = con.execute("CALL ducklake_flush_inlined_data('lake')").fetchall()
    began = time.perf_counter()
    con.execute("SELECT count(DISTINCT k), sum(k) FROM lake.inl").fetchone()
    read_flushed_s = time.perf_counter() - began
    out["inlining"] = {
        "one_row_commits": 200,
        "inl_table_files_before_flush": inl_files_before,
        "inl_table_files_after_flush": inl_files(),
        "flush_result": [list(map(str, r)) for r in flushed][:5],
        "read_before_flush_s": round(read_inlined_s, 3),
        "read_after_flush_s": round(read_flushed_s, 3),
        "rows": con.execute("SELECT count(*) FROM lake.inl").fetchone()[0],
    }
    con.close()
    return out


def exp_orphan_race(env: Env) -> dict[str, Any]:
    """delete_orphaned_files while another session has written, not yet committed, files."""
    out: dict[str, Any] = {}
    lake = env.lake("orphan_race", s3=True)
    writer, janitor = lake.connect(), lake.connect()
    cases = (
        ("cleanup_all", "CALL ducklake_delete_orphaned_files('lake', cleanup_all => true)"),
        (
            "older_than_1h",
            "CALL ducklake_delete_orphaned_files('lake', older_than => now() - INTERVAL 1 HOUR)",
        ),
    )
    for label, call in cases:
        table = f"lake.{label}"
        writer.execute(f"CREATE TABLE {table} (id BIGINT, text VARCHAR)")
        writer.execute(f"INSERT INTO {table} SELECT range, 'committed' FROM range(1000)")
        writer.execute("BEGIN")
        writer.execute(f"INSERT INTO {table} SELECT range, 'pending' FROM range(2000, 50000)")
        deleted = len(janitor.execute(call).fetchall())
        try:
            writer.execute("COMMIT")
            commit = "committed"
        except duckdb.Error as error:
            commit = error_text(error)
            rollback(writer)
        try:
            read: Any = list(
                writer.execute(f"SELECT count(*), sum(length(text)) FROM {table}").fetchone()
            )
        except duckdb.Error as error:
            read = error_text(error)
        out[label] = {
            "call": call,
            "files_deleted": deleted,
            "commit": commit,
            "read_after_commit": read,
        }
    writer.close()
    janitor.close()
    return out


# ---------------------------------------------------------------- fts cache


def exp_fts(env: Env) -> dict[str, Any]:
    lake = env.lake("fts", s3=True)
    con = lake.connect()
    con.execute("CREATE TABLE lake.articles (article_id BIGINT, title VARCHAR, text VARCHAR)")
    con.execute(
        "INSERT INTO lake.articles SELECT range, 'Story ' || range, "
        "CASE WHEN range % 100 = 0 THEN 'Pyongyang summit talks ' ELSE '' END || "
        "repeat('ordinary words about weather ', 30) FROM range(20000)"
    )
    import duckdb_extension_fts  # noqa: F401 - presence check; loaded by path below

    cache = env.work / "fts-cache.duckdb"
    began = time.perf_counter()
    con.execute(f"LOAD '{services.duckdb_extension('fts')}'")
    con.execute(f"ATTACH '{cache}' AS cache")
    con.execute("CREATE OR REPLACE TABLE cache.articles AS SELECT * FROM lake.articles")
    out: dict[str, Any] = {"copy_s": round(time.perf_counter() - began, 2)}
    began = time.perf_counter()
    try:
        con.execute("USE cache")
        con.execute(
            "PRAGMA create_fts_index('articles', 'article_id', 'title', 'text', overwrite=1)"
        )
        out["index_s"] = round(time.perf_counter() - began, 2)
        con.execute("USE memory")
    except duckdb.Error as error:
        out["index_error"] = error_text(error)
    con.close()
    reader = duckdb.connect(str(cache), read_only=True)
    reader.execute(f"LOAD '{services.duckdb_extension('fts')}'")
    try:
        row = reader.execute(
            "SELECT count(*) FROM (SELECT fts_main_articles.match_bm25(article_id, "
            "'pyongyang summit') AS score FROM articles) WHERE score IS NOT NULL"
        ).fetchone()
        assert row is not None  # count(*) always returns one row
        out["hits_for_pyongyang_summit"] = row[0]
        out["expected_hits"] = 200
    except duckdb.Error as error:
        out["query_error"] = error_text(error)
    reader.close()
    out["cache_file_mb"] = round(cache.stat().st_size / 1e6, 1)
    return out


# ---------------------------------------------------------------- main


EXPERIMENTS: dict[str, Callable[[Env], dict[str, Any]]] = {
    "attach": exp_attach,
    "analyst": exp_analyst,
    "capacity": exp_capacity,
    "retries": exp_retries,
    "atomic": exp_atomic,
    "conflicts": exp_conflicts,
    "dedup": exp_dedup,
    "maintenance": exp_maintenance,
    "fts": exp_fts,
    "orphan_race": exp_orphan_race,
    "pg_restart": exp_pg_restart,
    "s3_stop": exp_s3_stop,
}


@contextlib.contextmanager
def environment(seconds: float, durable: bool) -> Iterator[Env]:
    settings = {} if durable else {"fsync": "off", "synchronous_commit": "off"}
    with (
        tempfile.TemporaryDirectory(prefix="lake-spike-") as work,
        services.PostgresCluster(settings=settings) as pg,
        services.SeaweedS3() as s3,
    ):
        print(
            f"PostgreSQL up in {pg.started_in:.2f} s, SeaweedFS S3 in {s3.started_in:.2f} s",
            flush=True,
        )
        yield Env(pg, s3, Path(work), seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="comma-separated experiments: " + ",".join(EXPERIMENTS))
    parser.add_argument("--seconds", type=float, default=8.0, help="timed window per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per capacity configuration")
    parser.add_argument("--results", type=Path, default=None)
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(EXPERIMENTS)
    results: dict[str, Any] = {
        "benchmark": "lake_spike",
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "duckdb": duckdb.__version__,
        },
        "seconds_per_run": args.seconds,
        "runs_per_capacity_configuration": args.repeat,
    }
    began = time.monotonic()
    with environment(args.seconds, durable=True) as env:
        env.repeat = args.repeat
        results["services"] = {
            "postgres_start_s": round(env.pg.started_in or 0, 2),
            "seaweedfs_start_s": round(env.s3.started_in or 0, 2),
            "postgres_settings": "defaults (fsync on)",
        }
        for name in names:
            print(f"== {name}", flush=True)
            t = time.monotonic()
            try:
                results[name] = EXPERIMENTS[name](env)
            except Exception as error:  # noqa: BLE001 - one failed experiment is a finding too
                results[name] = {"failed": error_text(error, 2000)}
            results[name + "_s"] = round(time.monotonic() - t, 1)
            print(json.dumps(results[name], indent=1, default=str)[:4000], flush=True)
    results["total_s"] = round(time.monotonic() - began, 1)
    target = args.results or (RESULTS if not args.only else None)
    if target:
        target.write_text(json.dumps(results, indent=2, default=str) + "\n", "utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
