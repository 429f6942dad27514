"""Score newsflow's clean step against plain `trafilatura.extract` on the bundled dev corpus.

    python -m bench.extraction_quality      # prints both scores, writes the results file
    python -m bench.extraction_quality --half tuning   # the tuning half only, writes nothing
    python -m bench.extraction_quality --fold A        # one fold of the tuning half, no file

The corpus is `samples/corpus` (85 real pages with their true article bodies), split by
`samples/corpus/split.json` into a `tuning` half (clean-step rules are written against it) and
a `test` half (never used to choose a rule), made before the rules of issue 13. Reported: the
whole corpus, each half, and per page the clean step's F1 beside plain trafilatura's (the
guard in tests/test_extraction_quality.py: no page more than 0.01 below plain trafilatura).
`--half tuning` is the one to work with while writing rules: it cleans and scores only the
tuning pages, prints their figures and per-page deltas, and writes no results file, so the
test half's pages stay unseen until the one full run at the end. `--fold A` / `--fold B` does
the same for one fold of the tuning half (its pages in sorted id order, alternately A and B):
rules are written on one fold's errors and kept only if the other fold does not get worse.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import sys
import time
from pathlib import Path

import trafilatura

from bench.scoring import score, shingles
from newsflow.extractors import RawDocument
from newsflow.extractors.cleaning import clean

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "corpus"
RESULTS = ROOT / "bench" / "results" / "extraction_quality.json"
SPLIT = CORPUS / "split.json"
HALVES = ("tuning", "test")
FOLDS = ("A", "B")


def load_split() -> dict[str, str]:
    return dict(json.loads(SPLIT.read_text("utf-8"))["pages"])


def page_f1(prediction: str, truth: str) -> float:
    """One page's F1 over shingles (the benchmark's per-page counts)."""
    expected, predicted = shingles(truth), shingles(prediction)
    tp = sum((expected & predicted).values())
    precision = tp / sum(predicted.values()) if predicted else 0.0
    recall = tp / sum(expected.values()) if expected else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def tuning_fold(fold: str) -> set[str]:
    """The page ids of one fold of the tuning half: its pages in sorted id order, alternately
    A (first, third, ...) and B."""
    tuning = sorted(page_id for page_id, half in load_split().items() if half == "tuning")
    return set(tuning[FOLDS.index(fold) :: len(FOLDS)])


def corpus_pages(
    half: str | None = None, fold: str | None = None
) -> tuple[dict[str, bytes], dict[str, str]]:
    """The corpus's pages and true bodies; only one half's when `half` is given, only one
    fold of the tuning half when `fold` is."""
    truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
    if half is not None:
        split = load_split()
        truth = {page_id: item for page_id, item in truth.items() if split[page_id] == half}
    if fold is not None:
        keep = tuning_fold(fold)
        truth = {page_id: item for page_id, item in truth.items() if page_id in keep}
    pages = {
        page_id: gzip.decompress((CORPUS / "html" / f"{page_id}.html.gz").read_bytes())
        for page_id in truth
    }
    return pages, {page_id: item["articleBody"] for page_id, item in truth.items()}


def evaluate(half: str | None = None, fold: str | None = None) -> dict[str, object]:
    """Scores on the whole corpus and per half; on one half only when `half` is given, on one
    fold of the tuning half (reported as the half "tuning-A" or "tuning-B") when `fold` is."""
    if fold is not None:
        half = "tuning"
    pages, truths = corpus_pages(half, fold)
    started, cpu = time.perf_counter(), time.process_time()
    plain = {page_id: trafilatura.extract(html) or "" for page_id, html in pages.items()}
    plain_seconds = time.perf_counter() - started
    plain_cpu = time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    ours = {}
    for page_id, html in pages.items():
        result = clean(RawDocument(uri=page_id, content=html, kind="html", source_uri="corpus"))
        ours[page_id] = result.article.text if result.article else ""
    ours_seconds = time.perf_counter() - started
    ours_cpu = time.process_time() - cpu
    split = load_split()
    halves = {}
    for name in HALVES if half is None else (half,):
        chosen = {k: v for k, v in truths.items() if split[k] == name}
        if fold is not None:
            name = f"tuning-{fold}"
        halves[name] = {
            "newsflow_clean": score(ours, chosen).__dict__,
            "trafilatura_extract_default": score(plain, chosen).__dict__,
        }
    f1s = {
        page_id: (
            round(page_f1(ours[page_id], truth), 4),
            round(page_f1(plain[page_id], truth), 4),
        )
        for page_id, truth in sorted(truths.items())
    }
    per_page = {
        page_id: {"half": split[page_id], "newsflow_clean": a, "trafilatura_extract_default": b}
        for page_id, (a, b) in f1s.items()
    }
    return {
        "corpus": "samples/corpus (ScrapingHub article-extraction benchmark, dev half)",
        "pages": len(pages),
        "newsflow_clean": {
            **score(ours, truths).__dict__,
            "seconds": round(ours_seconds, 2),
            "cpu_seconds": round(ours_cpu, 2),
        },
        "trafilatura_extract_default": {
            **score(plain, truths).__dict__,
            "seconds": round(plain_seconds, 2),
            "cpu_seconds": round(plain_cpu, 2),
        },
        "split": "samples/corpus/split.json (tuning: clean-step rules written on it; test: never)",
        "halves": halves,
        "worst_page_delta": min(round(a - b, 4) for a, b in f1s.values()),
        "per_page_f1": per_page,
        "trafilatura_version": trafilatura.__version__,
        "machine": f"{platform.machine()} {platform.system()}, python {platform.python_version()}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction_quality")
    parser.add_argument(
        "--half",
        choices=("tuning",),
        help="clean and score only this half, print its per-page deltas, write no results file",
    )
    parser.add_argument(
        "--fold",
        choices=FOLDS,
        help="clean and score only this fold of the tuning half (alternate sorted page ids), "
        "print its per-page deltas, write no results file",
    )
    args = parser.parse_args(argv)
    results = evaluate(args.half, args.fold)
    halves = results["halves"]
    assert isinstance(halves, dict)
    if args.half is None and args.fold is None:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        rows: tuple[tuple[str, object], ...] = (("all pages", results), *halves.items())
    else:
        rows = tuple(halves.items())
        per_page = results["per_page_f1"]
        assert isinstance(per_page, dict)
        print("page      clean   plain   delta")
        for page_id, page in sorted(per_page.items(), key=lambda item: item[1]["newsflow_clean"]):
            delta = page["newsflow_clean"] - page["trafilatura_extract_default"]
            print(
                f"{page_id[:8]}  {page['newsflow_clean']:.4f}  "
                f"{page['trafilatura_extract_default']:.4f}  {delta:+.4f}"
            )
    for name, figures_of in rows:
        assert isinstance(figures_of, dict)
        for label in ("newsflow_clean", "trafilatura_extract_default"):
            figures = figures_of[label]
            print(
                f"{name:<10} {label:<28} F1 {figures['f1']:.4f}  "
                f"P {figures['precision']:.4f}  R {figures['recall']:.4f}"
            )
    print(f"worst page: clean step F1 minus plain trafilatura's = {results['worst_page_delta']}")
    ours, plain = results["newsflow_clean"], results["trafilatura_extract_default"]
    assert isinstance(ours, dict) and isinstance(plain, dict)
    pages = results["pages"]
    assert isinstance(pages, int)
    print(
        f"seconds: clean step {ours['seconds']} ({ours['seconds'] / pages * 1000:.1f} ms a page), "
        f"plain trafilatura {plain['seconds']} ({plain['seconds'] / pages * 1000:.1f} ms a page)"
    )
    print(
        f"CPU seconds: clean step {ours['cpu_seconds']} "
        f"({ours['cpu_seconds'] / pages * 1000:.1f} ms a page), plain trafilatura "
        f"{plain['cpu_seconds']} ({plain['cpu_seconds'] / pages * 1000:.1f} ms a page)"
    )
    if args.half is None and args.fold is None:
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
