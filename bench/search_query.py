"""The search index at the size of a real store: query time of `newsflow search` (BM25 over
`search_postings`, storage/_search.py) against DuckDB's fts index (`match_bm25`, what main
built at every run's end) on the same articles, the two rankings compared, and what building
each costs, each in a fresh process (its time and peak RSS):

- `fts`: `PRAGMA create_fts_index` over every article (main's rebuild at a run's end);
- `backfill`: `Store.refresh_search_index(force=True)`, every article indexed again in chunks
  (what a file made by main gets once, when migrated).

    python -m bench.search_query DB --results FILE   # DB: a store with articles, e.g. from
                                                     # python -m bench.rss_trace --keep DIR
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QUERIES = ("election president", "oil prices", "police said", "court ruling appeal",
           "football club", "missile launch", "climate change", "stock market",
           "vaccine", "prime minister")  # fmt: skip
ROUNDS = 5


def _child(kind: str, db: str) -> None:
    """Build one index over `db`, print its seconds and this process's peak RSS."""
    import duckdb

    from newsflow import storage

    began = time.perf_counter()
    if kind == "fts":
        with duckdb.connect(db, config={"memory_limit": "512MB", "threads": 1}) as con:
            con.execute(f"LOAD '{storage.fts_extension_path()}'")
            con.execute(
                "PRAGMA create_fts_index('articles', 'article_id', 'title', 'text', overwrite=1)"
            )
    else:
        with storage.Store.open(db) as store:
            store.refresh_search_index(force=True)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1)}))


def _build(kind: str, db: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.search_query", "--child", kind, str(db)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fts_search(con: Any, terms: str) -> list[tuple[str, float]]:
    return con.execute(
        "SELECT article_id, score FROM (SELECT *, fts_main_articles.match_bm25(article_id, ?)"
        " AS score FROM articles) WHERE score IS NOT NULL "
        "ORDER BY score DESC, published_date DESC NULLS LAST LIMIT 10",
        [terms],
    ).fetchall()


def _our_search(store: Any, terms: str) -> list[tuple[str, float]]:
    from newsflow import storage

    return [(row[4], row[0]) for row in storage.search_articles(store, terms, 10)]


def _timed(search: Any, opened: Any, terms: str, times: list[float]) -> list[Any]:
    began = time.perf_counter()
    found = search(opened, terms)
    times.append(time.perf_counter() - began)
    return found


def measure(db: Path) -> dict[str, object]:
    import duckdb

    from newsflow import storage

    with tempfile.TemporaryDirectory(prefix="newsflow-search-") as temp:
        ours, theirs = Path(temp) / "ours.duckdb", Path(temp) / "fts.duckdb"
        shutil.copy(db, ours)
        shutil.copy(db, theirs)
        with storage.open_reader(ours) as store:
            articles, postings = store.rows(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM search_postings)"
            )[0]
        builds = {"fts": _build("fts", theirs), "backfill": _build("backfill", ours)}
        times: dict[str, list[float]] = {"ours": [], "fts": []}
        opened: dict[str, list[float]] = {"ours": [], "fts": []}
        agree, close = 0, 0
        with (
            storage.open_reader(ours) as reader,
            duckdb.connect(str(theirs), read_only=True) as con,
        ):
            con.execute(f"LOAD '{storage.fts_extension_path()}'")
            for _ in range(ROUNDS):  # alternating: ours, fts, ours, fts, …
                for terms in QUERIES:
                    got = _timed(_our_search, reader, terms, times["ours"])
                    want = _timed(_fts_search, con, terms, times["fts"])
                    agree += [round(s, 3) for _, s in got] == [round(s, 3) for _, s in want]
                    close += {a for a, _ in got} == {a for a, _ in want}
        for terms in QUERIES:  # a search as `newsflow search` makes it: open, load, query
            began = time.perf_counter()
            with storage.open_reader(ours) as store:
                _our_search(store, terms)
            opened["ours"].append(time.perf_counter() - began)
            began = time.perf_counter()
            with duckdb.connect(str(theirs), read_only=True) as fresh:
                fresh.execute(f"LOAD '{storage.fts_extension_path()}'")
                _fts_search(fresh, terms)
            opened["fts"].append(time.perf_counter() - began)
    return {
        "db": str(db),
        "articles": articles,
        "postings": postings,
        "builds": builds,
        "query_ms_median": {k: round(statistics.median(v) * 1000, 1) for k, v in times.items()},
        "query_ms_max": {k: round(max(v) * 1000, 1) for k, v in times.items()},
        "open_and_query_ms_median": {
            k: round(statistics.median(v) * 1000, 1) for k, v in opened.items()
        },
        "queries": len(QUERIES) * ROUNDS,
        "same_top10_scores": agree,
        "same_top10_articles": close,
        "load_avg": os.getloadavg(),
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args()
    result = measure(args.db)
    args.results.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
