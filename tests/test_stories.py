"""Syndicated copies grouped into stories: signatures in the workers, the story step at load,
views that count stories beside articles, and figures on labelled pairs."""

from __future__ import annotations

import json

from conftest import ROOT

from newsflow import pipeline, storage
from newsflow.extractors.nlp import signature, similarity

PARAGRAPHS = [
    f"Paragraph {i}: officials in the capital said on Tuesday that talks over the border "
    f"dispute number {i} would resume next week after a pause of several months."
    for i in range(12)
]
STORY = "\n\n".join(PARAGRAPHS)
OTHER = "\n\n".join(
    f"Line {i}: the football club announced a new coach, the third in {i + 2} seasons, "
    "after a run of defeats that left supporters angry."
    for i in range(12)
)


def test_a_trimmed_copy_keeps_most_of_the_signature_and_another_story_none():
    full, trimmed, other = (
        signature(STORY),
        signature("\n\n".join(PARAGRAPHS[:8])),
        signature(OTHER),
    )
    assert full is not None and trimmed is not None and other is not None
    assert len(full.minhash) == 64 and len(full.bands) == 32
    assert similarity(full.minhash, full.minhash) == 1.0
    assert similarity(full.minhash, trimmed.minhash) > 0.4
    assert similarity(full.minhash, other.minhash) < 0.1
    assert signature("") is None
    assert signature("too short to sign").bands == ()


def _ingest(db, *paths):
    with pipeline.open_run(db, "ingest", {}) as run:
        pipeline.ingest(run, pipeline.IngestRequest.of([str(p) for p in paths], workers=0))


def test_copies_on_other_sites_share_a_story_and_views_count_stories(tmp_path):
    records = tmp_path / "wire.jsonl"
    lines = [
        {"url": "https://one.example/talks", "title": "Talks resume", "text": STORY,
         "published": "2024-06-19"},
        {"url": "https://two.example/border-talks", "title": "Border talks to resume",
         "text": "WASHINGTON (AP) - " + "\n\n".join(PARAGRAPHS[:8]), "published": "2024-06-19"},
        {"url": "https://three.example/club", "title": "New coach", "text": OTHER,
         "published": "2024-06-19"},
    ]  # fmt: skip
    records.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    db = tmp_path / "news.duckdb"
    _ingest(db, records)
    with storage.open_reader(db) as store:
        stories = dict(store.rows(
            "SELECT a.url, s.story_id FROM article_stories s JOIN articles a USING (article_id)"
        ))  # fmt: skip
        counts = store.rows("SELECT articles FROM story_counts ORDER BY articles DESC")
    assert stories["https://one.example/talks"] == stories["https://two.example/border-talks"]
    assert stories["https://three.example/club"] != stories["https://one.example/talks"]
    assert counts == [(2,), (1,)]
    # a second run of the same inputs adds nothing, and a reprocess keeps the stories
    _ingest(db, records)
    with pipeline.open_run(db, "reprocess", {}) as run:
        pipeline.reprocess(run, workers=0)
    with storage.open_reader(db) as store:
        again = dict(store.rows(
            "SELECT a.url, s.story_id FROM article_stories s JOIN articles a USING (article_id)"
        ))  # fmt: skip
        bands = store.rows("SELECT count(*), count(DISTINCT article_id) FROM story_bands")
    assert again == stories
    assert bands == [(96, 3)]


def test_event_counts_give_stories_beside_articles(tmp_path):
    sample = ROOT / "samples" / "articles" / "cnn-putin-pyongyang-2024-06-19.txt"
    text = sample.read_text()
    copy = tmp_path / "copy.txt"
    copy.write_text(text.replace("CNN", "Wire"))
    db = tmp_path / "news.duckdb"
    _ingest(db, sample, copy)
    with storage.open_reader(db) as store:
        (stories,) = store.rows("SELECT count(DISTINCT story_id) FROM article_stories")[0]
        rows = store.rows(
            "SELECT sum(articles), sum(stories) FROM event_counts_daily WHERE articles = 2"
        )
        putin = store.rows(
            "SELECT articles, stories FROM entity_counts WHERE name = 'Vladimir Putin'"
        )
    assert stories == 1
    assert putin == [(2, 1)]
    articles, story_count = rows[0]
    assert articles and articles == 2 * story_count


def test_story_grouping_holds_its_committed_figures_on_labelled_pairs():
    from bench.stories_quality import evaluate

    committed = json.loads((ROOT / "bench/results/stories_quality.json").read_text())
    results = evaluate()
    assert results["precision"] >= committed["precision"] - 0.01
    assert results["recall"] >= committed["recall"] - 0.01
    assert results["positive_pairs"] >= 200 and results["negative_pairs"] >= 10_000


def test_reprocess_outdated_signs_and_groups_articles_stored_before_stories(tmp_path):
    sample = ROOT / "samples" / "articles" / "cnn-putin-pyongyang-2024-06-19.txt"
    copy = tmp_path / "copy.txt"
    copy.write_text(sample.read_text().replace("CNN", "Wire"))
    db = tmp_path / "news.duckdb"
    _ingest(db, sample, copy)
    with storage.Store.open(db) as store:  # as a store of before issue 13 would be
        for table in ("story_signatures", "story_bands", "article_stories", "article_entities"):
            store.execute(f"DELETE FROM {table}")
    with pipeline.open_run(db, "reprocess", {}) as run:
        pipeline.reprocess(run, outdated=True, workers=0)
    with storage.open_reader(db) as store:
        signed = store.rows("SELECT count(*) FROM story_signatures")[0][0]
        stories = store.rows("SELECT count(DISTINCT story_id), count(*) FROM article_stories")
        voted = store.rows("SELECT count(DISTINCT article_id) FROM article_entities")[0][0]
    assert signed == 2 and stories == [(1, 2)] and voted == 2
    with pipeline.open_run(db, "reprocess", {}) as run:
        pipeline.reprocess(run, outdated=True, workers=0)
    assert run.summary["status_counts"] == {}  # nothing left outdated


def test_a_story_is_named_by_its_first_input_however_the_loads_fell_into_windows(tmp_path):
    # Articles first seen in one write window were taken in article-id order, so a story's
    # id (its first member's) depended on whether two copies landed in one window or two.
    copies = {
        "https://one.example/talks": STORY,
        "https://two.example/border-talks": "\n\n".join(PARAGRAPHS[:9]),
    }

    def records(path, urls):
        lines = [{"url": u, "title": "Talks", "text": copies[u], "published": "2024-06-19"}
                 for u in urls]  # fmt: skip
        path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
        return path

    def stories(db):
        with storage.open_reader(db) as store:
            return dict(store.rows(
                "SELECT a.url, s.story_id FROM article_stories s JOIN articles a USING (article_id)"
            ))  # fmt: skip

    def ids(db):
        with storage.open_reader(db) as store:
            return dict(store.rows("SELECT url, article_id FROM articles"))

    scratch = tmp_path / "scratch.duckdb"
    _ingest(scratch, records(tmp_path / "scratch.jsonl", list(copies)))
    # the input names first the copy whose article id sorts last
    first, second = sorted(copies, key=ids(scratch).get, reverse=True)
    together, apart = tmp_path / "together.duckdb", tmp_path / "apart.duckdb"
    _ingest(together, records(tmp_path / "both.jsonl", [first, second]))  # one window
    _ingest(apart, records(tmp_path / "first.jsonl", [first]))
    _ingest(apart, tmp_path / "both.jsonl")  # the second copy a window later
    assert stories(together) == stories(apart)
    assert set(stories(together).values()) == {ids(scratch)[first]}
