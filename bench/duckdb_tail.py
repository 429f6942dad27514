"""How much a DuckDB file's checkpoint holds when it merges a table's tail, with nothing of
newsflow around it: raw pages (random bytes, as gzip output is) appended in write windows
as a run's windows append `documents`, each window's connection checkpointed and closed.

    python -m bench.duckdb_tail                              # whole pages, DuckDB's defaults
    python -m bench.duckdb_tail --chunk-bytes 1000 --row-group-size 2048
    python -m bench.duckdb_tail --checkpoint-memory 96MB

Prints, per window, the RSS the close rose above the RSS before it. DuckDB 1.5's checkpoint
merges a table's last row groups while together they hold under 2,048 rows (its vector
size), and beyond that doubles them up to the row group size (`RowGroupCollection::
ScheduleVacuumTasks`), so the rise follows the rows since the last merged group: the
saw-tooth of bench/results/issue14.md.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa


def rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS


def connect(path: Path, row_group_size: int | None, memory: str) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(config={"memory_limit": memory, "threads": 1})
    option = f" (ROW_GROUP_SIZE {row_group_size})" if row_group_size else ""
    connection.execute(f"ATTACH '{path}' AS store{option}")
    connection.execute("USE store")
    return connection


def run(
    windows: int,
    pages: int,
    page_bytes: int,
    chunk_bytes: int,
    row_group_size: int | None,
    checkpoint_memory: str,
    folder: Path,
) -> list[float]:
    """The close's rise above the RSS before it, per window, in MB."""
    path = folder / "tail.duckdb"
    with connect(path, row_group_size, "128MB") as connection:
        connection.execute("CREATE TABLE pages (page_id VARCHAR, part INTEGER, body BLOB)")
    rises = []
    stored = 0
    for _ in range(windows):
        connection = connect(path, row_group_size, "128MB")
        ids, parts, bodies = [], [], []
        for _ in range(pages):
            body = os.urandom(page_bytes)
            size = chunk_bytes or page_bytes
            for part, at in enumerate(range(0, page_bytes, size)):
                ids.append(f"p{stored}")
                parts.append(part)
                bodies.append(body[at : at + size])
            stored += 1
        window = pa.table({"page_id": ids, "part": parts, "body": pa.array(bodies, pa.binary())})
        connection.register("window_rows", window)
        connection.execute("INSERT INTO pages SELECT * FROM window_rows")
        connection.unregister("window_rows")
        del window, bodies
        before = rss_mb("VmRSS")
        reset_peak()
        connection.execute(f"SET memory_limit = '{checkpoint_memory}'")
        connection.execute("CHECKPOINT")
        connection.close()
        rises.append(round(rss_mb("VmHWM") - before, 1))
    return rises


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--windows", type=int, default=40)
    parser.add_argument("--pages", type=int, default=128, help="pages a window appends")
    parser.add_argument("--page-bytes", type=int, default=34_000, help="a compressed raw page")
    parser.add_argument("--chunk-bytes", type=int, default=0, help="0: one row per page")
    parser.add_argument("--row-group-size", type=int, help="DuckDB's default: 122,880")
    parser.add_argument("--checkpoint-memory", default="128MB")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        rises = run(
            args.windows,
            args.pages,
            args.page_bytes,
            args.chunk_bytes,
            args.row_group_size,
            args.checkpoint_memory,
            Path(folder),
        )
    print("close's rise above the RSS before it, MB, per window:", rises)
    print(f"max {max(rises):.1f} MB; process peak {rss_mb('VmHWM'):.1f} MB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
