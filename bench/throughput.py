"""Throughput of newsflow's ingest flow against a hand-written loop over the same libraries.

    python -m bench                       # N = 200, 1000, 5000 (about an hour on 2 cores)
    python -m bench --pages 200 --rounds 2 --results /tmp/x.json   # a quick look

For each N a local news site (bench/site.py) serves N real pages on 127.0.0.1; then, in one
invocation and alternating so machine drift cancels out, each round runs
  1. baseline  — sequential httpx.get, trafilatura.extract, nlp.pipe, one DuckDB bulk insert;
  2. newsflow  — the real `ingest` flow on a fresh database, then the same flow again
                 with nothing changed (the re-run),
each in a fresh process (bench/run_one.py) so peak memory is that run's own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "throughput.json"
TARGETS = {
    "speedup_vs_baseline_2_cores": 1.6,
    "rerun_fraction_max": 0.05,
    "rss_growth_5000_vs_1000_max": 0.20,
    "prefect_overhead_fraction_max": 0.05,
}
# One run's, summary's or measurement's JSON object, as bench/run_one.py prints it and the
# results file holds it: values of several types, read by key.
Record = dict[str, Any]


def _start_site(pages: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.site", "--pages", str(pages)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("READY "):
        process.kill()
        raise RuntimeError(f"bench site did not start: {line!r}")
    return process, line.split(" ", 1)[1]


def _run(
    variant: str, base: str, pages: int, folder: Path, label: str, cores: int | None
) -> Record:
    db = folder / f"{label}.duckdb"
    # Pinned runs (--cores 1) start under taskset, so the run and its workers share those cores.
    pin = ["taskset", "-c", ",".join(str(c) for c in range(cores))] if cores else []
    completed = subprocess.run(
        [*pin, sys.executable, "-m", "bench.run_one", variant, "--base", base,
         "--pages", str(pages), "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ},
    )  # fmt: skip
    if completed.returncode != 0:
        raise RuntimeError(f"{variant} run failed:\n{completed.stderr[-3000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    db.unlink(missing_ok=True)
    return result


def _summarise(runs: list[Record]) -> Record:
    def median(key: str) -> float:
        return statistics.median(float(run[key]) for run in runs)

    wall = median("wall_s")
    articles = median("articles")
    words = median("words")
    summary: Record = {
        "runs": len(runs),
        "wall_s": round(wall, 2),
        "articles": int(articles),
        "articles_per_s": round(articles / wall, 2),
        "words_per_s": round(words / wall, 0),
        "cpu_s": round(median("cpu_s"), 2),
        "stage_cpu_s": runs[-1]["stage_cpu_s"],
        "peak_rss_mb": runs[-1]["peak_rss_mb"],
    }
    if "rerun_wall_s" in runs[0]:
        rerun = median("rerun_wall_s")
        task_runs = float(runs[-1]["task_runs"])
        overhead = float(runs[-1]["prefect_task_overhead_s"])
        summary.update(
            rerun_wall_s=round(rerun, 2),
            rerun_fraction=round(rerun / wall, 4),
            rerun_status=runs[-1]["rerun_status"],
            rerun_requests=runs[-1]["rerun_requests"],
            workers=runs[-1]["workers"],
            task_runs=int(task_runs),
            prefect_task_overhead_ms=round(overhead * 1000, 2),
            prefect_overhead_fraction=round(task_runs * overhead / wall, 4),
            db_mb_per_1000_articles=round(
                float(runs[-1]["db_bytes"]) / 1e6 / max(articles, 1) * 1000, 2
            ),
        )
    return summary


def measure(pages: int, rounds: int, cores: int | None = None) -> Record:
    site, base = _start_site(pages)
    try:
        baseline_runs: list[Record] = []
        newsflow_runs: list[Record] = []
        with tempfile.TemporaryDirectory() as folder:
            for round_number in range(rounds):
                # Alternate the order too, so neither side always runs on a warmer machine.
                order = (
                    ("baseline", "newsflow") if round_number % 2 == 0 else ("newsflow", "baseline")
                )
                for variant in order:
                    print(f"  N={pages} round {round_number + 1}/{rounds}: {variant} …", flush=True)
                    label = f"{variant}-{round_number}"
                    result = _run(variant, base, pages, Path(folder), label, cores)
                    (baseline_runs if variant == "baseline" else newsflow_runs).append(result)
    finally:
        site.terminate()
        site.wait()
    baseline, newsflow = _summarise(baseline_runs), _summarise(newsflow_runs)
    return {
        "pages": pages,
        "cores": cores or os.cpu_count(),
        "baseline": baseline,
        "newsflow": newsflow,
        "speedup_articles_per_s": round(
            float(newsflow["articles_per_s"]) / float(baseline["articles_per_s"]), 3
        ),
    }


def assess(measurements: list[Record]) -> Record:
    """Each target beside the measured figure, so a miss and its size are in the file."""

    def pick(pages: int, cores: int) -> Record | None:
        for m in measurements:
            if m["pages"] == pages and (m.get("cores") or os.cpu_count()) == cores:
                return m
        return None

    found: Record = {}
    full = [m for m in measurements if (m.get("cores") or os.cpu_count()) == os.cpu_count()]
    if full:
        largest = max(full, key=lambda m: int(m["pages"]))
        found["speedup_at_largest_n"] = {
            "pages": largest["pages"], "measured": largest["speedup_articles_per_s"],
            "target": TARGETS["speedup_vs_baseline_2_cores"],
        }  # fmt: skip
        found["rerun_fraction_max"] = {
            "measured": max(m["newsflow"]["rerun_fraction"] for m in full),
            "target": TARGETS["rerun_fraction_max"],
        }
        found["prefect_overhead_fraction_max"] = {
            "measured": max(m["newsflow"]["prefect_overhead_fraction"] for m in full),
            "target": TARGETS["prefect_overhead_fraction_max"],
        }
    small, large = pick(1000, os.cpu_count() or 1), pick(5000, os.cpu_count() or 1)
    if small and large:
        rss = {
            side: round(
                large["newsflow"]["peak_rss_mb"][side] / small["newsflow"]["peak_rss_mb"][side] - 1,
                3,
            )
            for side in ("self", "largest_child")
        }
        found["rss_growth_5000_vs_1000"] = {
            "measured": rss, "target_max": TARGETS["rss_growth_5000_vs_1000_max"],
        }  # fmt: skip
    pinned = [m for m in measurements if m.get("cores") == 1]
    if pinned:
        found["speedup_pinned_to_one_core"] = {
            "measured": pinned[0]["speedup_articles_per_s"], "target_min": 0.9,
        }  # fmt: skip
    return found


def _commit() -> str:
    completed = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return completed.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="newsflow throughput benchmark")
    parser.add_argument("--pages", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds per N (default: 2 for N <= 1000, else 1)")  # fmt: skip
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--cores", type=int, default=None,
                        help="pin both runs to this many cores (taskset), e.g. 1")  # fmt: skip
    parser.add_argument("--append", action="store_true",
                        help="keep the results file's measurements of other N")  # fmt: skip
    arguments = parser.parse_args(argv)
    measurements = []
    for pages in arguments.pages:
        rounds = arguments.rounds or (2 if pages <= 1000 else 1)
        print(f"N = {pages}: {rounds} round(s)", flush=True)
        load_before = os.getloadavg()[0]
        measurement = measure(pages, rounds, arguments.cores)
        measurement["load_average_1min"] = {
            "before": round(load_before, 2), "after": round(os.getloadavg()[0], 2),
        }  # fmt: skip
        measurements.append(measurement)
        b, n = measurement["baseline"], measurement["newsflow"]
        print(
            f"  baseline {b['articles_per_s']} art/s, newsflow {n['articles_per_s']} art/s "
            f"(x{measurement['speedup_articles_per_s']}), re-run {n['rerun_fraction']:.1%} "
            f"of first run, peak RSS {n['peak_rss_mb']} MB",
            flush=True,
        )
    if arguments.append and arguments.results.exists():
        previous = json.loads(arguments.results.read_text())["measurements"]

        def key(m: Record) -> tuple[int, int]:
            return (int(m["pages"]), int(m.get("cores") or os.cpu_count() or 1))

        measured = {key(m) for m in measurements}
        measurements = sorted(
            [m for m in previous if key(m) not in measured] + measurements, key=key
        )
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(),
        },
        "targets": TARGETS,
        "assessment": assess(measurements),
        "measurements": measurements,
    }
    arguments.results.parent.mkdir(parents=True, exist_ok=True)
    arguments.results.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {arguments.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
