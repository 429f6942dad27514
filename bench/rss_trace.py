"""Where the flow process's peak RSS falls: one `newsflow ingest DIR` of N generated pages,
its own VmRSS sampled from /proc every `--every-s` seconds, and at each new high above
`--floor-mb` a `py-spy dump` of its threads (what runs then); then its CPU seconds, and the
no-change re-run's wall time. py-spy is not a dependency;
install it into the venv to get stacks (`pip install py-spy`), else only the series.

    python -m bench.rss_trace --pages 5000 --results /tmp/trace5000.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.corpus_gen import write
from bench.local_files import _cpu_s, _newsflow

ROOT = Path(__file__).resolve().parent.parent


def _status(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process in MB ({} once it is gone)."""
    found: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
    except (OSError, ValueError):
        return {}
    return found


def _dump(pid: int) -> str:
    spy = shutil.which("py-spy", path=str(Path(sys.executable).parent))
    if spy is None:
        return ""
    try:
        done = subprocess.run(
            [spy, "dump", "--nonblocking", "--pid", str(pid)],
            capture_output=True, text=True, timeout=10,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout


def trace(pages: int, every_s: float, floor_mb: float, keep: Path | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="newsflow-rss-trace-") as temp:
        folder = Path(temp) / "pages"
        write(pages, folder)
        db = (keep or Path(temp)) / "trace.duckdb"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
        started = time.perf_counter()
        process = subprocess.Popen(
            [*_newsflow(), "ingest", str(folder), "--db", str(db)], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        series: list[tuple[float, float]] = []
        highs: list[dict[str, object]] = []
        peak = 0.0
        hwm = 0.0
        cpu = 0.0
        stopped = threading.Event()

        def sample() -> None:
            nonlocal peak, hwm, cpu
            while not stopped.is_set():
                status = _status(process.pid)
                cpu = _cpu_s(process.pid) or cpu
                if status:
                    now = round(time.perf_counter() - started, 2)
                    rss = status.get("VmRSS", 0.0)
                    hwm = max(hwm, status.get("VmHWM", 0.0))
                    series.append((now, round(rss, 1)))
                    if rss > peak:
                        peak = rss
                        if rss >= floor_mb:
                            highs.append({"t": now, "rss_mb": round(rss, 1),
                                          "stack": _dump(process.pid)})  # fmt: skip
                stopped.wait(every_s)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, err = process.communicate()
        wall = time.perf_counter() - started
        stopped.set()
        sampler.join()
        log = db.with_name(db.name + ".log")
        rerun = time.perf_counter()
        subprocess.run(
            [*_newsflow(), "ingest", str(folder), "--db", str(db)], cwd=ROOT, env=env,
            capture_output=True, check=True,
        )  # fmt: skip
        rerun_s = time.perf_counter() - rerun
        return {
            "pages": pages,
            "returncode": process.returncode,
            "wall_s": round(wall, 1),
            "cpu_s_self": round(cpu, 1),
            "rerun_wall_s": round(rerun_s, 2),
            "rerun_fraction": round(rerun_s / wall, 4),
            "peak_rss_mb": round(peak, 1),
            "vm_hwm_mb": round(hwm, 1),
            "every_s": every_s,
            "series": series,
            "highs": highs,
            "stderr_tail": err[-2000:],
            "run_log": log.read_text()[-200_000:] if log.exists() else "",
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--every-s", type=float, default=0.1)
    parser.add_argument("--floor-mb", type=float, default=400.0)
    parser.add_argument("--keep", type=Path, default=None, help="keep the database here")
    parser.add_argument("--results", type=Path, required=True)
    arguments = parser.parse_args(argv)
    load_before = os.getloadavg()
    result = trace(arguments.pages, arguments.every_s, arguments.floor_mb, arguments.keep)
    result["load_average"] = {"before": load_before, "after": os.getloadavg()}
    arguments.results.write_text(json.dumps(result, indent=1))
    shown = ("pages", "wall_s", "cpu_s_self", "peak_rss_mb", "vm_hwm_mb", "rerun_fraction")
    print(json.dumps({k: result[k] for k in shown}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
