"""`documents` keeps an HTML page without what no extractor reads (comments, style sheets,
scripts other than JSON-LD when the date came from the page's head): cleaning the lean page
gives the same article, reprocessing finds the stored document again, and
NEWSFLOW_RAW_PAGES=exact keeps every byte."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
from pathlib import Path

import pytest

from newsflow import pipeline, storage
from newsflow.extractors import Article, RawDocument
from newsflow.extractors.cleaning import clean, lean_page
from newsflow.settings import SettingsError, from_env

CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus" / "html"


def _raw(content: bytes, uri: str = "file:///page.html") -> RawDocument:
    return RawDocument(uri=uri, content=content, kind="html", source_uri="file:///")


def _article(date_from: str | None = "meta") -> Article:
    sources = {"text": "html"} if date_from is None else {"published": date_from}
    return Article(text="body", field_sources=sources)


def test_every_corpus_page_cleans_the_same_from_its_lean_page_at_half_the_bytes():
    exact_bytes = lean_bytes = leaned = 0
    for path in sorted(CORPUS.glob("*.html.gz")):
        raw = _raw(gzip.decompress(path.read_bytes()), uri=path.as_uri())
        cleaned = clean(raw)
        lean = lean_page(raw, cleaned.article)
        exact_bytes += len(gzip.compress(raw.content, 4))
        if lean is None:
            lean_bytes += len(gzip.compress(raw.content, 4))
            continue
        leaned += 1
        lean_bytes += len(gzip.compress(lean, 4))
        again = clean(dataclasses.replace(raw, content=lean))
        assert (again.status, again.article) == (cleaned.status, cleaned.article), path.name
    assert leaned >= 80  # of 85
    assert lean_bytes < 0.6 * exact_bytes


def test_comments_styles_and_scripts_go_json_ld_and_markup_stay():
    page = (
        b"<html><head><style>p{color:red}</style><!-- a comment -->"
        b'<script type="application/ld+json">{"datePublished": "2024-06-19"}</script>'
        b"<SCRIPT>var published = '2024-01-01';</SCRIPT>"
        b'<script src="x.js"></script></head>'
        b'<body><p title="a <script> in an attribute">Text</p><script>a()</script>'
        b"<p>More</p></body></html>"
    )
    lean = lean_page(_raw(page), _article("jsonld"))
    assert lean == (
        b'<html><head><script type="application/ld+json">{"datePublished": "2024-06-19"}'
        b'</script></head><body><p title="a <script> in an attribute">Text</p>'
        b"<p>More</p></body></html>"
    )


def test_scripts_stay_when_the_date_came_from_the_page_itself():
    """htmldate's last resort reads the whole page's markup, scripts included."""
    page = b"<html><head><style>b{}</style><script>var d = '2024-06-19';</script></head></html>"
    for date_from in ("html", "url", None):
        lean = lean_page(_raw(page), _article(date_from))
        assert lean == b"<html><head><script>var d = '2024-06-19';</script></head></html>"


def test_pages_kept_exact_when_the_cut_could_change_them():
    page = b"<html><!-- c --><p>caf\xe9</p></html>"  # latin-1 bytes, no charset declared
    assert lean_page(_raw(page), _article()) is None
    declared = b'<html><meta charset="iso-8859-1"><!-- c --><p>caf\xe9</p></html>'
    assert lean_page(_raw(declared), _article()) == (
        b'<html><meta charset="iso-8859-1"><p>caf\xe9</p></html>'
    )
    assert lean_page(_raw(b"<p>x</p><!-- never closed <p>y</p>"), _article()) is None
    assert lean_page(_raw(b"<p>nothing to cut</p>"), _article()) is None
    assert lean_page(_raw(b"<!-- c --><p>x</p>"), None) is None  # no article: kept for later
    text = dataclasses.replace(_raw(b"<!-- c -->text"), kind="text")
    assert lean_page(text, _article()) is None


def _ingest(db: Path, folder: Path) -> None:
    with pipeline.open_run(db, "ingest", {}) as run:
        pipeline.ingest(run, pipeline.IngestRequest.of([str(folder)], workers=0))


def _page(folder: Path) -> bytes:
    folder.mkdir()
    first = sorted(CORPUS.glob("*.html.gz"))[0]
    content = gzip.decompress(first.read_bytes())
    (folder / "page.html").write_bytes(content)
    return content


@pytest.mark.slow
def test_a_stored_lean_page_is_found_again_by_reprocess_and_exact_keeps_every_byte(
    tmp_path, monkeypatch
):
    content = _page(tmp_path / "in")
    digest = hashlib.sha256(content).hexdigest()
    db = tmp_path / "lean.duckdb"
    _ingest(db, tmp_path / "in")
    with storage.Store.open(db, read_only=True) as store:
        rows = store.rows("SELECT document_id, size_bytes, content_lean FROM documents")
        assert rows == [(digest, len(content), True)]
        kept = storage.stored_document(store, digest)
    assert kept is not None and len(kept) < 0.8 * len(content)
    with pipeline.open_run(db, "reprocess", {}) as run:
        pipeline.reprocess(run, workers=0)
    assert run.summary["status_counts"] == {"unchanged": 1}
    with storage.Store.open(db, read_only=True) as store:  # no second document, no new version
        assert store.rows("SELECT document_id FROM documents") == [(digest,)]
        assert store.rows("SELECT version, last_document_id FROM articles") == [(1, digest)]

    monkeypatch.setenv("NEWSFLOW_RAW_PAGES", "exact")
    exact = tmp_path / "exact.duckdb"
    _ingest(exact, tmp_path / "in")
    with storage.Store.open(exact, read_only=True) as store:
        assert store.rows("SELECT content_lean FROM documents") == [(False,)]
        assert storage.stored_document(store, digest) == content


def test_a_raw_pages_setting_other_than_lean_or_exact_is_refused():
    assert from_env({"NEWSFLOW_RAW_PAGES": "Exact"}).load.raw_pages == "exact"
    with pytest.raises(SettingsError, match="NEWSFLOW_RAW_PAGES"):
        from_env({"NEWSFLOW_RAW_PAGES": "small"})
