"""`newsflow ingest DIR` against the bare loop (bench/bare_loop.py), both as whole commands a
user types (interpreter start, imports, model load, the work), on N distinct local pages
(bench/corpus_gen.py), alternating in one invocation; then the no-change re-run.

    python -m bench.local_files --pages 1000                 # 2 rounds, every core
    python -m bench.local_files --pages 1000 --cores 1       # pinned (taskset)
    python -m bench.local_files --pages 50000 --rounds 1 --newsflow-only   # memory over time
    python -m bench.local_files --pages 20 --rounds 1 --results /tmp/x.json   # a quick look

Memory is sampled from /proc every 0.25 s: the command's own process (for newsflow, the flow
process) and its whole process tree (the workers too).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus_gen import write
from bench.throughput import _commit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "local_files.json"
PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_S = 0.25
TICKS = os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / (1 << 20)
    except (OSError, ValueError, IndexError):
        return 0.0


def _cpu_s(pid: int) -> float | None:
    """User + system CPU seconds the process has used so far (None once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, ValueError, IndexError):
        return None


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _tree(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(tree.get(current, []))
    return found


class Sampler(threading.Thread):
    """Peak RSS of a process and of its tree, and the tree's RSS every few seconds."""

    def __init__(self, pid: int, every_s: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.every_s = pid, every_s
        self.peak_self = self.peak_tree = 0.0
        self.series: list[tuple[float, float]] = []  # (seconds, tree MB)
        self.own_series: list[tuple[float, float]] = []  # (seconds, the process's own MB)
        self.stopped = threading.Event()
        # CPU seconds last seen per process: the command's own (for newsflow, the flow
        # process: the loads) apart from its workers'. Contention on a shared machine moves
        # wall time far more than these.
        self.cpu_s: dict[int, float] = {}

    def run(self) -> None:
        started = last = time.perf_counter()
        while not self.stopped.is_set():
            members = _tree(self.pid)
            sizes = {member: _rss_mb(member) for member in members}
            own, tree = sizes.get(self.pid, 0.0), sum(sizes.values())  # one reading of each
            for member in members:
                used = _cpu_s(member)
                if used is not None:
                    self.cpu_s[member] = used
            self.peak_self, self.peak_tree = max(self.peak_self, own), max(self.peak_tree, tree)
            now = time.perf_counter()
            if now - last >= self.every_s or not self.series:
                self.series.append((round(now - started, 1), round(tree, 1)))
                self.own_series.append((round(now - started, 1), round(own, 1)))
                last = now
            self.stopped.wait(SAMPLE_S)


def _newsflow() -> list[str]:
    found = shutil.which("newsflow", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "newsflow"]


def _timed(command: list[str], cores: int | None, every_s: float) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    pin = ["taskset", "-c", ",".join(str(c) for c in range(cores))] if cores else []
    started = time.perf_counter()
    process = subprocess.Popen(
        [*pin, *command], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    sampler = Sampler(process.pid, every_s)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed ({process.returncode}):\n{err[-3000:]}")
    return {
        "wall_s": round(wall, 2),
        "peak_rss_self_mb": round(sampler.peak_self, 1),
        "peak_rss_tree_mb": round(sampler.peak_tree, 1),
        "tree_rss_series_mb": sampler.series,
        "self_rss_series_mb": sampler.own_series,
        "cpu_s_self": round(sampler.cpu_s.get(process.pid, 0.0), 1),
        "cpu_s_tree": round(sum(sampler.cpu_s.values()), 1),
        "stdout_tail": out[-400:],
    }


def _articles(db: Path) -> tuple[int, int]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        table = "articles"
        row = con.execute(
            f"SELECT count(*), sum(length(text) - length(replace(text, ' ', '')) + 1) FROM {table}"
        ).fetchone()
    assert row is not None  # an aggregate without GROUP BY always returns one row
    count, words = row
    return int(count), int(words or 0)


def _index_seconds(db: Path) -> list[float]:
    """How long each run's search index rebuild took, from the run log beside the file."""
    log = db.with_name(db.name + ".log")
    if not log.exists():
        return []
    found = re.findall(r"search index (?:rebuilt|filled) in ([0-9.]+) s", log.read_text())
    return [float(value) for value in found]


def measure(
    pages: int, rounds: int, cores: int | None, newsflow_only: bool, every_s: float
) -> dict[str, object]:
    runs: dict[str, list[dict[str, object]]] = {"baseline": [], "newsflow": []}
    with tempfile.TemporaryDirectory(prefix="newsflow-local-files-") as temp:
        folder = Path(temp) / "pages"
        write(pages, folder)
        for round_number in range(rounds):
            order = ["baseline", "newsflow"] if round_number % 2 == 0 else ["newsflow", "baseline"]
            if newsflow_only:
                order = ["newsflow"]
            for side in order:
                db = Path(temp) / f"{side}-{round_number}.duckdb"
                print(f"  N={pages} round {round_number + 1}/{rounds}: {side} …", flush=True)
                if side == "baseline":
                    command = [
                        sys.executable,
                        "-m",
                        "bench.bare_loop",
                        str(folder),
                        "--db",
                        str(db),
                    ]
                    result = _timed(command, cores, every_s)
                else:
                    command = [*_newsflow(), "ingest", str(folder), "--db", str(db)]
                    result = _timed(command, cores, every_s)
                    rerun = _timed(command, cores, every_s)
                    result["rerun_wall_s"] = rerun["wall_s"]
                    result["rerun_fraction"] = round(rerun["wall_s"] / result["wall_s"], 4)  # type: ignore[operator]
                    result["db_mb"] = round(db.stat().st_size / 1e6, 1)
                    result["search_index_s"] = _index_seconds(db)
                result["articles"], result["words"] = _articles(db)
                result["articles_per_s"] = round(result["articles"] / result["wall_s"], 2)  # type: ignore[operator]
                runs[side].append(result)
                for path in Path(temp).glob(f"{side}-{round_number}.duckdb*"):
                    path.unlink()
    summary: dict[str, object] = {"pages": pages, "cores": cores or os.cpu_count()}
    for side, results in runs.items():
        if not results:
            continue
        summary[side] = {
            "runs": len(results),
            "wall_s_median": statistics.median(float(r["wall_s"]) for r in results),  # type: ignore[arg-type]
            "articles": results[-1]["articles"],
            "articles_per_s_median": statistics.median(float(r["articles_per_s"]) for r in results),  # type: ignore[arg-type]
            "each": results,
        }
    if runs["baseline"] and runs["newsflow"]:
        ratios = [
            float(n["articles_per_s"]) / float(b["articles_per_s"])  # type: ignore[arg-type]
            for b, n in zip(runs["baseline"], runs["newsflow"], strict=True)
        ]
        summary["ratio_per_round"] = [round(r, 3) for r in ratios]
        summary["ratio_median"] = round(statistics.median(ratios), 3)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cores", type=int, default=None)
    parser.add_argument("--newsflow-only", action="store_true")
    parser.add_argument("--series-every-s", type=float, default=5.0)
    parser.add_argument("--results", type=Path, default=RESULTS)
    arguments = parser.parse_args(argv)
    load_before = os.getloadavg()
    commit = _commit()  # the code that runs, not HEAD when the run ends
    summary = measure(
        arguments.pages, arguments.rounds, arguments.cores, arguments.newsflow_only,
        arguments.series_every_s,
    )  # fmt: skip
    summary["load_average"] = {
        "before": [round(x, 2) for x in load_before],
        "after": [round(x, 2) for x in os.getloadavg()],
    }
    summary["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    summary["commit"] = commit
    print(
        json.dumps({k: v for k, v in summary.items() if k not in ("baseline", "newsflow")}),
        flush=True,
    )
    for side in ("baseline", "newsflow"):
        if side in summary:
            s = summary[side]
            print(f"  {side}: {s['articles_per_s_median']} art/s, wall {s['wall_s_median']} s")  # type: ignore[index]
    results: dict[str, object] = {}
    if arguments.results.exists():
        results = json.loads(arguments.results.read_text())
    key = f"N={arguments.pages},cores={summary['cores']}" + (
        ",newsflow-only" if arguments.newsflow_only else ""
    )
    results[key] = summary
    arguments.results.parent.mkdir(parents=True, exist_ok=True)
    arguments.results.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {arguments.results} under {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
