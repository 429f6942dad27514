"""What a write window's checkpoint costs in memory, by how the writer checkpoints: a run's
windows replayed on a synthetic table set (per article a 34 KB incompressible raw page and
two copies of a ~6 KB body, as `documents`, `articles` and `article_versions` hold them),
256 articles a window, the file opened and closed around each window as a run's store does.
Each mode runs in a process of its own; its RSS is sampled every 10 ms.

    python -m bench.checkpoint_memory --articles 8192
    python -m bench.checkpoint_memory --articles 8192 --page-kb 0   # without the raw pages

Modes:
  close     DuckDB's checkpoint when the connection closes, in the window's 512MB (main)
  limited   `SET memory_limit = '128MB'; CHECKPOINT` before closing (storage/_store.py;
            `--limit` sets another)
  cadence   no checkpoint on close (`disable_checkpoint_on_shutdown`, a 1 GB
            `checkpoint_threshold`), an explicit `CHECKPOINT` once per 2,048 articles
  novacuum  `limited` in a connection opened with `max_vacuum_tasks = 0`, as a run's window
            is from round 11 on (storage/_store.py): the checkpoint does not merge the
            windows' row groups
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "checkpoint_memory.json"
MODES = ("close", "limited", "cadence", "novacuum")
PER_WINDOW = 256
CHUNK = 2048  # rows: DuckDB's checkpoint rewrites a table's last partly filled chunk of them


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Peak(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, _rss_mb())
            time.sleep(0.01)


def one_mode(
    mode: str, articles: int, path: Path, page_bytes: int, limit: str
) -> dict[str, object]:
    """Runs in its own process (`--mode`)."""
    import duckdb

    rng = random.Random(1)
    words = ["".join(rng.choices("etaoinshrdlucmfw", k=rng.randint(2, 9))) for _ in range(5000)]
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE documents (id BIGINT, content_gzip BLOB)")
        con.execute("CREATE TABLE articles (id BIGINT, text VARCHAR)")
        con.execute("CREATE TABLE article_versions (id BIGINT, text VARCHAR)")
    sampler = _Peak()
    sampler.start()
    opening = closing = closing_cpu = 0.0
    closes: list[tuple[int, float, float]] = []  # (articles stored, RSS before, peak)
    done = since_checkpoint = 0
    while done < articles:
        started = time.perf_counter()
        config: dict[str, str | bool | int | float | list[str]] = {  # duckdb.connect's type
            "memory_limit": "512MB",
            "threads": 1,
        }
        if mode == "novacuum":
            config["max_vacuum_tasks"] = 0
        con = duckdb.connect(str(path), config=config)
        opening += time.perf_counter() - started
        if mode == "cadence":
            con.execute("PRAGMA disable_checkpoint_on_shutdown")
            con.execute("SET checkpoint_threshold = '1GB'")
        count = min(PER_WINDOW, articles - done)
        bodies = [" ".join(rng.choices(words, k=900)) for _ in range(count)]
        con.execute("BEGIN")
        con.executemany(
            "INSERT INTO documents VALUES (?, ?)",
            [(done + i, rng.randbytes(page_bytes)) for i in range(count)],
        )
        for table in ("articles", "article_versions"):
            con.execute(
                f"INSERT INTO {table} SELECT * FROM (VALUES "
                + ", ".join("(?, ?)" for _ in range(count))
                + ")",
                [value for i, body in enumerate(bodies) for value in (done + i, body)],
            )
        con.execute("COMMIT")
        done += count
        since_checkpoint += count
        before = _rss_mb()
        sampler.peak = before
        started, cpu = time.perf_counter(), time.process_time()
        if mode in ("limited", "novacuum"):
            con.execute(f"SET memory_limit = '{limit}'")
            con.execute("CHECKPOINT")
        elif mode == "cadence" and (since_checkpoint >= CHUNK or done >= articles):
            con.execute("CHECKPOINT")
            since_checkpoint = 0
        con.close()
        closing += time.perf_counter() - started
        closing_cpu += time.process_time() - cpu
        closes.append((done, round(before, 1), round(sampler.peak, 1)))
    return {
        "peak_mb": max(peak for _, _, peak in closes),
        "rss_before_close_max_mb": max(before for _, before, _ in closes),
        "open_s": round(opening, 2),
        "close_s": round(closing, 2),
        "close_cpu_s": round(closing_cpu, 2),  # the 10 ms sampler's share included
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "closes": closes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=8192)
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    parser.add_argument("--page-kb", type=int, default=34, help="raw page size (0: none)")
    parser.add_argument("--limit", default="128MB", help="the limited checkpoint's memory")
    parser.add_argument("--mode", choices=MODES, help=argparse.SUPPRESS)  # the child
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, default=RESULTS)
    arguments = parser.parse_args(argv)
    if arguments.mode:
        page_bytes = arguments.page_kb * 1000
        outcome = one_mode(
            arguments.mode, arguments.articles, arguments.db, page_bytes, arguments.limit
        )
        print(json.dumps(outcome))
        return 0
    load_before = os.getloadavg()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="newsflow-checkpoint-memory-") as temp:
        for mode in arguments.modes:
            db = Path(temp) / f"{mode}.duckdb"
            child = subprocess.run(
                [sys.executable, "-m", "bench.checkpoint_memory", "--mode", mode,
                 "--articles", str(arguments.articles), "--db", str(db),
                 "--page-kb", str(arguments.page_kb), "--limit", arguments.limit],
                cwd=ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
            measured: dict[str, object] = json.loads(child.stdout)
            results[mode] = measured
            shown = {k: v for k, v in measured.items() if k != "closes"}
            print(f"  {mode}: {shown}", file=sys.stderr)
    from bench.throughput import _commit

    results["articles"] = arguments.articles
    results["page_kb"] = arguments.page_kb
    results["limit"] = arguments.limit
    results["load_average"] = {
        "before": [round(x, 2) for x in load_before],
        "after": [round(x, 2) for x in os.getloadavg()],
    }
    results["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["commit"] = _commit()
    stored: dict[str, object] = {}
    if arguments.results.exists():
        stored = json.loads(arguments.results.read_text())
    key = f"articles={arguments.articles},page_kb={arguments.page_kb},limit={arguments.limit}"
    stored[key] = results
    arguments.results.write_text(json.dumps(stored, indent=1) + "\n")
    print(f"written to {arguments.results} under {key}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
