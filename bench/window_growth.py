"""Whether a write window costs the flow process more memory in a bigger store: one window
of new pages loaded into a small store and into the same store made `--times` bigger.

Batches of `--pages` generated pages are built once in this process (clean, parse, annotate;
`--cache` keeps them). All but the last `--new` pages are loaded into a small store as
`ingest` loads them (4 batches merged per window); a copy gets every article's rows `--times`
over in SQL, ids suffixed (signatures and band buckets too, so each story has `--times` as
many copies: what the generated corpus does as it grows). Then, in a fresh process per store,
the new pages are loaded in windows as a run does (the file closed, checkpointed, between
windows), and the flow process's VmRSS and peak (VmHWM, reset at each step) recorded per
step of the load, with DuckDB's own accounting (`duckdb_memory()`) at the last window's end.

    python -m bench.window_growth --pages 1216 --new 224 --times 30 --results FILE

Prints each store's highest RSS in a window and the steps that rose most above their start;
also a digest of `article_stories`, `entities` and row counts, to compare code versions.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parent.parent
LOADS_PER_WINDOW = 4
# Columns holding an id of one article's rows, suffixed in the copies.
ID_COLUMNS = {
    "article_id", "document_id", "last_document_id", "story_id", "matched_article_id", "uri",
    "url", "url_id", "fetch_id",
}  # fmt: skip
SHARED_TABLES = {"sources", "runs", "source_state"}


def _status() -> dict[str, float]:
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS


def _load(db: Path, batches: list[Any]) -> None:
    from newsflow import pipeline, storage

    with pipeline.open_run(db, "ingest", {}) as run:
        for batch in batches:
            batch.run_id = run.run_id
        for at in range(0, len(batches), LOADS_PER_WINDOW):
            with run.store.window():
                group = batches[at : at + LOADS_PER_WINDOW]
                pipeline.load_batch(run.store, storage.Batch.merged(group))
            time.sleep(0.6)  # the linger closes (checkpoints) the file


def multiply(source: Path, target: Path, times: int) -> dict[str, int]:
    shutil.copy(source, target)
    counts = {}
    with duckdb.connect(str(target)) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()]  # fmt: skip
        for table in tables:
            columns = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                "ORDER BY column_index", [table]).fetchall()]  # fmt: skip
            ids = [c for c in columns if c in ID_COLUMNS]
            if not ids or table in SHARED_TABLES:
                continue
            for copy in range(1, times):
                select = ", ".join(f"{c} || '~{copy}' AS {c}" if c in ids else c for c in columns)
                con.execute(
                    f"INSERT INTO {table} SELECT {select} FROM {table} "
                    f"WHERE NOT contains(CAST({ids[0]} AS VARCHAR), '~')"
                )
            row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert row is not None  # count(*) always returns one row
            counts[table] = row[0]
        con.execute("CHECKPOINT")
    return counts


def measure(db: Path, cache: Path, new: int) -> dict[str, Any]:
    """In this process: load the last `new` pages' batches into `db`, step by step."""
    from newsflow import pipeline, storage
    from newsflow.storage import _loader, _store

    batches = pickle.loads(cache.read_bytes())
    batches = batches[len(batches) - new // _batch_size(batches) :]
    steps: dict[str, dict[str, float]] = {}
    depth = [0]

    def traced(name_of: Callable[..., str]) -> Callable[..., Any]:
        def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(function)
            def inner(*args: Any, **kwargs: Any) -> Any:
                if depth[0]:
                    return function(*args, **kwargs)
                depth[0] += 1
                before = _status()["VmRSS"]
                _reset_peak()
                started = time.process_time()  # with DuckDB's threads
                try:
                    return function(*args, **kwargs)
                finally:
                    depth[0] -= 1
                    peak = _status()["VmHWM"]
                    step = steps.setdefault(
                        name_of(*args), {"highest_mb": 0.0, "rise_mb": 0.0, "cpu_s": 0.0}
                    )
                    step["highest_mb"] = round(max(step["highest_mb"], peak), 1)
                    step["rise_mb"] = round(max(step["rise_mb"], peak - before), 1)
                    step["cpu_s"] = round(step["cpu_s"] + time.process_time() - started, 3)

            return inner

        return wrap

    for name, label in (
        ("_load_table", lambda store, table, *_: f"load {table}"),
        ("_load_sources", lambda *_: "load sources"),
        ("_load_articles", lambda *_: "load articles"),
        ("index_loaded_articles", lambda *_: "search index"),
        ("_load_children", lambda store, table, *_: f"load {table}"),
        ("refresh_entity_countries", lambda *_: "entity countries"),
        ("resolve_people", lambda *_: "people"),
        ("assign_stories", lambda *_: "stories"),
    ):
        if hasattr(_loader, name):  # resolve_people: from issue 13x on
            setattr(_loader, name, traced(label)(getattr(_loader, name)))
    _store.Store._connect = traced(lambda *_: "open the file")(_store.Store._connect)
    _store.Store._release = traced(lambda *_: "close the file (checkpoint)")(_store.Store._release)
    start = _status()["VmRSS"]
    cpu = time.process_time()
    accounting: dict[str, Any] = {}
    with pipeline.open_run(db, "ingest", {}) as run:
        for batch in batches:
            batch.run_id = run.run_id
        for at in range(0, len(batches), LOADS_PER_WINDOW):
            with run.store.window():
                group = batches[at : at + LOADS_PER_WINDOW]
                pipeline.load_batch(run.store, storage.Batch.merged(group))
                if at + LOADS_PER_WINDOW >= len(batches):
                    accounting = {
                        "duckdb_memory_mb": dict(run.store.rows(
                            "SELECT tag, round(memory_usage_bytes / 1048576, 1) "
                            "FROM duckdb_memory() WHERE memory_usage_bytes > 0")),
                        "memory_limit": run.store.rows(
                            "SELECT current_setting('memory_limit')")[0][0],
                        "articles": run.store.rows("SELECT count(*) FROM articles")[0][0],
                    }  # fmt: skip
            time.sleep(0.6)
    cpu = time.process_time() - cpu
    with pipeline.open_run(db, "ingest", {}) as run, run.store.window():
        # what re-reading the store's people after a window would cost (`pool.people`)
        from newsflow.extractors.nlp import KnownPeople

        started = time.process_time()
        people = storage.known_people(run.store)
        read = time.process_time() - started
        KnownPeople.of(people)
        accounting["known_people"] = {
            "people": len(people), "query_cpu_s": round(read, 3),
            "of_cpu_s": round(time.process_time() - started - read, 3),
        }  # fmt: skip
    digest = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for name, sql in (
            ("stories", "SELECT article_id, story_id, matched_article_id, similarity "
                        "FROM article_stories ORDER BY 1"),
            ("entities", "SELECT entity_id, country FROM entities ORDER BY 1"),
        ("redirects", "SELECT entity_id, target_id FROM entity_redirects ORDER BY 1"),
            ("rows", "SELECT (SELECT count(*) FROM mentions), "
                     "(SELECT count(*) FROM article_entities), (SELECT count(*) FROM story_bands)"),
        ):  # fmt: skip
            rows = repr(con.execute(sql).fetchall()).encode()
            digest[name] = hashlib.sha1(rows).hexdigest()[:12]
    return {
        "rss_at_start_mb": round(start, 1),
        "highest_in_a_window_mb": max(step["highest_mb"] for step in steps.values()),
        "cpu_s": round(cpu, 2),
        **accounting,
        "steps": steps,
        "digest": digest,
    }


def _batch_size(batches: list[Any]) -> int:
    return max(1, len(batches[0].run_items))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1216)
    parser.add_argument("--new", type=int, default=224, help="pages of the measured windows")
    parser.add_argument("--times", type=int, default=30)
    parser.add_argument("--cache", type=Path, help="keep the built batches here")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args(argv)
    if args.measure is not None:  # the child process
        print(json.dumps(measure(args.measure, args.cache, args.new)))
        return 0
    from bench.throughput import _commit
    from bench.window_loads import build

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="window_growth") as temp:
        cache = args.cache or Path(temp) / "batches.pickle"
        if not cache.exists():
            cache.write_bytes(pickle.dumps(build(args.pages)))
        batches = pickle.loads(cache.read_bytes())
        old = len(batches) - args.new // _batch_size(batches)
        small = Path(temp) / "small.duckdb"
        _load(small, batches[:old])
        del batches
        big = Path(temp) / "big.duckdb"
        counts = multiply(small, big, args.times)
        report: dict[str, Any] = {"commit": _commit(), "pages": args.pages, "new": args.new,
                                  "times": args.times, "big_store_rows": counts}  # fmt: skip
        for name, source in (("small", small), ("big", big)):
            db = Path(temp) / f"measured-{name}.duckdb"
            shutil.copy(source, db)
            report[f"{name}_file_mb"] = round(db.stat().st_size / 2**20, 1)
            child = subprocess.run(
                [sys.executable, "-m", "bench.window_growth", "--measure", str(db),
                 "--cache", str(cache), "--new", str(args.new)],
                cwd=ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
            report[name] = json.loads(child.stdout.strip().splitlines()[-1])
            db.unlink()
    report["load_average"] = {"before": load_before, "after": os.getloadavg()}
    for name in ("small", "big"):
        result = report[name]
        rises = sorted(result["steps"].items(), key=lambda item: -item[1]["rise_mb"])[:4]
        print(f"{name}: {result['articles']} articles, highest in a window "
              f"{result['highest_in_a_window_mb']} MB, DuckDB {result['duckdb_memory_mb']}; "
              f"rose most: {[(step, v['rise_mb']) for step, v in rises]}; people step "
              f"{result['steps'].get('people')}")  # fmt: skip
    if args.results:
        args.results.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
