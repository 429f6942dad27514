"""What a write window's checkpoint costs, by how many batches share a window: every table of
a finished store is copied into a fresh file in W equal slices (by rowid), one transaction
per slice, `--per-window` slices per opening of the file, timing the opening and the close
(which checkpoints). No NLP runs: this is the loader's file cost alone.

    newsflow ingest /tmp/pages --db /tmp/store.duckdb          # any finished store
    python -m bench.checkpoints --db /tmp/store.duckdb --windows 32

Each close rewrites the tables' last partly filled chunk of rows (raw pages and article
bodies included), so the cost is per window, not per row: grouping batches divides it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import duckdb

WRITER_MEMORY_LIMIT = "512MB"  # the run's writer connection's (storage/_store.py)


def replay(source: Path, windows: int, per_window: int, target: Path) -> dict[str, float]:
    with duckdb.connect(str(source), read_only=True) as con:
        tables = con.execute(
            "SELECT table_name, sql FROM duckdb_tables() WHERE schema_name = 'main' "
            "AND table_name <> 'schema_migrations'"
        ).fetchall()
        counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # type: ignore[index]
                  for name, _ in tables}  # fmt: skip
    with duckdb.connect(str(target)) as con:
        for _, sql in tables:
            con.execute(sql)
    opening = closing = 0.0
    done = 0
    while done < windows:
        started = time.perf_counter()
        con = duckdb.connect(str(target), config={"memory_limit": WRITER_MEMORY_LIMIT})
        opening += time.perf_counter() - started
        con.execute(f"ATTACH '{source}' AS source (READ_ONLY)")
        for _ in range(min(per_window, windows - done)):
            con.execute("BEGIN")
            for name, _ in tables:
                low, high = counts[name] * done // windows, counts[name] * (done + 1) // windows
                if high > low:
                    con.execute(
                        f"INSERT INTO {name} SELECT * FROM source.{name} "
                        f"WHERE rowid >= {low} AND rowid < {high}"
                    )
            con.execute("COMMIT")
            done += 1
        con.execute("DETACH source")
        started = time.perf_counter()
        con.close()
        closing += time.perf_counter() - started
    return {"open_s": round(opening, 2), "close_s": round(closing, 2),
            "file_mb": round(target.stat().st_size / 2**20, 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a finished newsflow store")
    parser.add_argument("--windows", type=int, default=32, help="batches to replay")
    parser.add_argument("--per-window", type=int, nargs="+", default=[1, 2, 4])
    arguments = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsflow-checkpoints-") as temp:
        for per in arguments.per_window:
            target = Path(temp) / f"per{per}.duckdb"
            results[f"per_window={per}"] = replay(arguments.db, arguments.windows, per, target)
            print(f"  {per} batch(es) per window: {results[f'per_window={per}']}", file=sys.stderr)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
