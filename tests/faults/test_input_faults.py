"""Poison inputs: each bad input becomes its own status row, the rest is stored as a clean
run stores it, and a re-run adds nothing. Matrix rows I1-I9 (docs/reliability.md)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS
from faultkit import (  # noqa: F401 - *_fixture: the fixtures this module uses
    assert_same_as_clean,
    clean_fixture,
    faulted_fixture,
    ingest,
    rows,
    snapshot,
    statuses,
)
from spacy.language import Language

from newsflow import pipeline, storage
from newsflow.extractors import LoadSettings
from newsflow.extractors.nlp import load_model, parse
from newsflow.extractors.sources import FetchSettings, plan_inputs

PARAGRAPH = (
    "Officials from France and Germany met in Geneva on Tuesday, President Emmanuel Macron "
    "said, adding that Chancellor Olaf Scholz would travel to Moscow next week."
)
ARTICLE = f"Talks resume in Geneva\n\nBy Jane Smith, Reuters\n\n{PARAGRAPH}\n"


def test_bad_local_inputs_become_status_rows_and_the_rest_is_stored(clean, faulted):
    folder, db = faulted
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 100)
    (folder / "latin1.txt").write_bytes("Titre\n\nCaf\xe9 cr\xe8me ".encode("latin-1") * 100)
    with (folder / "huge.html").open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # over the 20 MiB input limit, never read
    (folder / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (folder / "broken.html.gz").write_bytes(b"not gzip at all")
    surrogate = {"url": "https://example.com/s", "title": "S", "text": "Paris \ud800 talks. " * 9}
    (folder / "records.jsonl").write_text("{oops\n" + json.dumps(surrogate) + "\n")
    ingest(db, [folder, folder.parent / "missing.html", str(folder / "nowhere" / "*.html")])
    found = statuses(db)
    assert {name: found[name] for name in found if name not in _good_names(folder)} == {
        "empty.html": ("failed", "empty"),
        "binary.html": ("failed", "binary"),
        "latin1.txt": ("failed", "encoding"),
        "huge.html": ("failed", "too_large"),
        "nav.html": ("skipped", "no_article"),
        "broken.html.gz": ("failed", "bad_gzip"),
        "records.jsonl#L1": ("failed", "malformed_json"),
        "records.jsonl#L2": ("failed", "clean_error"),  # a lone surrogate: was a crash
        "missing.html": ("failed", "not_found"),
        "*.html": ("failed", "not_found"),
    }
    assert all(found[name] == ("new", "") for name in _good_names(folder))
    # raw inputs kept: the latin-1 text, the navigation page and the surrogate record
    assert_same_as_clean(clean, db, extra_documents=3)
    before = snapshot(db)
    ingest(db, [folder])
    assert snapshot(db) == before


def _good_names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir() if path.name.endswith((".gz", ".txt"))} - {
        "broken.html.gz", "latin1.txt"
    }  # fmt: skip


@pytest.fixture
def short_model():
    """The real model with a 2,000-character limit, so a text of a few paragraphs is over
    it (spaCy's own default is 1,000,000)."""
    nlp = load_model()
    limit = nlp.max_length
    nlp.max_length = 2_000
    yield nlp
    nlp.max_length = limit


def test_a_text_over_the_models_limit_is_annotated_in_pieces_true_to_the_stored_text(
    short_model, tmp_path
):
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday") * 12
    paragraphs = [PARAGRAPH.replace("Tuesday", day) for day in days]
    text = "Talks resume in Geneva\n\nBy Jane Smith, Reuters\n\n" + "\n\n".join(paragraphs)
    assert len(text) > 3 * short_model.max_length
    with pytest.raises(ValueError, match="E088"):  # what failed the whole run before
        short_model(text)
    source = tmp_path / "in" / "long.txt"
    source.parent.mkdir()
    source.write_text(text)
    db = tmp_path / "long.duckdb"
    run = ingest(db, [source])
    assert run.state == "completed"
    (stored,) = rows(db, "SELECT text FROM articles")[0]
    mentions = rows(db, "SELECT start_char, end_char, text, sentence_index FROM mentions")
    assert len(mentions) > 100
    assert all(stored[start:end] == said for start, end, said, _ in mentions)
    # sentence indexes run over the whole article, in order of the text
    ordered = [sentence for _, _, _, sentence in sorted(mentions)]
    assert ordered == sorted(ordered) and ordered[-1] > 30
    linked = rows(
        db,
        "SELECT e.start_char, e.end_char, e.text, e.sentence_index, m.sentence_index "
        "FROM entity_mentions e JOIN mentions m USING (article_id, start_char)",
    )
    assert linked and all(stored[s:e] == said for s, e, said, _, _ in linked)
    assert all(ours == models for _, _, _, ours, models in linked)
    doc = next(parse([stored], short_model))
    assert doc.text == stored


@pytest.mark.slow
def test_the_3500_paragraph_page_from_the_issue_is_stored_and_a_rerun_adds_nothing(tmp_path):
    folder = tmp_path / "html"
    folder.mkdir()
    for page in sorted((CORPUS / "html").glob("*.html.gz"))[:3]:
        shutil.copy(page, folder / page.name)
    paragraphs = "\n".join(
        f"<p>Paragraph {n}: officials in Geneva said on Tuesday that talks between Russia "
        f"and China over trade would resume, President Joe Biden told Vladimir Putin, and "
        f"the talks would go on for some weeks, according to people familiar with them. "
        f"Diplomats from both sides are expected to meet again in Vienna next month.</p>"
        for n in range(3_500)
    )
    page = f"<html><head><title>A long page</title></head><body><article>{paragraphs}"
    (folder / "long.html").write_text(page + "</article></body></html>")
    assert (folder / "long.html").stat().st_size > 1_000_000
    db = tmp_path / "long.duckdb"
    first = ingest(db, [folder])
    assert first.state == "completed"
    assert statuses(db) == {name: ("new", "") for name in os.listdir(folder)}
    (length,) = rows(db, "SELECT length(text) FROM articles WHERE uri LIKE '%long.html'")[0]
    assert length > load_model().max_length
    before = snapshot(db)
    ingest(db, [folder])
    assert set(statuses(db).values()) == {("unchanged", "")}
    assert snapshot(db) == before


@Language.component("newsflow_test_poison")
def _poison(doc):
    if "POISON" in doc.text:
        raise RuntimeError("a component failed on this text")
    return doc


def _read(folder: Path):
    plan = plan_inputs([str(folder)])
    read = pipeline.read_batch(plan.refs, LoadSettings(), FetchSettings())
    return read, {source.locator: source.source_id for source in plan.sources}, plan


def _load(db: Path, batch, plan) -> None:
    with storage.Store.open(db) as store:
        storage.begin_run(store, batch.run_id, "ingest", {})
        storage.load(store, storage.Batch(batch.run_id, sources=storage.source_rows(plan.sources)))
        pipeline.load_batch(store, batch)


def test_an_input_the_model_fails_on_is_its_own_failed_row(clean, faulted):
    folder, db = faulted
    (folder / "poison.txt").write_text(ARTICLE.replace("Geneva on", "POISON on"))
    # a pipeline of its own, as a run builds it (not the cached one other tests share)
    nlp = load_model.__wrapped__()
    nlp.add_pipe("newsflow_test_poison", last=True)
    read, sources, plan = _read(folder)
    batch = pipeline.build_batch("run-1", read, set(), sources, LoadSettings(), None, nlp)
    failed = [item for item in batch.run_items if item.get("status") == "failed"]
    assert [(Path(i["uri"]).name, i["reason"].split(":")[0]) for i in failed] == [
        ("poison.txt", "parse_error")
    ]
    _load(db, batch, plan)
    assert_same_as_clean(clean, db, extra_documents=1)


def test_an_input_whose_rows_the_database_refuses_fails_alone(clean, faulted):
    folder, db = faulted
    (folder / "refused.txt").write_text(ARTICLE)
    read, sources, plan = _read(folder)
    batch = pipeline.build_batch("run-1", read, set(), sources, LoadSettings(), None)
    for row in batch.articles:
        if row["uri"].endswith("refused.txt"):
            row["word_count"] = 2**70  # past BIGINT: Arrow refuses the whole batch
    with pytest.raises(storage.RowsRejected), storage.Store.open(db) as store:
        storage.load(store, batch)  # as one transaction nothing of it is written
    assert rows(db, "SELECT count(*) FROM articles") == [(0,)]
    _load(db, batch, plan)
    reasons = dict(rows(db, "SELECT regexp_extract(uri, '[^/]+$'), reason FROM run_items "
                            "WHERE status = 'failed'"))  # fmt: skip
    assert list(reasons) == ["refused.txt"] and reasons["refused.txt"].startswith("load_error")
    assert_same_as_clean(clean, db, extra_documents=1)


def test_a_glob_through_a_symlink_cycle_ends_and_finds_each_file_once(clean, faulted):
    folder, db = faulted
    (folder / "loop").symlink_to(".", target_is_directory=True)
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    ingest(db, [f"{folder}/**/*.html.gz", f"{folder}/**/*.txt", folder])
    names = [name for (name,) in rows(db, "SELECT regexp_extract(uri, '[^/]+$') FROM run_items")]
    assert sorted(names) == sorted(_good_names(folder))
    assert_same_as_clean(clean, db)
