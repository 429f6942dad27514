"""Does a worker's memory stay flat? One worker's work (`build_batch`, batches of 32) over N
pages it has not seen (bench/corpus_gen.py), in a fresh process per side, with each batch's
Docs inside spaCy's memory zone (what newsflow does) and without it (what it did before).

    python -m bench.worker_memory --pages 2000
    python -m bench.worker_memory --pages 64 --results /tmp/x.json   # a quick look

Prints the resident memory after the model is warm and after every batch; the figure that
matters is the growth from the end of the first 10% of the batches to the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "worker_memory.json"
BATCH = 32


def _rss_mb() -> float:
    fields = Path("/proc/self/statm").read_text().split()
    return int(fields[1]) * os.sysconf("SC_PAGE_SIZE") / (1 << 20)


def one_side(pages: int, zone: bool) -> dict[str, object]:
    """The measured side, in this process."""
    from bench.corpus_gen import corpus, page
    from newsflow.extractors import LoadSettings, RawDocument
    from newsflow.extractors.nlp import load_model
    from newsflow.pipeline import _batches

    if not zone:  # what newsflow did before: no memory zone
        _batches.memory_zone = lambda nlp: contextlib.nullcontext()
    nlp = load_model()
    base = corpus()
    settings = LoadSettings()
    warm = _rss_mb()
    after: list[float] = []
    articles = 0
    for start in range(0, pages, BATCH):
        documents = [
            RawDocument(f"file:///gen/{i:05d}.html", page(i, base), "html", "file:///gen/")
            for i in range(start, min(pages, start + BATCH))
        ]
        read = _batches.ReadResult(documents)
        batch = _batches.build_batch("bench", read, set(), {}, settings, None, nlp)
        articles += len(batch.articles)
        after.append(round(_rss_mb(), 1))
    tenth = after[max(0, len(after) // 10 - 1)]
    return {
        "memory_zone": zone,
        "pages": pages,
        "articles": articles,
        "rss_warm_mb": round(warm, 1),
        "rss_after_tenth_mb": tenth,
        "rss_end_mb": after[-1],
        "growth_after_tenth_mb": round(after[-1] - tenth, 1),
        "growth_kb_per_article_after_tenth": round(
            (after[-1] - tenth) * 1024 / max(1, articles * 9 // 10), 2
        ),
        "rss_after_each_batch_mb": after,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--side", choices=("zone", "no-zone"), help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.side:
        print(json.dumps(one_side(arguments.pages, arguments.side == "zone")))
        return 0
    from bench.throughput import _commit

    load_before = os.getloadavg()[0]
    sides = []
    for side in ("no-zone", "zone"):
        completed = subprocess.run(
            [sys.executable, "-m", "bench.worker_memory", "--pages", str(arguments.pages),
             "--side", side],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        sides.append(result)
        print(
            f"{side}: warm {result['rss_warm_mb']} MB, after 10% {result['rss_after_tenth_mb']}"
            f" MB, end {result['rss_end_mb']} MB ({result['growth_kb_per_article_after_tenth']}"
            " KB per article after 10%)",
            flush=True,
        )
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "load_average_1min": {
            "before": round(load_before, 2),
            "after": round(os.getloadavg()[0], 2),
        },  # fmt: skip
        "sides": sides,
    }
    arguments.results.parent.mkdir(parents=True, exist_ok=True)
    arguments.results.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {arguments.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
