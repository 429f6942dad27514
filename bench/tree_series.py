"""Memory of a long `newsflow ingest DIR` run, written as it goes: the flow process's and the
whole process tree's RSS every few seconds, appended to a CSV, so a run stopped early (a
50,000-article run takes hours on a shared box) still leaves its series.

    python -m bench.tree_series --pages 50000 --out /tmp/tree50k      # niced, every 5 s
    python -m bench.tree_series --pages 200 --out /tmp/x --every-s 1   # a quick look

Pages are `bench.corpus_gen`'s (each brings new words, as real news does). The CSV has
t_s, tree_mb, own_mb (the flow process), procs, cpu_tree_s; the run's log beside the
database says how many articles were stored by when.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--every-s", type=float, default=5.0)
    parser.add_argument("--nice", type=int, default=19)
    arguments = parser.parse_args(argv)
    arguments.out.mkdir(parents=True, exist_ok=True)
    return run(arguments.pages, arguments.out, arguments.every_s, arguments.nice)


if __name__ == "__main__":
    sys.exit(main())
