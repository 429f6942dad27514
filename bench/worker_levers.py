"""CPU seconds per page of the parts of a worker's work that issue 14's levers touch, each
measured on its own over the same generated pages (bench/corpus_gen.py), in this process.

    python -m bench.worker_levers --pages 300 [--parts clean,langid,gzip,rows,nlp]

Prints one JSON object: for each part, CPU seconds per page (process CPU, all threads) of
each variant, and for the variants that must not change output whether they did. Run it
twice with OPENBLAS_NUM_THREADS=1 and without to see the BLAS threads' share of the parse.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from bench.corpus_gen import generate
from newsflow.extractors import LoadSettings, RawDocument


def _cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.process_time()
    value = fn()
    return time.process_time() - started, value


def _raws(pages: int) -> list[RawDocument]:
    return [
        RawDocument(uri=f"file:///bench/{name}", content=body, kind="html", source_uri="bench")
        for name, body in generate(pages)
    ]


def clean_part(raws: list[RawDocument]) -> dict[str, Any]:
    import trafilatura

    from newsflow.extractors.cleaning import clean

    settings = LoadSettings()
    pages = [raw.content.decode("utf-8", "replace") for raw in raws]
    out: dict[str, Any] = {}
    out["load_html"], _ = _cpu(lambda: [trafilatura.load_html(page) for page in pages])

    def extract_all(with_metadata: bool) -> list[Any]:
        return [
            trafilatura.bare_extraction(trafilatura.load_html(p), with_metadata=with_metadata)
            for p in pages
        ]

    for metadata in (True, False):
        seconds, _ = _cpu(partial(extract_all, metadata))
        out[f"load_html+bare_extraction(with_metadata={metadata})"] = seconds
    out["clean (whole, langid included)"], results = _cpu(
        lambda: [clean(r, settings) for r in raws]
    )
    return {"cpu_s_per_page": {k: v / len(raws) for k, v in out.items()}, "_results": results}


def langid_part(raws: list[RawDocument], results: list[Any]) -> dict[str, Any]:
    from newsflow.extractors.cleaning import detect_language

    texts = [r.article.text for r in results if r.article is not None]
    detect_language("warm up the identifier before timing it")
    seconds, languages = _cpu(lambda: [detect_language(t) for t in texts])
    html = [r.article.language for r in results if r.article is not None]
    agree = sum(1 for a, b in zip(html, languages, strict=True) if a == b)
    return {
        "cpu_s_per_page": {"detect_language": seconds / len(texts)},
        "pages": len(texts),
        "html_lang_equals_langid": agree,
        "langid": sorted(set(map(str, languages))),
        "html_lang": sorted(set(map(str, html))),
    }


def gzip_part(raws: list[RawDocument]) -> dict[str, Any]:
    out: dict[str, Any] = {"cpu_s_per_page": {}, "bytes_per_page": {}}
    raw_bytes = sum(len(r.content) for r in raws)
    out["raw_bytes_per_page"] = raw_bytes / len(raws)

    def compress_all(level: int) -> list[bytes]:
        return [gzip.compress(r.content, compresslevel=level) for r in raws]

    for level in (1, 3, 6):
        seconds, packed = _cpu(partial(compress_all, level))
        out["cpu_s_per_page"][f"level {level}"] = seconds / len(raws)
        out["bytes_per_page"][f"level {level}"] = sum(map(len, packed)) / len(raws)
    return out


def nlp_part(results: list[Any], sizes: list[int]) -> dict[str, Any]:
    from newsflow.extractors.nlp import load_model, mentions_of, parse

    nlp = load_model()
    texts = [
        r.article.text for r in results if r.article is not None and r.article.language == "en"
    ]
    list(parse(texts[:8], nlp))  # warm up
    out: dict[str, Any] = {"cpu_s_per_page": {}, "same_output": {}}
    reference: list[Any] | None = None
    for size in sizes:

        def run(bs: int = size) -> list[Any]:
            with nlp.memory_zone():
                return [
                    ([(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in doc], mentions_of(doc))
                    for doc in parse(texts, nlp, batch_size=bs)
                ]

        seconds, found = _cpu(run)
        out["cpu_s_per_page"][f"batch_size {size}"] = seconds / len(texts)
        out.setdefault("digest", {})[f"batch_size {size}"] = hashlib.sha256(
            repr(found).encode()
        ).hexdigest()[:16]
        if reference is None:
            reference = found
        out["same_output"][f"batch_size {size}"] = found == reference
    out["pages"] = len(texts)
    return out


def rows_part(raws: list[RawDocument], results: list[Any]) -> dict[str, Any]:
    from newsflow import storage
    from newsflow.extractors import article_id, content_hash
    from newsflow.extractors.nlp import enrich, load_model, mentions_of, parse, signature

    nlp = load_model()
    pairs = [(raw, r.article) for raw, r in zip(raws, results, strict=True) if r.article]
    out: dict[str, float] = {}

    def articles() -> None:
        for raw, article in pairs:
            storage.article_row(raw, article, article_id=article_id(raw),
                                content_hash=content_hash(article), source_id="s",
                                nlp_status="done", cleaner="c")  # fmt: skip
            storage.story_signature_rows("k", signature(article.text))

    out["article_row+signature"], _ = _cpu(articles)
    with nlp.memory_zone():
        docs = list(parse([a.text for _, a in pairs], nlp))
        out["mention_rows"], _ = _cpu(
            lambda: [storage.mention_rows("k", "v", mentions_of(d)) for d in docs]
        )
        out["enrich"], found = _cpu(
            lambda: [enrich(d, a.published, None) for d, (_, a) in zip(docs, pairs, strict=True)]
        )
        out["enrichment_rows"], _ = _cpu(lambda: [storage.enrichment_rows(e, "k") for e in found])
    return {"cpu_s_per_page": {k: v / len(pairs) for k, v in out.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--parts", default="clean,langid,gzip,rows,nlp")
    parser.add_argument("--sizes", default="32,8,64,128")
    args = parser.parse_args(argv)
    parts = args.parts.split(",")
    raws = _raws(args.pages)
    report: dict[str, Any] = {
        "pages": args.pages,
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip(),
        "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        "load_average_before": os.getloadavg(),
    }
    cleaned = clean_part(raws)
    results = cleaned.pop("_results")
    if "clean" in parts:
        report["clean"] = cleaned
    if "langid" in parts:
        report["langid"] = langid_part(raws, results)
    if "gzip" in parts:
        report["gzip"] = gzip_part(raws)
    if "rows" in parts:
        report["rows"] = rows_part(raws, results)
    if "nlp" in parts:
        report["nlp"] = nlp_part(results, [int(s) for s in args.sizes.split(",")])
    report["load_average_after"] = os.getloadavg()
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
