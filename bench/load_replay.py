"""The flow process's memory over a run's loads alone, to any number of articles: cached
batches (`bench.window_loads`'s cache, e.g. round 9's 1,216 pages) loaded over and over with
their ids suffixed per pass, `LOADS_PER_WINDOW` batches a window merged into one load as
`ingest` does, each window's file closed (checkpointed) by the linger before the next. One
process, no workers, no Prefect: what grows with the store shows in minutes.

    python -m bench.load_replay --cache /tmp/m14/batches.pickle --articles 5000 \
        [--vacuum-tasks N] [--results FILE]

A thread samples VmRSS every 5 ms and keeps each phase's maximum (the window's documents,
articles, search postings, children, cross-article steps with the stories, run items and
commit, close). Prints for each window the peak above the RSS before it and the phase that
made it, by articles stored; at the end the process peak, CPU per window by fifth, the row
groups per table and, in a fresh process, the peak of the first held writer's checkpoint
(which merges what the windows left).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from newsflow import pipeline, storage
from newsflow.pipeline import _driver
from newsflow.storage import _loader, _store

ID_COLUMNS = {
    "article_id", "document_id", "last_document_id", "story_id", "matched_article_id", "uri",
    "url", "url_id", "fetch_id",
}  # fmt: skip
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_KB / 1024


def hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Phases:
    """The current phase, set by the wrapped loader steps, and each phase's highest RSS."""

    def __init__(self) -> None:
        self.name = "idle"
        self.high: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            now = rss_mb()
            if now > self.high.get(self.name, 0.0):
                self.high[self.name] = now

    def take(self) -> dict[str, float]:
        high, self.high = self.high, {}
        return high

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def instrument(phases: Phases) -> None:
    """Name the loader's steps as phases (this process only)."""

    def named(name: str, function: Any, after: str | None = None) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            phases.name = name
            try:
                return function(*args, **kwargs)
            finally:
                if after is not None:
                    phases.name = after

        return wrapper

    load_table = _loader._load_table

    def table(store: storage.Store, name: str, rows: list[dict[str, Any]]) -> int:
        phases.name = "documents" if name == "documents" else (
            "run_items+commit" if name == "run_items" else "children"
        )  # fmt: skip
        return load_table(store, name, rows)

    _loader._load_table = table
    _loader._load_articles = named("articles", _loader._load_articles)
    _loader.index_loaded_articles = named("search", _loader.index_loaded_articles)
    _loader.after_annotations = named("cross_article", _loader.after_annotations)


def suffixed(rows: list[dict[str, Any]], suffix: str) -> list[dict[str, Any]]:
    if not suffix:
        return rows
    out = []
    for row in rows:
        row = dict(row)
        for key in ID_COLUMNS & row.keys():
            if isinstance(row[key], str):
                row[key] = f"{row[key]}{suffix}"
        out.append(row)
    return out


def copy_batch(batch: storage.Batch, run_id: str, suffix: str) -> storage.Batch:
    made = copy.copy(batch)
    made.run_id = run_id
    made.documents = suffixed(batch.documents, suffix)
    made.articles = suffixed(batch.articles, suffix)
    made.run_items = suffixed(batch.run_items, suffix)
    made.children = {name: suffixed(rows, suffix) for name, rows in batch.children.items()}
    return made


def held_merge(db: Path, cache: Path) -> dict[str, Any]:
    """In this process (a fresh one): open the file as a held writer, as the CLI's are,
    load one cached batch (ids suffixed anew) and close; the close's checkpoint merges the
    row groups the windows left."""
    batch = copy_batch(pickle.loads(cache.read_bytes())[0], "bench-held-writer", "~held")
    before = rss_mb()
    started = time.process_time()
    store = storage.Store.open(db)
    with store.window():
        opened = rss_mb()
        pipeline.load_batch(store, batch)
    store.close()
    seconds = time.process_time() - started
    peak = hwm_mb()
    reader = storage.Store.open(db, read_only=True)
    with reader.window():
        groups_after = storage.row_groups(reader)
    reader.close()
    return {
        "rss_before_mb": round(before, 1),
        "rss_open_mb": round(opened, 1),
        "hwm_mb": round(peak, 1),
        "cpu_s": round(seconds, 2),
        "row_groups_after": groups_after,
    }


def replay(cache: Path, articles: int, db: Path, vacuum_every: int) -> dict[str, Any]:
    batches: list[storage.Batch] = pickle.loads(cache.read_bytes())
    phases = Phases()
    instrument(phases)
    windows: list[dict[str, Any]] = []
    stored = 0
    cpu_started = time.process_time()
    with pipeline.open_run(db, "ingest", {}) as run:
        per_window = _driver.LOADS_PER_WINDOW
        rounds = 0
        while stored < articles:
            suffix = f"~{rounds}" if rounds else ""
            for at in range(0, len(batches), per_window):
                if stored >= articles:
                    break
                group = [copy_batch(b, run.run_id, suffix) for b in batches[at : at + per_window]]
                merged = storage.Batch.merged(group)
                del group
                before = rss_mb()
                phases.take()
                cpu = time.process_time()
                if vacuum_every:
                    _store.WINDOW_VACUUM_TASKS = 0 if (len(windows) + 1) % vacuum_every else 100
                with run.store.window():
                    pipeline.load_batch(run.store, merged)
                    phases.name = "close"
                    loaded = len(merged.articles)
                    del merged
                time.sleep(_store.LINGER_S + 0.1)  # the linger closes (checkpoints) the file
                with run.store._lock:  # taken by the linger's close until it is done
                    pass
                cpu = time.process_time() - cpu
                phases.name = "idle"
                high = phases.take()
                stored += loaded
                # The first phase within 1 MB of the window's high: the RSS a phase reaches stays
                # for the phases after it, so the later ones' maxima only repeat it.
                top = next((k for k, v in high.items() if v >= max(high.values()) - 1), "-")
                windows.append({
                    "articles": stored,
                    "rss_before_mb": round(before, 1),
                    "peak_above_mb": round(max(high.values(), default=before) - before, 1),
                    "phase": top,
                    "phases_above_mb": {k: round(v - before, 1) for k, v in high.items()},
                    "rss_after_mb": round(rss_mb(), 1),
                    "cpu_s": round(cpu, 3),
                })  # fmt: skip
                line = windows[-1]
                print(
                    f"{line['articles']:6d} articles  before {line['rss_before_mb']:6.1f} MB  "
                    f"peak +{line['peak_above_mb']:5.1f} ({top})  cpu {line['cpu_s']:.2f} s",
                    flush=True,
                )
            rounds += 1
        with run.store.window():
            groups = storage.row_groups(run.store)
    phases.stop()
    return {
        "windows": windows,
        "process_peak_mb": round(hwm_mb(), 1),
        "cpu_s": round(time.process_time() - cpu_started, 1),
        "row_groups": groups,
    }


def by_fifth(values: list[float]) -> list[float]:
    size = max(1, len(values) // 5)
    return [
        round(max(values[i : i + size]), 1)
        for i in range(0, size * 5, size)
        if values[i : i + size]
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True, help="bench.window_loads's cache")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument(
        "--vacuum-tasks", type=int, help="the windows' max_vacuum_tasks (default: the code's)"
    )
    parser.add_argument(
        "--vacuum-every", type=int, default=0, help="every K-th window with DuckDB's vacuum"
    )
    parser.add_argument("--keep", type=Path, help="keep the store here")
    parser.add_argument("--results", type=Path)
    parser.add_argument("--held-merge", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.held_merge:
        print(json.dumps(held_merge(args.held_merge, args.cache)))
        return 0
    if args.vacuum_tasks is not None:
        _store.WINDOW_VACUUM_TASKS = args.vacuum_tasks
    report: dict[str, Any] = {
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
        "articles": args.articles,
        "vacuum_tasks": _store.WINDOW_VACUUM_TASKS,
        "vacuum_every": args.vacuum_every,
        "load_average_before": os.getloadavg(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "replay.duckdb"
        report.update(replay(args.cache, args.articles, db, args.vacuum_every))
        held = Path(tmp) / "held.duckdb"  # a copy: a kept store stays as the windows left it
        shutil.copyfile(db, held)
        merge = subprocess.run(
            [sys.executable, "-m", "bench.load_replay", "--cache", str(args.cache),
             "--held-merge", str(held)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        report["held_merge"] = json.loads(merge.stdout.strip().splitlines()[-1])
    report["load_average_after"] = os.getloadavg()
    peaks = [w["rss_before_mb"] + w["peak_above_mb"] for w in report["windows"]]
    report["window_high_by_fifth_mb"] = by_fifth(peaks)
    report["above_by_fifth_mb"] = by_fifth([w["peak_above_mb"] for w in report["windows"]])
    cpus = [w["cpu_s"] for w in report["windows"]]
    size = max(1, len(cpus) // 5)
    report["cpu_per_window_by_fifth_s"] = [
        round(sum(cpus[i : i + size]) / len(cpus[i : i + size]), 3)
        for i in range(0, size * 5, size)
        if cpus[i : i + size]
    ]
    print(
        f"process peak {report['process_peak_mb']} MB; window highs by fifth "
        f"{report['window_high_by_fifth_mb']}; above by fifth {report['above_by_fifth_mb']}; "
        f"CPU per window by fifth {report['cpu_per_window_by_fifth_s']} s"
    )
    print(f"row groups: {report['row_groups']}")
    held = report["held_merge"]
    print(
        f"first held writer: RSS {held['rss_before_mb']} -> open {held['rss_open_mb']} -> "
        f"peak {held['hwm_mb']} MB, {held['cpu_s']} CPU s; row groups after "
        f"{held['row_groups_after']}"
    )
    if args.results:
        args.results.write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
