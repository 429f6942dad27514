"""Where the cores sit idle during `newsflow ingest DIR`: every process of the command's tree
sampled from /proc every 0.25 s, CPU and run-queue wait apart.

    python -m bench.overlap --pages 1000                       # this checkout
    python -m bench.overlap --pages 1000 --checkout /work/main --rounds 2   # A/B, alternating

Per process, `/proc/<pid>/task/*/schedstat` gives the time its threads ran and the time they
were runnable but waited for a core (another process had it: ours or another session's).
Their sum is what the process wanted; what the tree did not want of the machine's cores is
idle by the tree's own doing, which contention on a shared box does not hide. It is split by
phase: `start` (until every worker is busy for the first time), `tail` (after the last moment
every worker was busy) and `middle`. The run log's lines (batches loaded, the search index)
are put on the same clock.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

from bench.corpus_gen import write
from bench.local_files import ROOT, TICKS, _articles, _rss_mb, _tree
from bench.throughput import _commit

SAMPLE_S = 0.25
BUSY = 0.8  # a worker wanting this share of a core in a second is busy
RESULTS = ROOT / "bench" / "results" / "overlap.json"
LOG_LINE = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) \S+ run=\S+ newsflow: (.*)")


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "flow"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "other"
    if "spawn_main" in command:
        return "worker"
    return "other"


def _ran_waited_s(pid: int) -> dict[int, tuple[float, float]] | None:
    """Seconds each thread of this process ran and waited on a run queue, so far."""
    found: dict[int, tuple[float, float]] = {}
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                fields = (task / "schedstat").read_text().split()
            except OSError:
                continue
            found[int(task.name)] = (int(fields[0]) / 1e9, int(fields[1]) / 1e9)
    except OSError:
        return None
    return found


def _cpu_s(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, ValueError, IndexError):
        return None


class Tick(TypedDict):
    """One sample: seconds since the start, seconds since the last sample, and per pid what
    it ran and waited (scheduler run and wait seconds) since the last sample."""

    t: float
    dt: float
    p: dict[str, list[float]]


class Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.stopped = threading.Event()
        self.roles: dict[int, str] = {}
        self.last: dict[int, tuple[float, float]] = {}
        self.ticks: list[Tick] = []
        self.rss: list[tuple[float, float]] = []
        self.cpu_s: dict[int, float] = {}

    def run(self) -> None:
        started = previous = time.perf_counter()
        while not self.stopped.is_set():
            now = time.perf_counter()
            deltas: dict[str, list[float]] = {}
            for pid in _tree(self.pid):
                if pid not in self.roles:
                    self.roles[pid] = _role(pid, self.pid)
                reading = _ran_waited_s(pid)
                if reading is None:
                    continue
                ran = waited = 0.0  # by thread: one that ended must not count negative
                for tid, (ran1, waited1) in reading.items():
                    ran0, waited0 = self.last.get(tid, (0.0, 0.0))
                    self.last[tid] = (ran1, waited1)
                    ran, waited = ran + ran1 - ran0, waited + waited1 - waited0
                deltas[str(pid)] = [round(ran, 4), round(waited, 4)]
                used = _cpu_s(pid)
                if used is not None:
                    self.cpu_s[pid] = used
            self.ticks.append({"t": round(now - started, 3), "dt": now - previous, "p": deltas})
            self.rss.append((round(now - started, 2), round(_rss_mb(self.pid), 1)))
            previous = now
            self.stopped.wait(SAMPLE_S)


def _log_events(log: Path, since_epoch: float) -> list[tuple[float, str]]:
    events: list[tuple[float, str]] = []
    if not log.exists():
        return events
    for line in log.read_text().splitlines():
        match = LOG_LINE.match(line)
        if not match:
            continue
        stamp = time.mktime(time.strptime(match.group(1), "%Y-%m-%d %H:%M:%S"))
        stamp += int(match.group(2)) / 1000
        events.append((round(stamp - since_epoch, 2), match.group(3)[:90]))
    return events


def analyse(sampler: Sampler, wall_s: float, cores: int) -> dict[str, object]:
    """Per-second bins of what each role ran and wanted, and the tree's unwanted core-seconds
    by phase."""
    bins: dict[int, dict[str, float]] = {}
    workers = sorted(pid for pid, role in sampler.roles.items() if role == "worker")
    names = {pid: f"w{i + 1}" for i, pid in enumerate(workers)}
    for tick in sampler.ticks:
        second = int(tick["t"])
        row = bins.setdefault(second, {"dt": 0.0})
        row["dt"] += tick["dt"]
        for pid_text, (ran, waited) in tick["p"].items():
            pid = int(pid_text)
            role = sampler.roles.get(pid, "other")
            name = names.get(pid, role)
            row[f"{name}_ran"] = row.get(f"{name}_ran", 0.0) + ran
            row[f"{name}_wanted"] = row.get(f"{name}_wanted", 0.0) + ran + waited
            row["tree_ran"] = row.get("tree_ran", 0.0) + ran
            row["tree_wanted"] = row.get("tree_wanted", 0.0) + ran + waited
    seconds = sorted(bins)

    # Busy: a worker that wanted >= BUSY of a core in that second. The first workers are
    # those of the run; later ones replace them, and are counted with them.
    def all_busy(second: int) -> bool:
        row = bins[second]
        live = [n for n in names.values() if f"{n}_wanted" in row]
        busy = [n for n in live if row[f"{n}_wanted"] / max(row["dt"], 1e-9) >= BUSY]
        return len(busy) >= min(cores, len(names)) and bool(names)

    busy_seconds = [s for s in seconds if all_busy(s)]
    start_end = busy_seconds[0] if busy_seconds else seconds[-1] + 1
    tail_start = busy_seconds[-1] + 1 if busy_seconds else seconds[-1] + 1
    phases = {"start": [0.0, 0.0], "middle": [0.0, 0.0], "tail": [0.0, 0.0]}
    for second in seconds:
        row = bins[second]
        capacity = cores * row["dt"]
        unwanted = max(0.0, capacity - row.get("tree_wanted", 0.0))
        phase = "start" if second < start_end else "tail" if second >= tail_start else "middle"
        phases[phase][0] += row["dt"]
        phases[phase][1] += unwanted
    totals: dict[str, float] = {}
    for row in bins.values():
        for key, value in row.items():
            if key.endswith(("_ran", "_wanted")):
                totals[key] = totals.get(key, 0.0) + value
    return {
        "wall_s": round(wall_s, 2),
        "cores": cores,
        "start_ends_s": start_end,
        "tail_starts_s": tail_start,
        "unwanted_core_s": {k: round(v[1], 2) for k, v in phases.items()},
        "phase_wall_s": {k: round(v[0], 2) for k, v in phases.items()},
        "unwanted_core_s_total": round(sum(v[1] for v in phases.values()), 2),
        "totals_s": {k: round(v, 2) for k, v in sorted(totals.items())},
        "workers": len(names),
        "ticks": [  # each sample: seconds, then what each process ran since the last one
            [
                tick["t"],
                {
                    names.get(int(pid), sampler.roles.get(int(pid), "other")): ran
                    for pid, (ran, _) in tick["p"].items()
                    if ran > 0.005
                },
            ]
            for tick in sampler.ticks
        ],
        "per_second": [
            {"s": s, **{k: round(v, 2) for k, v in bins[s].items() if k != "dt"}} for s in seconds
        ],
    }


def run_once(checkout: Path, folder: Path, db: Path, cores: int) -> dict[str, object]:
    command = [str(checkout / ".venv" / "bin" / "newsflow"), "ingest", str(folder), "--db", str(db)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    epoch, started = time.time(), time.perf_counter()
    process = subprocess.Popen(command, cwd=checkout, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    sampler = Sampler(process.pid)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed ({process.returncode}):\n{err[-3000:]}")
    result = analyse(sampler, wall, cores)
    result["cpu_s_self"] = round(sampler.cpu_s.get(process.pid, 0.0), 1)
    result["cpu_s_tree"] = round(sum(sampler.cpu_s.values()), 1)
    result["peak_rss_self_mb"] = max((mb for _, mb in sampler.rss), default=0.0)
    result["self_rss_series_mb"] = sampler.rss  # the flow process, every sample
    result["articles"] = _articles(db)[0]
    result["events"] = _log_events(db.with_name(db.name + ".log"), epoch)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--checkout", type=Path, default=None, help="another checkout to A/B")
    parser.add_argument("--folder", type=Path, default=None, help="pages made already")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--key", default=None)
    parser.add_argument("--keep", type=Path, default=None, help="keep the stores here")
    arguments = parser.parse_args(argv)
    cores = len(os.sched_getaffinity(0))
    sides = {"this": ROOT} | ({"base": arguments.checkout} if arguments.checkout else {})
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in sides}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsflow-overlap-") as temp:
        folder = arguments.folder or Path(temp) / "pages"
        if arguments.folder is None:
            write(arguments.pages, folder)
        for number in range(arguments.rounds):
            order = list(sides) if number % 2 == 0 else list(reversed(sides))
            for name in order:
                db = (arguments.keep or Path(temp)) / f"{name}-{number}.duckdb"
                result = run_once(sides[name], folder, db, cores)
                result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
                runs[name].append(result)
                print(
                    f"  {name} round {number + 1}: wall {result['wall_s']} s, tree "
                    f"{result['cpu_s_tree']} CPU s, unwanted core-s {result['unwanted_core_s']}"
                    f" (start ends {result['start_ends_s']} s, tail from "
                    f"{result['tail_starts_s']} s)",
                    flush=True,
                )
    summary = {
        "pages": arguments.pages,
        "sides": {name: str(path) for name, path in sides.items()},
        "commit": _commit(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in os.getloadavg()],
        },
        "runs": runs,
    }
    results: dict[str, object] = {}
    if arguments.results.exists():
        results = json.loads(arguments.results.read_text())
    key = arguments.key or f"N={arguments.pages}@{summary['commit']}"
    results[key] = summary
    arguments.results.write_text(json.dumps(results, indent=1) + "\n")
    print(f"written to {arguments.results} under {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
