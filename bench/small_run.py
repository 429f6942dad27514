"""How long a small ad hoc run takes as a user types it: the whole `newsflow ingest` command
(interpreter start, imports, model load, the run, the summary), with no Prefect server
configured, on the sample article and on 30 corpus pages.

    python -m bench.small_run            # prints the figures, writes bench/results/small_run.json
    python -m bench.small_run --rounds 1 --results /tmp/x.json   # a quick look

Each round ingests into a fresh database file (a first run, not a no-change re-run). The
language identifier's model is decompressed once per user into ~/.cache/newsflow/ (see
extractors/cleaning/_language.py): `one_article_cold` runs the sample with HOME set to a new
empty folder each round, so that copy is written during the run, as on a user's first run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.throughput import _commit

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "articles" / "cnn-putin-pyongyang-2024-06-19.txt"
CORPUS = ROOT / "samples" / "corpus" / "html"
RESULTS = ROOT / "bench" / "results" / "small_run.json"
GOAL_ONE_ARTICLE_S = 3.0


def _newsflow() -> list[str]:
    found = shutil.which("newsflow", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "newsflow"]


def _time_command(inputs: list[str], folder: Path, run: str, cold: bool) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(folder / "prefect-home")  # no profile with an API URL either
    if cold:  # no copy of the language model under ~/.cache/newsflow yet
        env["HOME"] = tempfile.mkdtemp(prefix="home-", dir=folder)
    db = folder / f"{run}.duckdb"  # a new file for every case and round
    started = time.perf_counter()
    subprocess.run(
        [*_newsflow(), "ingest", *inputs, "--db", str(db)], env=env, check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def measure(rounds: int) -> dict[str, object]:
    cases = {
        "one_article": [str(SAMPLE)],
        "one_article_cold": [str(SAMPLE)],
        "thirty_pages": [str(p) for p in sorted(CORPUS.glob("*.html.gz"))[:30]],
    }
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="newsflow-small-run-") as temp:
        folder = Path(temp)
        for name, inputs in cases.items():
            cold = name.endswith("_cold")
            walls = [_time_command(inputs, folder, f"{name}-{i}", cold) for i in range(rounds)]
            figures[name] = {
                "inputs": len(inputs),
                "wall_s_median": round(statistics.median(walls), 2),
                "wall_s_min": round(min(walls), 2),
                "wall_s_max": round(max(walls), 2),
                "rounds": rounds,
            }
            print(f"{name}: median {statistics.median(walls):.2f} s over {rounds} rounds "
                  f"(min {min(walls):.2f}, max {max(walls):.2f})", flush=True)  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--results", type=Path, default=RESULTS)
    arguments = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    figures = measure(max(1, arguments.rounds))
    one = figures["one_article"]["wall_s_median"]  # type: ignore[index]
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "cpus": os.cpu_count(),
        "load_average_1min": {
            "before": round(load_before, 2),
            "after": round(os.getloadavg()[0], 2),
        },  # fmt: skip
        "goal_one_article_s": GOAL_ONE_ARTICLE_S,
        "one_article_meets_goal": one <= GOAL_ONE_ARTICLE_S,
        **figures,
    }
    arguments.results.parent.mkdir(parents=True, exist_ok=True)
    arguments.results.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {arguments.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
