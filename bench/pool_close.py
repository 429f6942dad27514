"""How long closing a worker pool takes at the end of a run: two workers warmed up on a few
generated pages, then `WorkerPool.close()` timed, in this checkout and another one,
alternating (each side runs in its own checkout's interpreter).

    python -m bench.pool_close --base /work/main --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "pool_close.json"


def inner(folder: str) -> float:
    """Seconds `close()` takes on a pool of two workers that each ran one batch."""
    from newsflow import pipeline
    from newsflow.extractors import LoadSettings
    from newsflow.extractors.sources import FetchSettings, plan_inputs

    plan = plan_inputs([folder])
    halves = [plan.refs[i::2] for i in range(2)]
    reads = [pipeline.read_batch(refs, LoadSettings(), FetchSettings()) for refs in halves]
    sources = {source.locator: source.source_id for source in plan.sources}
    pool = pipeline.WorkerPool(2)
    with ThreadPoolExecutor(2) as threads:
        list(threads.map(lambda r: pool.process("run", r, set(), sources, LoadSettings()), reads))
    started = time.perf_counter()
    pool.close()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, help="the other checkout (its .venv)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--inner", help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, default=RESULTS)
    arguments = parser.parse_args(argv)
    if arguments.inner:
        print(f"{inner(arguments.inner):.3f}")
        return 0
    from bench.corpus_gen import write
    from bench.throughput import _commit

    sides = {"this": ROOT} | ({"base": arguments.base} if arguments.base else {})
    seconds: dict[str, list[float]] = {name: [] for name in sides}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsflow-pool-close-") as temp:
        write(8, Path(temp))
        for number in range(arguments.rounds):
            for name in list(sides) if number % 2 == 0 else list(reversed(sides)):
                python = sides[name] / ".venv" / "bin" / "python"
                out = subprocess.run(
                    [str(python), str(Path(__file__)), "--inner", temp],
                    capture_output=True, text=True, check=True, cwd=sides[name],
                )  # fmt: skip
                seconds[name].append(float(out.stdout.split()[-1]))
                print(f"  {name}: close {seconds[name][-1]:.3f} s", flush=True)
    summary = {
        "close_s": seconds,
        "sides": {name: str(path) for name, path in sides.items()},
        "commit": _commit(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in os.getloadavg()],
        },
    }
    arguments.results.write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
