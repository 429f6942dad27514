"""Flat memory (issue 14): each batch's Docs live in a spaCy memory zone, and a worker whose
resident memory passes its bound is replaced. Neither may change what is stored."""

from __future__ import annotations

import shutil
import subprocess
import sys
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


KEPT_WORDS = """
import sys
from pathlib import Path
from newsflow import pipeline
from newsflow.extractors import LoadSettings
from newsflow.extractors.nlp import load_model
from newsflow.extractors.sources import FetchSettings, plan_inputs

body, folder = Path(sys.argv[1]).read_text(), Path(sys.argv[2])

def build(word, nlp):
    page = folder / f"{word}.txt"
    page.write_text(body.replace(" the ", f" the {word} ", 3))
    read = pipeline.read_batch(plan_inputs([str(page)]).refs, LoadSettings(), FetchSettings())
    return pipeline.build_batch("run", read, set(), {}, LoadSettings(), nlp=nlp)

def past_the_bound(nlp):  # 50,000 strings are kept
    for number in range(60_000):
        nlp.vocab.strings.add(f"filler-{number}")

nlp = load_model()
kept = build("zorblaxian", nlp)
print("zorblaxian" in nlp.vocab.strings)  # the pipeline's first batch: kept
past_the_bound(nlp)
build("quuxendorfian", nlp)
print("quuxendorfian" in nlp.vocab.strings)  # past the bound: freed with the zone
zoned = load_model.__wrapped__()  # a second pipeline, not the cached one
build("exampletonian", zoned)
past_the_bound(zoned)
again = build("zorblaxian", zoned)
print("zorblaxian" in zoned.vocab.strings)
print(len(kept.children["mentions"]) > 20, again.children == kept.children,
      again.articles == kept.articles)
"""


def test_a_process_keeps_the_words_of_its_first_batches_and_frees_the_rest(
    tmp_path: Path,
) -> None:
    """A memory zone for every batch made each word's lexeme, and spaCy's tokenizer split each
    token, anew every batch (its cache is filled only outside a zone). A pipeline keeps what
    its first batches add to the vocabulary, up to a bound; past it, the zone frees the rest.
    Kept or not, the rows are the same."""
    done = subprocess.run(
        [sys.executable, "-c", KEPT_WORDS, str(SAMPLE_ARTICLE), str(tmp_path)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "False", "False", "True", "True", "True"]


def test_the_memory_log_has_a_line_per_load_window_and_nothing_when_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NEWSFLOW_MEMORY_LOG (benchmarks): after each load window, the flow process's RSS, its
    malloc heap and DuckDB's own accounting; unset, no file and the same rows."""
    import json

    folder = _inputs(tmp_path)
    log = tmp_path / "memory.jsonl"
    request = pipeline.IngestRequest.of([str(folder)], workers=0, batch_size=2)
    monkeypatch.setenv("NEWSFLOW_MEMORY_LOG", str(log))
    with pipeline.open_run(tmp_path / "logged.duckdb", "ingest", request.parameters()) as run:
        pipeline.ingest(run, request)
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert lines and [line["window"] for line in lines] == list(range(1, len(lines) + 1))
    assert (
        sum(line["articles"] for line in lines) == _counts(tmp_path / "logged.duckdb")["articles"]
    )
    assert all(line["rss_mb"] > 0 and "IN_MEMORY_TABLE" in line["duckdb"]["tags"] for line in lines)
    monkeypatch.delenv("NEWSFLOW_MEMORY_LOG")
    log.unlink()
    with pipeline.open_run(tmp_path / "plain.duckdb", "ingest", request.parameters()) as run:
        pipeline.ingest(run, request)
    assert not log.exists()
    assert _counts(tmp_path / "plain.duckdb") == _counts(tmp_path / "logged.duckdb")
