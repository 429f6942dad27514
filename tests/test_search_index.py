"""The search index on a DuckDB file: each load indexes the articles it stored or changed,
and a search ranks by BM25 as DuckDB's fts extension does (storage/_search.py)."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import duckdb
import pytest

from newsflow import pipeline, storage

TOPICS = ("harbour", "orchard", "glacier", "railway", "vineyard", "quarry", "lighthouse",
          "monastery", "brewery", "observatory")  # fmt: skip

# A fixed corpus whose articles differ in length and in how often they use each word, so
# no two score alike: accents, digits, punctuation, stop words and inflections included.
CORPUS = [
    (
        "storm",
        "Storm floods the harbour",
        "The storm flooded the harbour on Monday. Harbour workers said 12 boats sank; the "
        "harbour master called it the worst storm since 1987. Flooding reached the old town.",
    ),
    (
        "election",
        "Élection: the mayor's narrow win",
        "Voters elected the mayor again. The election was close: 50.2% to 49.8%. The mayor "
        "thanked voters and promised new railways, a new harbour and lower taxes.",
    ),
    (
        "railway",
        "Railway strike halts trains",
        "Railway workers went on strike, halting trains across the region. The strike, the "
        "third this year, left commuters stranded. Railway managers and the union will meet.",
    ),
    (
        "glacier",
        "Glacier retreat measured by satellites",
        "Satellites measured the glacier's retreat: 40 metres a year. Scientists warned that "
        "the glacier, which feeds the valley's rivers, could vanish by 2080.",
    ),
    (
        "vineyard",
        "Frost damages vineyards",
        "A late frost damaged vineyards in the valley. Vineyard owners lit fires between the "
        "vines; the harvest may fall by a third. Wine prices are expected to rise.",
    ),
    (
        "brewery",
        "Brewery reopens after fire",
        "The town's brewery reopened six months after a fire. Brewers restored the copper "
        "kettles, and the brewery's first beer sold out. The mayor attended the opening.",
    ),
    (
        "court",
        "Court rules on harbour expansion",
        "The court ruled that the harbour expansion may go ahead. Judges rejected the appeal "
        "of fishermen, who said the expansion would ruin fishing grounds near the harbour. "
        "The ruling can be appealed to the supreme court within thirty days.",
    ),
    (
        "monastery",
        "Monastery library digitised",
        "Monks and volunteers digitised the monastery's library: 8,000 manuscripts, some from "
        "the 12th century. Scholars can now read them online.",
    ),
    (
        "quarry",
        "Quarry blast rattles village",
        "A blast at the quarry rattled windows in the village. Residents complained; the quarry "
        "operator said the blast was within limits. Villagers want the quarry closed.",
    ),
    (
        "observatory",
        "Observatory spots comet",
        "Astronomers at the observatory spotted a comet, visible to the naked eye in March. "
        "The observatory will open its telescopes to the public.",
    ),
    (
        "market",
        "Market traders protest rents",
        "Traders at the covered market protested higher rents. The market, opened in 1890, "
        "houses 120 stalls; traders said rents doubled. The council will review the rents.",
    ),
    ("cafe", "Café crème prices", "A café raised its prices."),
]
QUERIES = ["harbour", "storm harbour", "railway strike", "mayor election voters",
           "court appeal ruling", "rents traders market", "glacier valley", "cafe",
           "the harbour of the town", "brewer"]  # fmt: skip


def _write(path: Path, stories: list[tuple[str, str, str]]) -> Path:
    path.write_text(
        "\n".join(
            json.dumps(
                {
                    "url": f"https://news.example/{key}",
                    "title": title,
                    "text": text,
                    "published": "2024-06-19",
                }
            )  # fmt: skip
            for key, title, text in stories
        )
        + "\n"
    )
    return path


def _records(path: Path, stories: list[tuple[str, str]]) -> Path:
    rows = []
    for key, word in stories:
        text = " ".join(
            f"The {word} in the valley was the subject of a long council meeting on Tuesday, "
            f"where residents argued about the {word} and its future for the town."
            for _ in range(6)
        )
        rows.append((key, f"The {word}", text))
    return _write(path, rows)


def _ingest(db: Path, path: Path) -> pipeline.Run:
    with pipeline.open_run(db, "ingest", {}) as run:
        pipeline.ingest(run, pipeline.IngestRequest.of([str(path)], workers=0))
    return run


def _hits(db: Path, terms: str) -> dict[str, float]:
    with storage.open_reader(db) as store:
        return {row[1]: row[0] for row in storage.search_articles(store, terms, 20)}


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _postings(db: Path) -> list[tuple[object, ...]]:
    return sorted(_rows(db, "SELECT article_id, term, tf FROM search_postings"))


def _fts_ranking(db: Path, terms: str) -> list[tuple[str, float]]:
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute(f"LOAD '{storage.fts_extension_path()}'")
        return con.execute(
            "SELECT title, score FROM (SELECT *, fts_main_articles.match_bm25(article_id, ?) "
            "AS score FROM articles) WHERE score IS NOT NULL ORDER BY score DESC",
            [terms],
        ).fetchall()


def _build_fts(db: Path) -> None:
    """What main's code left in a file: DuckDB's fts index over all articles."""
    with duckdb.connect(str(db)) as con:
        con.execute(f"LOAD '{storage.fts_extension_path()}'")
        con.execute(
            "PRAGMA create_fts_index('articles', 'article_id', 'title', 'text', overwrite=1)"
        )


def _ours(db: Path, terms: str) -> list[tuple[str, float]]:
    with storage.open_reader(db) as store:
        return [(row[1], row[0]) for row in storage.search_articles(store, terms, 50)]


def test_bm25_ranking_agrees_with_duckdbs_fts_on_a_fixed_corpus(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _ingest(db, _write(tmp_path / "corpus.jsonl", CORPUS))
    reference = tmp_path / "fts.duckdb"
    shutil.copy(db, reference)
    _build_fts(reference)
    compared = 0
    for terms in QUERIES:
        want = _fts_ranking(reference, terms)
        got = _ours(db, terms)
        assert [title for title, _ in got] == [title for title, _ in want], terms
        for (_, ours), (_, theirs) in zip(got, want, strict=True):
            assert ours == pytest.approx(theirs, abs=0.001), terms  # ours rounded to 3 places
        compared += len(want)
    assert compared >= 15  # the queries found something to compare
    assert _ours(db, "the of and") == []  # stop words only: nothing


def test_a_load_adds_postings_only_for_the_articles_it_stored(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _ingest(db, _records(tmp_path / "first.jsonl", [(t, t) for t in TOPICS]))
    before = _postings(db)
    first_ids = {row[0] for row in before}
    assert len(first_ids) == len(TOPICS)

    run = _ingest(db, _records(tmp_path / "second.jsonl", [("zeppelin", "zeppelin")]))
    assert "search_index_s" not in run.details  # the load indexed it: nothing left to fill
    after = _postings(db)
    added = sorted(set(after) - set(before))
    assert set(before) <= set(after)  # the earlier articles' rows are as they were
    assert len({row[0] for row in added}) == 1  # rows of one article only: the new one
    assert {row[0] for row in added}.isdisjoint(first_ids)
    assert "zeppelin" in {row[1] for row in added}
    hits = _hits(db, "zeppelin glacier")
    assert hits["The zeppelin"] > 0 and hits["The glacier"] > 0  # both ranked at once


def test_a_rerun_writes_nothing_and_a_changed_article_replaces_its_postings(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.duckdb"
    first = _records(tmp_path / "first.jsonl", [(t, t) for t in TOPICS])
    _ingest(db, first)
    postings, documents = _postings(db), _rows(db, "SELECT * FROM search_documents ORDER BY 1")

    _ingest(db, first)  # nothing changed: the index is as it was, row for row
    assert _postings(db) == postings
    assert _rows(db, "SELECT * FROM search_documents ORDER BY 1") == documents

    _ingest(db, _records(tmp_path / "changed.jsonl", [("harbour", "aqueduct")]))  # same URL
    for _ in range(2):  # the changed input twice: its rows replaced once, never doubled
        _ingest(db, _records(tmp_path / "changed.jsonl", [("harbour", "aqueduct")]))
        assert _rows(
            db, "SELECT count(*) FROM (SELECT article_id, term FROM search_postings "
            "GROUP BY ALL HAVING count(*) > 1)"
        ) == [(0,)]  # fmt: skip
        assert _rows(
            db, "SELECT count(*), count(DISTINCT article_id) FROM search_documents"
        ) == [(len(TOPICS), len(TOPICS))]  # fmt: skip
    assert _rows(
        db,
        "SELECT count(*) FROM articles a JOIN search_documents d USING (article_id) "
        "WHERE d.version <> a.version",
    ) == [(0,)]
    aqueduct = _hits(db, "aqueduct")
    assert list(aqueduct) == ["The aqueduct"] and aqueduct["The aqueduct"] > 0
    assert _hits(db, "harbour") == {}  # its old words are not searched any more


def test_a_file_from_before_the_index_migrates_and_is_searchable(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "news.duckdb"
    _ingest(db, _write(tmp_path / "corpus.jsonl", CORPUS))
    # Make the file main's code left (migrations 0001-0008 and DuckDB's fts index).
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE search_postings")
        con.execute("DROP TABLE search_documents")
        con.execute("DROP TABLE entity_redirects")  # 0010, made again with its views
        con.execute("ALTER TABLE documents DROP COLUMN content_lean")  # 0011
        con.execute("DELETE FROM schema_migrations WHERE version >= 9")
    _build_fts(db)
    want = {terms: _fts_ranking(db, terms) for terms in QUERIES}

    with caplog.at_level(logging.INFO, logger="newsflow.storage"):
        storage.Store.open(db).close()  # a writer's open migrates and fills the index
    assert f"indexed {len(CORPUS)} of {len(CORPUS)} articles" in caplog.text
    assert 9 in storage.Store.open(db).applied_migrations()
    assert _rows(
        db, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'fts_main_articles'"
    ) == [(0,)]  # the old index is dropped: nothing stale left to query
    for terms, ranking in want.items():
        got = _ours(db, terms)
        assert [title for title, _ in got] == [title for title, _ in ranking], terms
        for (_, ours), (_, theirs) in zip(got, ranking, strict=True):
            assert ours == pytest.approx(theirs, abs=0.001), terms

    run = _ingest(db, _records(tmp_path / "more.jsonl", [("zeppelin", "zeppelin")]))
    assert run.state == "completed"
    assert _hits(db, "zeppelin")["The zeppelin"] > 0

    # A backfill stopped between two chunks (a kill): the next run, even one that changes
    # nothing, indexes what is left.
    with duckdb.connect(str(db)) as con:
        for table in ("search_postings", "search_documents"):
            con.execute(
                f"DELETE FROM {table} WHERE article_id IN "
                "(SELECT article_id FROM articles ORDER BY article_id LIMIT 5)"
            )
    rerun = _ingest(db, tmp_path / "corpus.jsonl")
    assert "search_index_s" in rerun.details
    with storage.open_reader(db) as store:
        assert storage.unindexed_articles(store) == (0, len(CORPUS) + 1)
    assert [t for t, _ in _ours(db, "harbour")] == [t for t, _ in want["harbour"]]
