"""Flat memory (issue 14): each batch's Docs live in a spaCy memory zone, and a worker whose
resident memory passes its bound is replaced. Neither may change what is stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import CORPUS, SAMPLE_ARTICLE

from newsflow import pipeline
from newsflow.extractors import LoadSettings
from newsflow.extractors.sources import FetchSettings, plan_inputs

TABLES = ("articles", "mentions", "entity_mentions", "events", "quotes", "date_mentions")


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE_ARTICLE, folder / "story.txt")
    for page in sorted((CORPUS / "html").glob("*.html.gz"))[:3]:
        shutil.copy(page, folder / page.name)
    return folder


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_runs_after_runs_in_one_process_store_the_same_rows(tmp_path: Path) -> None:
    """Batches on threads share the model; a zone ending in one must not free the strings of
    a Doc another thread is parsing (it did: E018 on the second run in a process)."""
    folder = _inputs(tmp_path)
    found = []
    for i in range(3):
        request = pipeline.IngestRequest.of([str(folder)], workers=0, batch_size=1)
        db = tmp_path / f"run-{i}.duckdb"
        with pipeline.open_run(db, "ingest", request.parameters()) as run:
            pipeline.ingest(run, request)
        assert run.summary["failures"] == []
        found.append(_counts(db))
    assert found[0]["mentions"] > 100
    assert found[0] == found[1] == found[2]


@pytest.mark.slow
def test_a_worker_over_its_memory_bound_is_replaced_and_stores_the_same_rows(
    tmp_path: Path,
) -> None:
    folder = _inputs(tmp_path)
    plan = plan_inputs([str(folder)])
    sources = {source.locator: source.source_id for source in plan.sources}
    reads = [
        pipeline.read_batch(plan.refs[i : i + 2], LoadSettings(), FetchSettings())
        for i in range(0, len(plan.refs), 2)
    ]
    with pipeline.WorkerPool(1, max_rss_mb=1) as pool:  # every worker is over 1 MB
        recycled = [pool.process("run-1", read, set(), sources, LoadSettings()) for read in reads]
        retired = list(pool.stats.retired)
        assert len(pool.pids()) == 1  # the replacement, started in its place
    assert len(retired) == 2 and all(why.startswith("recycled: ") for why in retired)
    in_process = [
        pipeline.build_batch("run-1", read, set(), sources, LoadSettings()) for read in reads
    ]
    for got, expected in zip(recycled, in_process, strict=True):
        assert [a["content_hash"] for a in got.articles] == [
            a["content_hash"] for a in expected.articles
        ]
        assert {t: len(r) for t, r in got.children.items()} == {
            t: len(r) for t, r in expected.children.items()
        }
