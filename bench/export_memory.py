"""Does `newsflow export` stream? Peak memory of whole `newsflow export events` commands on
databases of growing size: the sample article's events copied over N articles.

    python -m bench.export_memory     # prints the figures, writes bench/results/export.json
    python -m bench.export_memory --sizes 1000 10000 --results /tmp/x.json   # a quick look

Each size is a fresh database: the sample article ingested once, then its article row and its
20 events copied under N - 1 new article ids (short text, so the file stays small). Each
export is a separate `newsflow export` process; its peak resident memory comes from wait4().
Flat peaks as N grows mean the rows stream; peaks growing with N would mean they are held.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from bench.throughput import _commit

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "articles" / "cnn-putin-pyongyang-2024-06-19.txt"
RESULTS = ROOT / "bench" / "results" / "export.json"
FORMATS = ("parquet", "csv", "jsonl")


def _newsflow() -> str:
    return str(shutil.which("newsflow", path=str(Path(sys.executable).parent)) or "newsflow")


def _build(folder: Path, articles: int) -> Path:
    """The database, built by a child process: on Linux a child's peak memory (ru_maxrss)
    starts from its parent's at fork, so this process must stay small."""
    db = folder / f"export-{articles}.duckdb"
    subprocess.run([_newsflow(), "ingest", str(SAMPLE), "--db", str(db), "--workers", "0"],
                   check=True, capture_output=True)  # fmt: skip
    subprocess.run([sys.executable, "-m", "bench.export_memory", "--copy-into", str(db),
                    str(articles)], check=True, cwd=ROOT)  # fmt: skip
    return db


def _copy_into(db: Path, articles: int) -> None:
    with duckdb.connect(str(db)) as con:
        con.execute(
            "CREATE TEMP TABLE copies AS SELECT md5('copy' || i) AS id FROM range(1, ?) t(i)",
            [articles],
        )
        con.execute(
            "INSERT INTO articles SELECT a.* REPLACE (c.id AS article_id, 'copy' AS text) "
            "FROM articles a, copies c"
        )
        con.execute(
            "INSERT INTO events SELECT e.* REPLACE (c.id AS article_id) "
            "FROM events e, copies c WHERE e.article_id <> c.id"
        )
        con.execute("CHECKPOINT")


def _export(db: Path, fmt: str, out: Path) -> tuple[float, float]:
    """Seconds and peak resident MiB of one `newsflow export events` process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [_newsflow(), "export", "events", "--format", fmt, "-o", str(out), "--db", str(db)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"export {fmt} of {db} failed")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--copy-into", nargs=2, help=argparse.SUPPRESS)  # internal: _build
    args = parser.parse_args()
    if args.copy_into:
        _copy_into(Path(args.copy_into[0]), int(args.copy_into[1]))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for articles in args.sizes:
            db = _build(folder, articles)
            for fmt in FORMATS:
                out = folder / f"events.{fmt}"
                seconds, peak = _export(db, fmt, out)
                row = {
                    "articles": articles, "events": articles * 20, "format": fmt,
                    "seconds": round(seconds, 2), "peak_rss_mib": round(peak, 1),
                    "file_mib": round(out.stat().st_size / 2**20, 1),
                }  # fmt: skip
                rows.append(row)
                print(f"{articles:>8} articles {articles * 20:>9} events  {fmt:<8}"
                      f"{seconds:7.2f} s  peak {peak:7.1f} MiB  file "
                      f"{row['file_mib']:8.1f} MiB", flush=True)  # fmt: skip
                out.unlink()
            db.unlink()
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
        "exports": rows,
    }
    args.results.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.results}")


if __name__ == "__main__":
    main()
