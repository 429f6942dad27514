"""CPU seconds of `enrich` beside `nlp.pipe` over the texts of `bench.enrichment_quality`'s
throughput (the 42 gold texts and the 85 corpus bodies), the minimum of several repeats, so
the share "enrichment / parse time" does not move with the other processes on the box.

    python bench/enrichment_cpu.py                                  # this tree
    python bench/enrichment_cpu.py --against /work/main/.venv/bin/python --rounds 3 \\
        --write bench/results/enrichment_cpu_round11.json           # side by side, alternating
    python bench/enrichment_cpu.py --against /work/main/.venv/bin/python --interleave 12
                                        # both alive at once, one enrich pass each in turn

With `--against`, each round runs the other interpreter's tree, then this one, each in a fresh
process (the code measured is the `newsflow` of the interpreter that runs this file);
`--profile N` prints the top N functions of one profiled enrich pass by own time.

Every timed `enrich` pass runs over fresh copies of the parsed Docs (`Doc.copy`, made before
the clock starts), as the ingest enriches each Doc once: `enrich` keeps the Doc's text, its
sentence index and its quoted sentences in `doc.user_data`, so a second pass over the same
Docs skips that work (until round 12 this file timed such passes, a few per cent low).
Standalone (imports only `newsflow`), so another tree's interpreter can run this file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "corpus"


def bench_texts() -> list[str]:
    """The texts `bench.enrichment_quality.throughput` times: gold texts, then corpus bodies."""
    truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
    texts = []
    for path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        if path.name == "split.json":
            continue
        gold = json.loads(path.read_text("utf-8"))
        if gold["source"].endswith("ground-truth.json"):
            texts.append(truth[gold["id"]]["articleBody"])
        else:
            texts.append((ROOT / gold["source"]).read_text("utf-8"))
    return texts + [item["articleBody"] for item in truth.values()]


def measure(repeats: int, pipe_repeats: int = 2, profile: int = 0) -> dict[str, Any]:
    """CPU seconds (time.process_time) of `nlp.pipe` (minimum of `pipe_repeats` passes) and
    of `enrich` over its Docs (minimum of `repeats`), after a warm-up."""
    from newsflow.extractors.nlp import enrich, load_model

    nlp = load_model()
    texts = bench_texts()
    published = date(2019, 11, 19)
    list(nlp.pipe(texts[:10]))
    pipe = enrich_s = float("inf")
    docs: list[Any] = []
    for _ in range(pipe_repeats):
        started = time.process_time()
        docs = list(nlp.pipe(texts))
        pipe = min(pipe, time.process_time() - started)
    for doc in fresh(docs):
        enrich(doc, published)  # warm-up: dictionaries load once per process
    for _ in range(repeats):
        copies = fresh(docs)
        started = time.process_time()
        for doc in copies:
            enrich(doc, published)
        enrich_s = min(enrich_s, time.process_time() - started)
    if profile:
        import cProfile
        import pstats

        copies = fresh(docs)
        profiler = cProfile.Profile()
        profiler.enable()
        for doc in copies:
            enrich(doc, published)
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(profile)
    return {
        "texts": len(texts),
        "pipe_cpu_s": round(pipe, 3),
        "enrich_cpu_s": round(enrich_s, 3),
        "enrich_share_of_pipe_cpu": round(enrich_s / pipe, 4),
    }


def fresh(docs: list[Any]) -> list[Any]:
    """Copies of parsed Docs that no `enrich` has run over (empty `user_data` caches)."""
    return [doc.copy() for doc in docs]


def worker() -> int:
    """Parse the texts once, then one timed `enrich` pass per line read from stdin ("pipe"
    times one `nlp.pipe` pass instead); prints the CPU seconds of each."""
    from newsflow.extractors.nlp import enrich, load_model

    nlp = load_model()
    texts = bench_texts()
    published = date(2019, 11, 19)
    docs = list(nlp.pipe(texts))
    for doc in fresh(docs):
        enrich(doc, published)
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "pipe":
            started = time.process_time()
            docs = list(nlp.pipe(texts))
        else:
            copies = fresh(docs)
            started = time.process_time()
            for doc in copies:
                enrich(doc, published)
        print(round(time.process_time() - started, 4), flush=True)
    return 0


def interleaved(other: str, passes: int) -> dict[str, Any]:
    """Both trees' workers alive at once, one enrich pass each in turn, `passes` times (and
    two `nlp.pipe` passes each): the load of the box moves both alike."""
    workers = {}
    for name, python in (("against", other), ("this", sys.executable)):
        workers[name] = subprocess.Popen(
            [python, str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
    times: dict[str, dict[str, list[float]]] = {n: {"enrich": [], "pipe": []} for n in workers}
    try:
        for process in workers.values():
            assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        for n in range(passes + 2):
            kind = "pipe" if n < 2 else "enrich"
            for name, process in workers.items():
                assert process.stdin is not None and process.stdout is not None
                process.stdin.write(kind + "\n")
                process.stdin.flush()
                times[name][kind].append(float(process.stdout.readline()))
    finally:
        for process in workers.values():
            if process.stdin is not None:
                process.stdin.close()
            process.wait()
    summary: dict[str, Any] = {}
    for name, python in (("against", other), ("this", sys.executable)):
        enrich_s, pipe_s = min(times[name]["enrich"]), min(times[name]["pipe"])
        summary[name] = {
            "python": python,
            "commit": commit_of(python),
            "enrich_cpu_s_min": enrich_s,
            "pipe_cpu_s_min": pipe_s,
            "enrich_share_of_pipe_cpu": round(enrich_s / pipe_s, 4),
            "enrich_cpu_s_passes": times[name]["enrich"],
            "pipe_cpu_s_passes": times[name]["pipe"],
        }
    summary["enrich_cpu_ratio_this_to_against"] = round(
        summary["this"]["enrich_cpu_s_min"] / summary["against"]["enrich_cpu_s_min"], 3
    )
    paired = sorted(
        t / a for t, a in zip(times["this"]["enrich"], times["against"]["enrich"], strict=True)
    )
    summary["enrich_cpu_ratio_median_of_pairs"] = round(paired[len(paired) // 2], 3)
    return summary


def commit_of(python: str) -> str:
    where = "import newsflow, pathlib; print(pathlib.Path(newsflow.__file__).parents[1])"
    tree = subprocess.run(  # from "/": not this tree's `newsflow` through the cwd
        [python, "-c", where], capture_output=True, text=True, check=True, cwd="/"
    ).stdout.strip()
    head = subprocess.run(
        ["git", "-C", tree, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    dirty = subprocess.run(["git", "-C", tree, "status", "--porcelain"], capture_output=True)
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def side_by_side(other: str, rounds: int, repeats: int, pipe_repeats: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {"against": [], "this": []}
    for _ in range(rounds):
        for name, python in (("against", other), ("this", sys.executable)):
            done = subprocess.run(
                [python, str(Path(__file__).resolve()), "--repeats", str(repeats),
                 "--pipe-repeats", str(pipe_repeats), "--json"],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result["load_average"] = [round(x, 2) for x in os.getloadavg()]
            runs[name].append(result)
            print(name, json.dumps(result), flush=True)
    summary = {}
    for name, python in (("against", other), ("this", sys.executable)):
        summary[name] = {
            "python": python,
            "commit": commit_of(python),
            "enrich_cpu_s_min": min(r["enrich_cpu_s"] for r in runs[name]),
            "pipe_cpu_s_min": min(r["pipe_cpu_s"] for r in runs[name]),
            "runs": runs[name],
        }
        summary[name]["enrich_share_of_pipe_cpu"] = round(
            summary[name]["enrich_cpu_s_min"] / summary[name]["pipe_cpu_s_min"], 4
        )
    summary["enrich_cpu_ratio_this_to_against"] = round(
        summary["this"]["enrich_cpu_s_min"] / summary["against"]["enrich_cpu_s_min"], 3
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/enrichment_cpu.py")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pipe-repeats", type=int, default=2)
    parser.add_argument("--against", help="another tree's python: measured side by side")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print the top N of a profile")
    parser.add_argument("--json", action="store_true", help="print one JSON line only")
    parser.add_argument("--write", type=Path, help="write the results (with --against)")
    parser.add_argument(
        "--interleave", type=int, default=0,
        help="with --against: both workers alive, N enrich passes each in turn",
    )  # fmt: skip
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker()
    if not args.against:
        result = measure(args.repeats, args.pipe_repeats, args.profile)
        print(json.dumps(result) if args.json else json.dumps(result, indent=2))
        return 0
    if args.interleave:
        summary = interleaved(args.against, args.interleave)
        summary.update(passes=args.interleave)
    else:
        summary = side_by_side(args.against, args.rounds, args.repeats, args.pipe_repeats)
        summary.update(repeats=args.repeats, pipe_repeats=args.pipe_repeats, rounds=args.rounds)
    summary.update(
        load_average_end=[round(x, 2) for x in os.getloadavg()],
        machine=f"{platform.machine()} {platform.system()}, python {platform.python_version()}",
        command=" ".join(["python bench/enrichment_cpu.py", *(argv or sys.argv[1:])]),
    )
    print(json.dumps({k: v for k, v in summary.items() if k not in ("this", "against")}))
    for name in ("against", "this"):
        print(name, summary[name]["commit"], summary[name]["enrich_cpu_s_min"],
              summary[name]["enrich_share_of_pipe_cpu"])  # fmt: skip
    if args.write:
        args.write.write_text(json.dumps(summary, indent=2) + "\n")
        print(f"written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
