"""Memory of a long `newsflow ingest DIR` run, written as it goes: the flow process's and the
whole process tree's RSS every few seconds, appended to a CSV, so a run stopped early (a
50,000-article run takes hours on a shared box) still leaves its series.

    python -m bench.tree_series --pages 50000 --out /tmp/tree50k      # niced, every 5 s
    python -m bench.tree_series --pages 200 --out /tmp/x --every-s 1   # a quick look
    python -m bench.tree_series --out /tmp/tree50k --summarise         # by 2,500 articles

Pages are `bench.corpus_gen`'s (each brings new words, as real news does). The CSV has
t_s, tree_mb, own_mb (the flow process), procs, cpu_tree_s; the run's log beside the
database says how many articles were stored by when.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from bench.corpus_gen import write
from bench.local_files import _cpu_s, _newsflow, _rss_mb, _tree


def run(pages: int, out: Path, every_s: float, nice: int) -> int:
    folder = out / "pages"
    if not (folder.exists() and sum(1 for _ in folder.iterdir()) >= pages):
        write(pages, folder)
    db = out / "run.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    command = ["nice", "-n", str(nice), *_newsflow(), "ingest", str(folder), "--db", str(db)]
    with open(out / "stdout.log", "w") as log, open(out / "series.csv", "w") as series:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        started = time.perf_counter()
        series.write("t_s,tree_mb,own_mb,procs,cpu_tree_s\n")
        while process.poll() is None:
            members = _tree(process.pid)  # `nice` execs newsflow: the pid is the flow process
            sizes = [_rss_mb(member) for member in members]
            cpu = sum(_cpu_s(member) or 0.0 for member in members)
            series.write(
                f"{time.perf_counter() - started:.0f},{sum(sizes):.1f},{sizes[0]:.1f},"
                f"{len(members)},{cpu:.1f}\n"
            )
            series.flush()
            time.sleep(every_s)
    print(f"exit {process.returncode} after {time.perf_counter() - started:.0f} s", flush=True)
    return process.returncode


PROGRESS = re.compile(r"^(\d\d:\d\d:\d\d) (?:starting|batch \d+): (\d+)/\d+")


def articles_by_time(log: Path) -> list[tuple[float, int]]:
    """(seconds since the run's first progress line, articles stored) from its stdout."""
    points: list[tuple[float, int]] = []
    first: datetime | None = None
    for line in log.read_text("utf-8", errors="replace").splitlines():
        match = PROGRESS.match(line)
        if not match:
            continue
        at = datetime.strptime(match.group(1), "%H:%M:%S")
        first = first or at
        seconds = (at - first).total_seconds() % 86400  # a run past midnight
        points.append((seconds, int(match.group(2))))
    return points


def summarise(out: Path, bucket: int = 2500) -> list[dict[str, float]]:
    """The series by buckets of stored articles: median and max of the whole tree's and the
    flow process's RSS (MB). The series' clock starts at the launch, the log's at the first
    progress line a few seconds later: close enough for buckets of minutes."""
    points = articles_by_time(out / "stdout.log")
    rows = []
    with open(out / "series.csv") as series:
        for row in csv.DictReader(series):
            t = float(row["t_s"])
            done = [n for s, n in points if s <= t]
            if done:
                rows.append((done[-1], float(row["tree_mb"]), float(row["own_mb"])))
    buckets: dict[int, list[tuple[float, float]]] = {}
    for articles, tree, own in rows:
        buckets.setdefault(articles // bucket, []).append((tree, own))
    return [
        {
            "from_articles": index * bucket,
            "samples": len(values),
            "tree_median_mb": statistics.median(v[0] for v in values),
            "tree_max_mb": max(v[0] for v in values),
            "flow_median_mb": statistics.median(v[1] for v in values),
            "flow_max_mb": max(v[1] for v in values),
        }
        for index, values in sorted(buckets.items())
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--every-s", type=float, default=5.0)
    parser.add_argument("--nice", type=int, default=19)
    parser.add_argument("--summarise", action="store_true", help="print a run's series by articles")
    arguments = parser.parse_args(argv)
    if arguments.summarise:
        print("articles from | samples | tree median / max MB | flow median / max MB")
        for b in summarise(arguments.out):
            print(
                f"{b['from_articles']:>13,} | {b['samples']:>7} | "
                f"{b['tree_median_mb']:7.1f} / {b['tree_max_mb']:7.1f} | "
                f"{b['flow_median_mb']:6.1f} / {b['flow_max_mb']:6.1f}"
            )
        return 0
    arguments.out.mkdir(parents=True, exist_ok=True)
    return run(arguments.pages, arguments.out, arguments.every_s, arguments.nice)


if __name__ == "__main__":
    sys.exit(main())
