"""The flow process's cost of loading finished batches, by how a write window takes them: one
transaction per batch (as before round 3) or the window's batches merged into one load. The
batches are built once (clean, parse, annotate in this process, cached), then loaded into a
fresh store each way, alternating, `pipeline.drive`'s 4 batches per window.

    python -m bench.window_loads --pages 600 --rounds 2 [--cache /tmp/batches.pickle]

Prints CPU seconds of the loads and window closes (this process, DuckDB's threads included)
per 1,000 pages, and whether both ways stored the same rows.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus_gen import generate
from newsflow import pipeline, storage
from newsflow.extractors import LoadSettings, RawDocument
from newsflow.extractors.nlp import load_model
from newsflow.pipeline import _driver

BATCH = 32
TABLES = ("documents", "articles", "article_versions", "mentions", "run_items", "events")


def build(pages: int) -> list[storage.Batch]:
    nlp = load_model()
    raws = [
        RawDocument(uri=f"file:///bench/{name}", content=body, kind="html", source_uri="bench")
        for name, body in generate(pages)
    ]
    batches = []
    for start in range(0, len(raws), BATCH):
        read = pipeline.ReadResult(documents=raws[start : start + BATCH])
        batches.append(pipeline.build_batch("bench", read, set(), {}, LoadSettings(), nlp=nlp))
    return batches


def load_all(db: Path, batches: list[storage.Batch], merged: bool) -> tuple[float, dict[str, int]]:
    with pipeline.open_run(db, "ingest", {}) as run:
        for batch in batches:
            batch.run_id = run.run_id
        started = time.process_time()
        for at in range(0, len(batches), _driver.LOADS_PER_WINDOW):
            group = batches[at : at + _driver.LOADS_PER_WINDOW]
            with run.store.window():
                if merged:
                    pipeline.load_batch(run.store, storage.Batch.merged(group))
                else:
                    for batch in group:
                        pipeline.load_batch(run.store, batch)
        spent = time.process_time() - started
        counts = {t: run.store.rows(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
    return spent, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        batches = pickle.loads(args.cache.read_bytes())
    else:
        batches = build(args.pages)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(batches))
    report: dict[str, Any] = {"pages": args.pages, "load_average_before": os.getloadavg()}
    runs: dict[str, list[float]] = {"per_batch": [], "merged": []}
    counts: dict[str, dict[str, int]] = {}
    for round_number in range(args.rounds):
        order = [False, True] if round_number % 2 == 0 else [True, False]
        for merged in order:
            name = "merged" if merged else "per_batch"
            with tempfile.TemporaryDirectory() as temp:
                spent, counts[name] = load_all(Path(temp) / "s.duckdb", pickle.loads(
                    pickle.dumps(batches)), merged)  # fmt: skip
            runs[name].append(round(spent * 1000 / args.pages, 2))
            print(f"  {name}: {runs[name][-1]} CPU s per 1,000 pages", file=sys.stderr)
    report["cpu_s_per_1000_pages"] = runs
    report["same_row_counts"] = counts["merged"] == counts["per_batch"]
    report["row_counts"] = counts["merged"]
    report["load_average_after"] = os.getloadavg()
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
