"""Words per second through newsflow's NLP stage against spaCy's own multi-process
`nlp.pipe(texts, n_process=2)`, on the same cleaned texts, each side in a fresh process and
timed from the start of its work (spawning and warming its processes included) to the last Doc.

    python -m bench.nlp_stage --pages 1000
    python -m bench.nlp_stage --pages 64 --results /tmp/x.json     # a quick look

newsflow's side is its real stage: a `WorkerPool` of 2 worker processes running
`build_batch` on batches of 32 records (text given, so cleaning is only language
identification), two batches in flight as the driver keeps them, returning rows (mentions and
the enrichment: entities, dates, quotes, amounts, events). spaCy's side returns Docs and
reads their entities. The ratio is newsflow's words/s over spaCy's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "nlp_stage.json"
BATCH = 32


def _texts(pages: int, out: Path) -> None:
    from bench.corpus_gen import generate
    from newsflow.extractors import RawDocument
    from newsflow.extractors.cleaning import clean

    texts = []
    for name, body in generate(pages):
        result = clean(RawDocument(f"file:///gen/{name}", body, "html", "file:///gen/"))
        if result.article is not None:
            texts.append(result.article.text)
    out.write_text(json.dumps(texts))


def _spacy(texts: list[str]) -> float:
    import spacy

    from newsflow.extractors.nlp import MODEL

    nlp = spacy.load(MODEL)  # spaCy's own pipeline: not newsflow's faster attribute ruler
    started = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts, n_process=2, batch_size=BATCH):
        entities += len(doc.ents)
    return time.perf_counter() - started


def _newsflow(texts: list[str]) -> float:
    from newsflow.extractors import LoadSettings, RawDocument
    from newsflow.pipeline import ReadResult, WorkerPool

    documents = [
        RawDocument(f"record:{i}", t.encode(), "record", "record:", fields={"text": t})
        for i, t in enumerate(texts)
    ]
    batches = [ReadResult(documents[i : i + BATCH]) for i in range(0, len(documents), BATCH)]
    started = time.perf_counter()
    with WorkerPool(2) as pool, ThreadPoolExecutor(3) as threads:
        futures = [
            threads.submit(pool.process, "bench", read, set(), {}, LoadSettings())
            for read in batches
        ]
        mentions = sum(len(f.result().children["mentions"]) for f in futures)
    assert mentions > 0
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--side", choices=("spacy", "newsflow"), help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.side:
        texts = json.loads(arguments.texts.read_text())
        run = _spacy if arguments.side == "spacy" else _newsflow
        print(json.dumps({"wall_s": run(texts)}))
        return 0
    from bench.throughput import _commit

    load_before = os.getloadavg()
    texts_file = Path(f"/tmp/newsflow-nlp-stage-{os.getpid()}.json")
    _texts(arguments.pages, texts_file)
    texts = json.loads(texts_file.read_text())
    words = sum(len(t.split()) for t in texts)
    walls: dict[str, list[float]] = {"spacy": [], "newsflow": []}
    try:
        for round_number in range(arguments.rounds):
            order = ("spacy", "newsflow") if round_number % 2 == 0 else ("newsflow", "spacy")
            for side in order:
                completed = subprocess.run(
                    [sys.executable, "-m", "bench.nlp_stage", "--side", side,
                     "--texts", str(texts_file)],
                    cwd=ROOT, capture_output=True, text=True,
                )  # fmt: skip
                if completed.returncode != 0:
                    raise RuntimeError(f"{side} failed:\n{completed.stderr[-3000:]}")
                wall = json.loads(completed.stdout.strip().splitlines()[-1])["wall_s"]
                walls[side].append(wall)
                print(f"  round {round_number + 1} {side}: {words / wall:.0f} words/s", flush=True)
    finally:
        texts_file.unlink(missing_ok=True)
    ratios = [s / n for s, n in zip(walls["spacy"], walls["newsflow"], strict=True)]
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "pages": arguments.pages,
        "texts": len(texts),
        "words": words,
        "load_average": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in os.getloadavg()],
        },
        "words_per_s": {side: [round(words / w) for w in ws] for side, ws in walls.items()},
        "ratio_newsflow_over_spacy_per_round": [round(r, 3) for r in ratios],
        "goal_min": 0.9,
    }
    print(json.dumps(results))
    arguments.results.parent.mkdir(parents=True, exist_ok=True)
    arguments.results.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
