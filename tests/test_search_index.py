"""The search index on a DuckDB file is rebuilt only when enough changed since its last build,
and a search still finds the articles stored since then (storage/_search.py)."""

from __future__ import annotations

import json
from pathlib import Path

from newsflow import pipeline, storage

TOPICS = ("harbour", "orchard", "glacier", "railway", "vineyard", "quarry", "lighthouse",
          "monastery", "brewery", "observatory")  # fmt: skip


def _records(path: Path, stories: list[tuple[str, str]]) -> Path:
    lines = []
    for key, word in stories:
        text = " ".join(
            f"The {word} in the valley was the subject of a long council meeting on Tuesday, "
            f"where residents argued about the {word} and its future for the town."
            for _ in range(6)
        )
        lines.append(json.dumps({"url": f"https://news.example/{key}", "title": f"The {word}",
                                 "text": text, "published": "2024-06-19"}))  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    return path


def _ingest(db: Path, path: Path) -> dict[str, object]:
    with pipeline.open_run(db, "ingest", {}) as run:
        pipeline.ingest(run, pipeline.IngestRequest.of([str(path)], workers=0))
    return run.details


def _hits(db: Path, terms: str) -> dict[str, float]:
    with storage.open_reader(db) as store:
        return {row[1]: row[0] for row in storage.search_articles(store, terms, 20)}


def test_a_small_run_defers_the_rebuild_and_search_still_finds_its_articles(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.duckdb"
    first = _ingest(db, _records(tmp_path / "first.jsonl", [(t, t) for t in TOPICS]))
    assert "search_index_s" in first  # no index yet: built

    # One article more is under a fifth of the ten indexed: no rebuild, found by word match
    second = _ingest(db, _records(tmp_path / "second.jsonl", [("zeppelin", "zeppelin")]))
    assert "search_index_s" not in second
    hits = _hits(db, "zeppelin glacier")
    assert hits["The glacier"] > 0  # ranked by BM25
    assert hits["The zeppelin"] == 0  # newer than the index: listed after the ranked ones
    assert list(hits).index("The zeppelin") > list(hits).index("The glacier")

    # Two more make three since the build, over a fifth of ten: rebuilt, now ranked
    third = _ingest(
        db, _records(tmp_path / "third.jsonl", [("canal", "canal"), ("bazaar", "bazaar")])
    )
    assert "search_index_s" in third
    assert _hits(db, "zeppelin")["The zeppelin"] > 0
    with storage.open_reader(db) as store:
        assert storage.unindexed_articles(store) == (0, 13)


def test_a_changed_article_is_found_by_its_new_words_before_the_rebuild(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _ingest(db, _records(tmp_path / "first.jsonl", [(t, t) for t in TOPICS]))
    _ingest(db, _records(tmp_path / "changed.jsonl", [("harbour", "aqueduct")]))  # same URL
    hits = _hits(db, "aqueduct")
    assert hits == {"The aqueduct": 0.0}
    assert "The harbour" not in _hits(db, "harbour")  # its old text is not searched any more
