"""Score newsflow's clean step against plain `trafilatura.extract` on the bundled dev corpus.

    python -m bench.extraction_quality      # prints both scores, writes the results file

The corpus is `samples/corpus` (85 real pages with their true article bodies).
"""

from __future__ import annotations

import gzip
import json
import platform
import sys
import time
from pathlib import Path

import trafilatura

from bench.scoring import score
from newsflow.extractors import RawDocument
from newsflow.extractors.cleaning import clean

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "corpus"
RESULTS = ROOT / "bench" / "results" / "extraction_quality.json"


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
    return {
        "corpus": "samples/corpus (ScrapingHub article-extraction benchmark, dev half)",
        "pages": len(pages),
        "newsflow_clean": {**score(ours, truths).__dict__, "seconds": round(ours_seconds, 2)},
        "trafilatura_extract_default": {
            **score(plain, truths).__dict__,
            "seconds": round(plain_seconds, 2),
        },
        "trafilatura_version": trafilatura.__version__,
        "machine": f"{platform.machine()} {platform.system()}, python {platform.python_version()}",
    }


def main() -> int:
    results = evaluate()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    for label in ("newsflow_clean", "trafilatura_extract_default"):
        figures = results[label]
        assert isinstance(figures, dict)
        print(
            f"{label:<28} F1 {figures['f1']:.4f}  "
            f"P {figures['precision']:.4f}  R {figures['recall']:.4f}"
        )
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
