"""Scale-out benchmark (issue 10): articles/s with 1, 2 and 4 writers on a DuckLake (PostgreSQL
catalog, data on SeaweedFS S3) beside the embedded DuckDB file on the same inputs, the
catalog's commit capacity with trivial batches, and the projection to 16 two-core workers.

    python -m bench.lake_bench    # all: prints the figures, writes bench/results/lake_bench.json
    python -m bench.lake_bench --pages 8 --writers 1 --rounds 1 --seconds 2 --results /tmp/x.json

Throughput: every run is whole `newsflow ingest` commands on the corpus pages, into a fresh
database, no Prefect server. "N writers" on the lake (`lake_N`) is N processes, each
ingesting its shard (`--shard k --shards N --workers 0`); on the file, which takes one writer
at a time, it is one run with N processes doing the cleaning and NLP (`file_N`: `--workers
N`; `--workers 0` for N = 1); `lakepool_N` is the file's shape on the lake (one writer,
`--workers N`), so its ratio to `file_N` is the storage alone. The order of the sides
alternates between rounds. Capacity: processes calling `storage.load` in a loop with a
batch of one `run_items` row (and its manifest row), for `--seconds` each. PostgreSQL runs
with its defaults (fsync on); its CPU time is read from /proc.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.throughput import _commit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "corpus" / "html"
RESULTS = ROOT / "bench" / "results" / "lake_bench.json"
sys.path.insert(0, str(ROOT / "tests"))

import services  # noqa: E402

ARTICLES_PER_DAY = 1_000_000
MACHINES = 16
BATCH = 32  # the ingest batch size, as the registry's default (`batch_size`)


# ---------------------------------------------------------------- PostgreSQL counters


def pg_cpu_seconds(pg: services.PostgresCluster) -> float:
    """CPU seconds of the postmaster, its live backends and the ones it reaped."""
    pid = pg.pid
    if pid is None:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for index, each in enumerate([pid, *map(int, children)]):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(") ", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
        if index == 0:
            total += int(fields[13]) + int(fields[14])
    return total / ticks


def pg_counters(pg: services.PostgresCluster, dbname: str) -> dict[str, float]:
    row = pg.psql(
        f"SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = '{dbname}'"
    ).split("|")
    return {"xacts": float(row[0]) + float(row[1]), "cpu_s": pg_cpu_seconds(pg)}


def snapshots(pg: services.PostgresCluster, dbname: str) -> int:
    return int(pg.psql("SELECT max(snapshot_id) FROM ducklake_snapshot", dbname) or 0)


# ---------------------------------------------------------------- throughput


def _env(lake: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "NEWSFLOW_"))}
    env["PREFECT_HOME"] = tempfile.mkdtemp(prefix="newsflow-lake-bench-home-")
    env["PYTHONFAULTHANDLER"] = "1"  # a native crash leaves the Python stack in stderr
    env.update(lake or {})
    return env


def _ingest(inputs: list[str], db: str, extra: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsflow", "ingest", *inputs, "--db", db,
         "--batch-size", str(BATCH), *extra],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip


def _wait(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        _, err = process.communicate(timeout=3600)
        if process.returncode != 0:
            raise RuntimeError(f"ingest failed ({process.returncode}): {err.decode()[-2000:]}")


def _count_articles(db: str, lake_env: dict[str, str] | None = None) -> int:
    code = (
        "from newsflow import settings, storage\n"
        "with storage.open_reader(__import__('sys').argv[1], lake=settings.from_env().lake) as s:\n"
        "    print(s.rows('SELECT count(*) FROM articles')[0][0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, db], env=_env(lake_env), capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return int(done.stdout.strip())


def run_file(inputs: list[str], writers: int, folder: Path) -> dict[str, Any]:
    db = str(folder / f"file-{uuid.uuid4().hex[:8]}.duckdb")
    workers = "0" if writers == 1 else str(writers)
    started = time.perf_counter()
    _wait([_ingest(inputs, db, ["--workers", workers], _env())])
    wall = time.perf_counter() - started
    articles = _count_articles(db)
    return {"wall_s": round(wall, 2), "articles": articles,
            "articles_per_s": round(articles / wall, 3)}  # fmt: skip


def run_lake(
    inputs: list[str],
    writers: int,
    pg: services.PostgresCluster,
    s3: services.SeaweedS3,
    pool: bool = False,
) -> dict[str, Any]:
    """N writer processes, one shard each; with `pool`, one writer with N worker processes
    (the file's shape: the difference is then only the storage)."""
    name = f"bench_{uuid.uuid4().hex[:10]}"
    pg.create_database(name)
    location = f"ducklake:postgres:{pg.conninfo(name)}"
    env = {
        "NEWSFLOW_LAKE_DATA_PATH": f"s3://{s3.bucket}/{name}/",
        "NEWSFLOW_S3_ENDPOINT": s3.endpoint,
        "NEWSFLOW_S3_KEY_ID": s3.access_key,
        "NEWSFLOW_S3_SECRET": s3.secret_key,
        "NEWSFLOW_S3_USE_SSL": "false",
    }
    # Create the lake first (schema, views): a one-time cost, not the writers'.
    code = (
        "from newsflow import settings, storage\n"
        "storage.Store.open(__import__('sys').argv[1], lake=settings.from_env().lake).close()\n"
    )
    subprocess.run([sys.executable, "-c", code, location], env=_env(env), check=True)
    before, first_snapshot = pg_counters(pg, name), snapshots(pg, name)
    started = time.perf_counter()
    if pool:
        processes = [_ingest(inputs, location, ["--workers", str(writers)], _env(env))]
    else:
        processes = [
            _ingest(inputs, location, ["--workers", "0", "--shard", str(k), "--shards",
                                       str(writers)], _env(env))
            for k in range(writers)
        ]  # fmt: skip
    _wait(processes)
    wall = time.perf_counter() - started
    after, last_snapshot = pg_counters(pg, name), snapshots(pg, name)
    articles = _count_articles(location, env)
    commits = last_snapshot - first_snapshot
    xacts, cpu_s = after["xacts"] - before["xacts"], after["cpu_s"] - before["cpu_s"]
    return {
        "wall_s": round(wall, 2),
        "articles": articles,
        "articles_per_s": round(articles / wall, 3),
        "lake_commits": commits,
        "commits_per_article": round(commits / max(articles, 1), 4),
        # Everything the writers asked of PostgreSQL (every statement reads the catalog),
        # per lake commit and per article stored.
        "pg_transactions_per_commit": round(xacts / max(commits, 1), 1),
        "pg_transactions_per_article": round(xacts / max(articles, 1), 1),
        "pg_cpu_ms_per_commit": round(1000 * cpu_s / max(commits, 1), 2),
        "pg_cpu_ms_per_article": round(1000 * cpu_s / max(articles, 1), 2),
        "pg_cpu_s": round(cpu_s, 2),
    }


def _run_side(side: str, inputs: list[str], writers: int, pg, s3, folder: Path) -> dict:
    if side == "file":
        return run_file(inputs, writers, folder)
    return run_lake(inputs, writers, pg, s3, pool=side == "lakepool")


def throughput(
    inputs: list[str], writer_counts: list[int], rounds: int, pg, s3, folder: Path
) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {}
    crashes: list[dict[str, Any]] = []
    for round_number in range(rounds):
        for writers in writer_counts:
            sides = ["file", "lake"] + (["lakepool"] if writers > 1 else [])
            if round_number % 2:
                sides.reverse()
            for side in sides:
                key = f"{side}_{writers}"
                load = os.getloadavg()[0]
                print(f"round {round_number + 1}: {key} (load {load:.1f}) ...", flush=True)
                try:
                    result = _run_side(side, inputs, writers, pg, s3, folder)
                except RuntimeError as error:  # a writer process died: say so, run it again
                    print(f"  CRASHED: {error}", flush=True)
                    crashes.append({"run": key, "round": round_number + 1,
                                    "error": str(error)[-3000:]})  # fmt: skip
                    result = _run_side(side, inputs, writers, pg, s3, folder)
                result["load_average_before"] = round(load, 2)
                runs.setdefault(key, []).append(result)
                print(f"  {result}", flush=True)
    summary: dict[str, Any] = {"crashed_runs": crashes}
    for key, results in runs.items():
        rates = [r["articles_per_s"] for r in results]
        summary[key] = {"articles_per_s_median": round(statistics.median(rates), 3),
                        "articles_per_s_runs": rates, "runs": results}  # fmt: skip
    for writers in writer_counts:
        file = summary.get(f"file_{writers}")
        for key in (f"lake_{writers}", f"lakepool_{writers}"):
            if file and key in summary:
                summary[key]["ratio_to_file"] = round(
                    summary[key]["articles_per_s_median"] / file["articles_per_s_median"], 3
                )
    return summary


# ---------------------------------------------------------------- commit capacity


def _committer(location: str, lake: dict[str, Any], seconds: float, index: int, out) -> None:
    from newsflow import storage

    store = storage.Store.open(location, lake=storage.LakeSettings(**lake))
    run_id = f"capacity-{index}-{uuid.uuid4().hex[:8]}"
    latencies, failures, sequence = [], 0, 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        sequence += 1
        batch = storage.Batch(
            run_id, run_items=[{"uri": f"capacity://{index}/{sequence}", "status": "skipped"}]
        )
        began = time.perf_counter()
        try:
            storage.load(store, batch)
            latencies.append(time.perf_counter() - began)
        except storage.StorageError:
            failures += 1
    store.close()
    out.put({"commits": len(latencies), "failures": failures, "latencies": latencies})


def _quantile_ms(sorted_seconds: list[float], quantile: float) -> float | None:
    if not sorted_seconds:
        return None
    index = min(len(sorted_seconds) - 1, int(len(sorted_seconds) * quantile))
    return round(1000 * sorted_seconds[index], 1)


def capacity(pg, s3, writer_counts: list[int], seconds: float, rounds: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    results: dict[str, Any] = {}
    for writers in writer_counts:
        measured = []
        for _ in range(rounds):
            name = f"cap_{uuid.uuid4().hex[:10]}"
            pg.create_database(name)
            location = f"ducklake:postgres:{pg.conninfo(name)}"
            lake = {"data_path": f"s3://{s3.bucket}/{name}/", "s3_endpoint": s3.endpoint,
                    "s3_key_id": s3.access_key, "s3_secret": s3.secret_key,
                    "s3_use_ssl": False}  # fmt: skip
            from newsflow import storage

            storage.Store.open(location, lake=storage.LakeSettings(**lake)).close()
            queue = ctx.Queue()
            before = pg_counters(pg, name)
            first = snapshots(pg, name)
            processes = [
                ctx.Process(target=_committer, args=(location, lake, seconds, i, queue))
                for i in range(writers)
            ]
            for process in processes:
                process.start()
            found = [queue.get(timeout=seconds + 300) for _ in processes]
            for process in processes:
                process.join(timeout=60)
            after = pg_counters(pg, name)
            commits = sum(f["commits"] for f in found)
            latencies = sorted(x for f in found for x in f["latencies"])
            # The writers start (attach, ~0.5 s) before their clock runs: rates use `seconds`.
            xacts, cpu_s = after["xacts"] - before["xacts"], after["cpu_s"] - before["cpu_s"]

            measured.append({
                "commits": commits,
                "commits_per_s": round(commits / seconds, 1),
                "failures": sum(f["failures"] for f in found),
                "per_writer": [f["commits"] for f in found],
                "latency_ms_p50": _quantile_ms(latencies, 0.5),
                "latency_ms_p95": _quantile_ms(latencies, 0.95),
                "lake_snapshots": snapshots(pg, name) - first,
                "pg_transactions_per_commit": round(xacts / max(commits, 1), 1),
                "pg_cpu_ms_per_commit": round(1000 * cpu_s / max(commits, 1), 2),
                "load_average": round(os.getloadavg()[0], 2),
            })  # fmt: skip
        rates = [m["commits_per_s"] for m in measured]
        results[f"{writers}_writers"] = {
            "commits_per_s_median": round(statistics.median(rates), 1),
            "commits_per_s_runs": rates,
            "runs": measured,
        }
    return results


# ---------------------------------------------------------------- what the views cost

SYNTHETIC = {
    # One version per article (plus a racing duplicate of every 20th), one sighting each,
    # 20 mentions per version: the shapes the views work over.
    "article_versions": """
        SELECT 'a' || (i % {n}) AS article_id, 1 AS version, 'h' || (i % {n}) AS content_hash,
               'd' || i AS document_id, 'file:///p/' || (i % {n}) AS uri,
               'Title ' || i AS title, 'word ' || repeat('x', 200) AS text, 40 AS word_count,
               'done' AS nlp_status, 'c' AS cleaner, 'r' AS run_id, now() AS created_at,
               'b' || i AS _batch
        FROM range({rows}) t(i)""",
    "run_items": """
        SELECT 'r' AS run_id, 'file:///p/' || i AS uri, 'a' || i AS article_id,
               'd' || i AS document_id, 'new' AS status, now() AS recorded_at,
               'b' || i AS _batch
        FROM range({n}) t(i)""",
    "mentions": """
        SELECT 'a' || i AS article_id, 1 AS version, 'mentions.v1' AS extractor, j AS mention_index,
               0 AS sentence_index, 0 AS start_char, 5 AS end_char,
               CASE WHEN j % 3 = 0 THEN 'PERSON' ELSE 'ORG' END AS label,
               'Entity ' || ((i * 7 + j) % 5000) AS text, 'b' || i AS _batch,
               'b' || i AS _version_batch
        FROM range({n}) t(i), range(20) u(j)""",
}
VIEW_QUERIES = {
    "count_articles": "SELECT count(*) FROM articles",
    "count_mentions": "SELECT count(*) FROM mentions",
    "top_entities": "SELECT entity, mentions FROM top_entities ORDER BY mentions DESC LIMIT 10",
    "one_article": "SELECT count(*) FROM current_mentions WHERE article_id = 'a12345'",
}


def views(pg, s3, articles: int) -> dict[str, Any]:
    """The same synthetic rows behind the lake's views (on S3) and in a DuckDB file's plain
    tables; the time of a few reads of each, best of three."""
    from newsflow import storage

    name = f"views_{uuid.uuid4().hex[:8]}"
    pg.create_database(name)
    lake = storage.LakeSettings(data_path=f"s3://{s3.bucket}/{name}/", s3_endpoint=s3.endpoint,
                                s3_key_id=s3.access_key, s3_secret=s3.secret_key,
                                s3_use_ssl=False)  # fmt: skip
    rows = {"n": articles, "rows": articles + articles // 20}
    result: dict[str, Any] = {"articles": articles, "mentions": 20 * articles}
    with tempfile.TemporaryDirectory(prefix="newsflow-views-") as temp:
        targets = {
            "file": storage.Store.open(Path(temp) / "views.duckdb"),
            "lake": storage.Store.open(f"ducklake:postgres:{pg.conninfo(name)}", lake=lake),
        }
        for side, store in targets.items():
            for table, sql in SYNTHETIC.items():
                select = sql.format(**rows)
                if side == "lake":
                    store.execute(f"INSERT INTO log.{table} BY NAME {select}")
                else:
                    columns = "* EXCLUDE (_batch, _version_batch)" if table == "mentions" else (
                        "* EXCLUDE (_batch)")  # fmt: skip
                    store.execute(f"INSERT INTO {table} BY NAME SELECT {columns} FROM ({select})"
                                  + (" QUALIFY row_number() OVER (PARTITION BY article_id) = 1"
                                     if table == "article_versions" else ""))  # fmt: skip
            if side == "file":
                store.execute(
                    "INSERT INTO articles BY NAME SELECT * EXCLUDE (run_id, created_at), "
                    "document_id AS last_document_id, now() AS first_seen_at, "
                    "now() AS updated_at, 'r' AS last_run_id FROM article_versions"
                )
            timings = {}
            for query, sql in VIEW_QUERIES.items():
                best = float("inf")
                for _ in range(3):
                    began = time.perf_counter()
                    answer = store.rows(sql)
                    best = min(best, time.perf_counter() - began)
                timings[query] = {"seconds": round(best, 3), "answer": str(answer[:1])[:80]}
            result[side] = timings
            store.close()
    result["lake_over_file"] = {
        q: round(result["lake"][q]["seconds"] / max(result["file"][q]["seconds"], 1e-4), 1)
        for q in VIEW_QUERIES
    }
    return result


# ---------------------------------------------------------------- projection


def projection(throughput_summary: dict[str, Any], capacity_summary: dict[str, Any]) -> dict:
    """1M articles a day on 16 two-core workers, and where the catalog becomes the limit.

    Two limits of the catalog, both measured here: commits per second (snapshot ids are
    taken one at a time; trivial batches from 1-4 writers), and PostgreSQL's CPU per article
    stored (every statement of a writer reads the catalog; counted whole, reads included),
    against a catalog host of two cores like the workers'. The fleet runs flat out."""
    per_machine = throughput_summary.get("lake_2") or throughput_summary.get("lake_1")
    if not per_machine:
        return {}
    rate = per_machine["articles_per_s_median"]  # one 2-core machine: 2 shard processes
    runs = per_machine["runs"]
    commits_per_article = statistics.median(r["commits_per_article"] for r in runs)
    pg_ms_per_article = statistics.median(r["pg_cpu_ms_per_article"] for r in runs)
    fleet_rate = MACHINES * rate
    commit_capacity = max(v["commits_per_s_median"] for v in capacity_summary.values())
    pg_cores = 2
    commit_share = fleet_rate * commits_per_article / commit_capacity
    cpu_share = fleet_rate * pg_ms_per_article / 1000 / pg_cores
    share = max(commit_share, cpu_share)
    return {
        "machines": MACHINES,
        "articles_per_s_per_machine": rate,
        "fleet_articles_per_s": round(fleet_rate, 2),
        "fleet_articles_per_day": round(fleet_rate * 86400),
        "goal_articles_per_day": ARTICLES_PER_DAY,
        "meets_goal": fleet_rate * 86400 >= ARTICLES_PER_DAY,
        "batch_size": BATCH,
        "lake_commits_per_article": commits_per_article,
        "fleet_commits_per_s": round(fleet_rate * commits_per_article, 2),
        "catalog_commits_per_s_capacity": commit_capacity,
        "catalog_commit_share": round(commit_share, 3),
        "pg_cpu_ms_per_article": pg_ms_per_article,
        "catalog_pg_cores": pg_cores,
        "catalog_cpu_share": round(cpu_share, 3),
        "catalog_share_at_16": round(share, 3),
        "catalog_below_half": share < 0.5,
        "machines_at_half_of_catalog": int(MACHINES * 0.5 / share) if share else None,
        "machines_at_catalog_limit": int(MACHINES / share) if share else None,
    }


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=85, help="corpus pages per run (max 85)")
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=8.0, help="per capacity run")
    parser.add_argument("--capacity-rounds", type=int, default=3)
    parser.add_argument("--view-articles", type=int, default=200_000,
                        help="synthetic articles behind the view timings (0: skip)")  # fmt: skip
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    inputs = [str(p) for p in sorted(CORPUS.glob("*.html.gz"))[: args.pages]]
    started = datetime.now(UTC)
    with (
        services.PostgresCluster() as pg,
        services.SeaweedS3() as s3,
        tempfile.TemporaryDirectory(prefix="newsflow-lake-bench-") as temp,
    ):
        measured = throughput(inputs, args.writers, args.rounds, pg, s3, Path(temp))
        commits = capacity(pg, s3, args.writers, args.seconds, args.capacity_rounds)
        view_costs = views(pg, s3, args.view_articles) if args.view_articles else {}
    import duckdb

    data = {
        "benchmark": "lake_bench",
        "commit": _commit(),
        "started_at": started.isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "duckdb": duckdb.__version__,
        },  # fmt: skip
        "inputs": {"corpus_pages": len(inputs), "batch_size": BATCH},
        "throughput": measured,
        "capacity_trivial_batches": commits,
        "projection": projection(measured, commits),
        "views": view_costs,
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    print(json.dumps({k: data[k] for k in ("throughput", "projection")}, indent=1)[:6000])
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
