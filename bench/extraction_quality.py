"""Score newsflow's clean step against plain `trafilatura.extract` on the bundled dev corpus.

    python -m bench.extraction_quality      # prints both scores, writes the results file

The corpus is `samples/corpus` (85 real pages with their true article bodies), split by
`samples/corpus/split.json` into a `tuning` half (clean-step rules are written against it) and
a `test` half (never used to choose a rule), made before the rules of issue 13. Reported: the
whole corpus, each half, and per page the clean step's F1 beside plain trafilatura's (the
guard in tests/test_extraction_quality.py: no page more than 0.01 below plain trafilatura).
"""

from __future__ import annotations

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


def load_split() -> dict[str, str]:
    return dict(json.loads(SPLIT.read_text("utf-8"))["pages"])


def page_f1(prediction: str, truth: str) -> float:
    """One page's F1 over shingles (the benchmark's per-page counts)."""
    expected, predicted = shingles(truth), shingles(prediction)
    tp = sum((expected & predicted).values())
    precision = tp / sum(predicted.values()) if predicted else 0.0
    recall = tp / sum(expected.values()) if expected else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def corpus_pages() -> tuple[dict[str, bytes], dict[str, str]]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
    pages = {
        page_id: gzip.decompress((CORPUS / "html" / f"{page_id}.html.gz").read_bytes())
        for page_id in truth
    }
    return pages, {page_id: item["articleBody"] for page_id, item in truth.items()}


def evaluate() -> dict[str, object]:
    pages, truths = corpus_pages()
    started = time.perf_counter()
    plain = {page_id: trafilatura.extract(html) or "" for page_id, html in pages.items()}
    plain_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = {}
    for page_id, html in pages.items():
        result = clean(RawDocument(uri=page_id, content=html, kind="html", source_uri="corpus"))
        ours[page_id] = result.article.text if result.article else ""
    ours_seconds = time.perf_counter() - started
    split = load_split()
    halves = {}
    for half in HALVES:
        chosen = {k: v for k, v in truths.items() if split[k] == half}
        halves[half] = {
            "newsflow_clean": score(ours, chosen).__dict__,
            "trafilatura_extract_default": score(plain, chosen).__dict__,
        }
    per_page = {
        page_id: {
            "half": split[page_id],
            "newsflow_clean": round(page_f1(ours[page_id], truth), 4),
            "trafilatura_extract_default": round(page_f1(plain[page_id], truth), 4),
        }
        for page_id, truth in sorted(truths.items())
    }
    return {
        "corpus": "samples/corpus (ScrapingHub article-extraction benchmark, dev half)",
        "pages": len(pages),
        "newsflow_clean": {**score(ours, truths).__dict__, "seconds": round(ours_seconds, 2)},
        "trafilatura_extract_default": {
            **score(plain, truths).__dict__,
            "seconds": round(plain_seconds, 2),
        },
        "split": "samples/corpus/split.json (tuning: clean-step rules written on it; test: never)",
        "halves": halves,
        "worst_page_delta": min(
            round(p["newsflow_clean"] - p["trafilatura_extract_default"], 4)
            for p in per_page.values()
        ),
        "per_page_f1": per_page,
        "trafilatura_version": trafilatura.__version__,
        "machine": f"{platform.machine()} {platform.system()}, python {platform.python_version()}",
    }


def main() -> int:
    results = evaluate()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    halves = results["halves"]
    assert isinstance(halves, dict)
    for name, figures_of in (("all pages", results), *halves.items()):
        assert isinstance(figures_of, dict)
        for label in ("newsflow_clean", "trafilatura_extract_default"):
            figures = figures_of[label]
            print(
                f"{name:<10} {label:<28} F1 {figures['f1']:.4f}  "
                f"P {figures['precision']:.4f}  R {figures['recall']:.4f}"
            )
    print(f"worst page: clean step F1 minus plain trafilatura's = {results['worst_page_delta']}")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
