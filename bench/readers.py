"""Readers beside a writing run: how long `newsflow sql` takes while a run writes, and a run
that finishes although another process holds a read-only connection for a minute of it.

    python -m bench.readers                 # both; writes bench/results/readers.json
    python -m bench.readers --pages 200 --queries 10 --hold 20   # a quick look

1. `newsflow ingest` of N pages (corpus pages, each a distinct document) into a fresh file,
   with no Prefect server. Meanwhile `newsflow sql "SELECT count(*) FROM articles"` runs
   Q times at random moments (a random pause before each, up to twice the run's estimated
   time left per query left, so the queries spread over the run): the whole command as a
   user types it (interpreter start and imports included), and, apart, the read itself
   (`storage.open_reader` and the query, in this process). Median and max of each, over the
   queries started while the run was writing.
2. The same run again into a fresh file; once its first batches are stored, a second
   process opens the file read-only (as a notebook or BI tool would) and holds it for H
   seconds. The run's log (`<db>.log`) must say which PID it waited for and how long, and
   the run must complete.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.throughput import _commit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "corpus" / "html"
RESULTS = ROOT / "bench" / "results" / "readers.json"
QUERY = "SELECT count(*) AS articles FROM articles"
HOLDER = textwrap.dedent(
    """
    import sys, time, duckdb
    started = time.monotonic()
    while True:  # the file may be in one of the run's write windows: try again
        try:
            connection = duckdb.connect(sys.argv[1], read_only=True)
            break
        except duckdb.IOException:
            time.sleep(0.05)
    got = time.monotonic()
    count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"holding pid={__import__('os').getpid()} waited={got - started:.2f} articles={count}",
          flush=True)
    time.sleep(float(sys.argv[2]))
    connection.close()
    print("released", flush=True)
    """
)


def _newsflow() -> str:
    return str(Path(sys.executable).with_name("newsflow"))


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "NEWSFLOW"))}
    env.update(PREFECT_HOME=str(home / "prefect-home"), COLUMNS="200")
    return env


def _pages(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    corpus = [gzip.decompress(p.read_bytes()) for p in sorted(CORPUS.glob("*.html.gz"))]
    for i in range(count):
        body = corpus[i % len(corpus)] + f"\n<!-- newsflow bench copy {i} -->\n".encode()
        (folder / f"{i:05d}.html").write_bytes(body)
    return folder


def _start_run(pages: Path, db: Path, home: Path) -> subprocess.Popen[bytes]:
    log = open(home / f"{db.stem}.out", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [_newsflow(), "ingest", str(pages), "--db", str(db), "--verbose"],
        stdout=log, stderr=subprocess.STDOUT, env=_env(home), start_new_session=True,
    )  # fmt: skip


def _wait_for(path: Path, needle: str, process: subprocess.Popen[bytes]) -> None:
    while needle not in (path.read_text(errors="replace") if path.exists() else ""):
        if process.poll() is not None:
            raise RuntimeError(f"the run ended before {needle!r}:\n{path.read_text()}")
        time.sleep(0.1)


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "median_s": round(statistics.median(values), 3),
        "max_s": round(max(values), 3),
        "min_s": round(min(values), 3),
    }


def measure_latency(
    pages: Path, home: Path, queries: int, seed: int, gap_s: float
) -> dict[str, object]:
    from newsflow import storage

    db = home / "latency.duckdb"
    rng = random.Random(seed)
    started = time.monotonic()
    run = _start_run(pages, db, home)
    _wait_for(home / "latency.out", "inputs from", run)  # the file exists, the run writes
    commands: list[dict[str, object]] = []
    reads: list[float] = []
    log = home / "latency.out"
    total = len(list(pages.iterdir()))
    while run.poll() is None and len(commands) < queries:
        # Spread the queries over the run: pause a random time up to twice the run's
        # estimated time left per query left (from its "batch k:" lines), at most gap_s.
        done = len(re.findall(r"batch \d+: (\d+) inputs", log.read_text(errors="replace")))
        elapsed = time.monotonic() - started
        # a query's own time: the command and the in-process read that follows it
        last = (float(commands[-1]["command_s"]) + (reads[-1] if reads else 0.0)  # type: ignore[arg-type]
                if commands else 1.5)  # fmt: skip
        if done:
            left = elapsed * (total / (done * 32) - 1)
            budget = left / (queries - len(commands)) - last  # the pause's share of a query
            pause = min(gap_s, max(0.0, budget))  # mean half the budget: done in time
        else:  # the run is starting (model loading): ask often
            pause = 4.0
        time.sleep(rng.uniform(0, pause))
        started_during = run.poll() is None
        if not started_during:
            break
        begun = time.perf_counter()
        answer = subprocess.run(
            [_newsflow(), "sql", QUERY, "--db", str(db), "-f", "csv"], capture_output=True,
            text=True, env=_env(home),
        )  # fmt: skip
        took = time.perf_counter() - begun
        writing = run.poll() is None  # still writing when the answer came
        count = answer.stdout.strip().splitlines()[-1] if answer.returncode == 0 else None
        commands.append({"at_s": round(time.monotonic() - started, 1), "command_s": round(took, 3),
                         "answered_during_run": writing, "exit": answer.returncode,
                         "articles": count, "waited": "waiting for" in answer.stderr})  # fmt: skip
        begun = time.perf_counter()
        with storage.open_reader(db) as store:
            store.rows(QUERY)
        if run.poll() is None:
            reads.append(time.perf_counter() - begun)
        print(f"  query {len(commands)}: {took:.2f} s (articles {count}, run writing: {writing})",
              flush=True)  # fmt: skip
    code = run.wait()
    elapsed = time.monotonic() - started
    succeeded = [c for c in commands if c["exit"] == 0]  # every query started during the run
    return {
        "pages": len(list(pages.iterdir())),
        "longest_pause_s": gap_s,
        "run_exit": code,
        "run_wall_s": round(elapsed, 1),
        "queries": len(commands),
        "queries_started_during_run": len(succeeded),
        "answered_after_the_run_ended": sum(1 for c in commands if not c["answered_during_run"]),
        "failed_queries": sum(1 for c in commands if c["exit"] != 0),
        "newsflow_sql_command": _summary([float(c["command_s"]) for c in succeeded]),  # type: ignore[arg-type]
        "read_in_process": _summary(reads) if reads else {},
        "counts_seen": [c["articles"] for c in succeeded],
        "detail": commands,
    }


def measure_hold(pages: Path, home: Path, hold_s: float) -> dict[str, object]:
    db = home / "held.duckdb"
    started = time.monotonic()
    run = _start_run(pages, db, home)
    _wait_for(home / "held.out", "batch 2:", run)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), str(hold_s)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    holding = holder.stdout.readline().strip()
    held_from = time.monotonic()
    released = holder.stdout.readline().strip()
    held_until = time.monotonic()
    holder.wait()
    code = run.wait()
    log = Path(str(db) + ".log").read_text(errors="replace")
    said = [line for line in log.splitlines() if f"PID {holder.pid}" in line]
    from newsflow import storage

    with storage.open_reader(db) as store:
        state, seen, new = store.rows("SELECT state, items_seen, articles_new FROM runs")[0]
    return {
        "hold_s": hold_s,
        "holder_pid": holder.pid,
        "holder_said": [holding, released],
        "held_s": round(held_until - held_from, 1),
        "run_exit": code,
        "run_state": state,
        "run_items": seen,
        "articles_new": new,
        "run_wall_s": round(time.monotonic() - started, 1),
        "run_log_lines": said,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--hold", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--gap", type=float, default=30.0,
                        help="longest pause before a query, in seconds")  # fmt: skip
    parser.add_argument("--results", type=Path, default=RESULTS)
    arguments = parser.parse_args(argv)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsflow-readers-") as temp:
        home = Path(temp)
        pages = _pages(home / "pages", arguments.pages)
        print(f"1. {arguments.queries} `newsflow sql` during a {arguments.pages}-page run",
              flush=True)  # fmt: skip
        latency = measure_latency(pages, home, arguments.queries, arguments.seed, arguments.gap)
        print(json.dumps({k: v for k, v in latency.items() if k != "detail"}, indent=2))
        print(f"2. a read-only connection held {arguments.hold:.0f} s during a run", flush=True)
        hold = measure_hold(pages, home, arguments.hold)
        print(json.dumps(hold, indent=2))
        shutil.rmtree(pages)
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "cpus": os.cpu_count(),
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in os.getloadavg()],
        },  # fmt: skip
        "latency_during_run": latency,
        "reader_held_during_run": hold,
    }
    arguments.results.parent.mkdir(parents=True, exist_ok=True)
    arguments.results.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {arguments.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
