"""The reprocess job: clean and annotate stored raw inputs again, without fetching anything.

For a date range (published date, or the day first seen), for the articles an old
extractor version annotated, or for those whose current version lacks rows of today's
extractors (`outdated`: after a rule change ships as a new version). A changed cleaning
result becomes a new article version; a new extractor version adds its rows to the
current version; nothing already stored is written twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from newsflow import storage
from newsflow.extractors import RawDocument, article_id

from ._batches import ReadResult, add_stage_times, load_batch
from ._driver import drive, load_window
from ._run import Run
from ._workers import Deadline, WorkerPool, default_workers, in_flight, known_people

RECORD_FIELDS = ("title", "text", "published", "authors")  # as the JSONL loader keeps them


def current_extractors() -> tuple[tuple[str, str], ...]:
    """The extractor versions a current article is expected to have rows of (imported here,
    not with the module: the NLP package loads spaCy)."""
    from newsflow.extractors.nlp import ENTITIES_VERSION, EVENTS_VERSION, STORIES_VERSION

    return (
        ("events", EVENTS_VERSION),
        ("entity_mentions", ENTITIES_VERSION),
        ("article_entities", ENTITIES_VERSION),
        ("story_signatures", STORIES_VERSION),
    )


class KeyMismatch(ValueError):
    """A stored document no longer maps to its article's key (identity rules changed)."""


def raw_document(row: dict[str, Any], content: bytes) -> RawDocument:
    """The `RawDocument` a stored input was, rebuilt from `documents` and `articles` rows.

    The article key must come out the same, so the URL the input had is found again among
    the candidates (the fetched URI, the stored article URL, none) by checking the key.
    """
    fields: dict[str, object] = {}
    record_url = None
    if row["kind"] == "record":
        record = json.loads(content)
        fields = {k: record[k] for k in RECORD_FIELDS if k in record}
        record_url = record.get("url")
    uri = row["uri"]
    web = uri if uri.startswith(("http://", "https://")) else None
    for url in dict.fromkeys((record_url, web, row.get("url"), None)):
        raw = RawDocument(
            uri=uri,
            content=content,
            kind=row["kind"],
            source_uri=row.get("source_locator") or "",
            url=url,
            content_type=row.get("content_type"),
            fields=fields,
            stored_id=row["document_id"],  # a lean page's bytes do not hash to it
        )
        if article_id(raw) == row["article_id"]:
            return raw
    raise KeyMismatch(f"{uri}: its stored document no longer maps to article {row['article_id']}")


def rebuild_documents(store: storage.Store, rows: list[dict[str, Any]]) -> ReadResult:
    """The stored raw inputs of these articles, as the documents they were."""
    result = ReadResult()
    with store.window():  # one opening of the file for the batch, not one per document
        for row in rows:
            content = storage.stored_document(store, row["document_id"])
            if content is not None:
                result.documents.append(raw_document(row, content))
    return result


def load_again(store: storage.Store, batch: storage.Batch) -> dict[str, int]:
    """Load a reprocessed batch: changed articles become new versions, and the current
    version of every article gains the rows of extractor versions it lacks."""
    report = load_batch(store, batch)
    added = {
        table: storage.add_annotations(store, table, rows) for table, rows in batch.children.items()
    }
    storage.update_cross_article(store, batch.children)
    return {"new": report.count("new"), "updated": report.count("updated"),
            "unchanged": report.count("unchanged"), **added}  # fmt: skip


def reprocess(
    run: Run,
    since: date | None = None,
    until: date | None = None,
    extractor: str | None = None,
    outdated: bool = False,
    batch_size: int = 64,
    workers: int | None = None,
) -> None:
    """Clean and annotate again the stored articles the options select (all by default)."""
    store, runner, logger = run.store, run.runner, run.logger
    batch_size = max(1, batch_size)
    lacking = current_extractors() if outdated else ()
    rows = storage.articles_to_reprocess(store, since, until, extractor, lacking)
    logger.info("%d stored articles to reprocess", len(rows))
    sources = {r["source_locator"]: r["source_id"] for r in rows if r["source_locator"]}
    chunks = [rows[i : i + batch_size] for i in range(0, len(rows), batch_size)]
    if workers is None:
        workers = default_workers(len(rows), batch_size)
    run.details.update(workers=workers)
    done = 0
    deadline = Deadline(per_input_s=run.settings.input_timeout_s)
    with WorkerPool(workers, known_people(store), deadline=deadline) as pool:

        def work() -> Iterator[tuple[str, list[dict[str, Any]], ReadResult]]:
            for number, chunk in enumerate(chunks, start=1):
                label = f"{number} ({len(chunk)} stored articles)"
                read = runner.call("read", f"rebuild-batch-{label}", rebuild_documents, store,
                                   chunk)  # fmt: skip
                yield label, chunk, read

        def submit(item: tuple[str, list[dict[str, Any]], ReadResult]) -> Any:
            label, _, read = item
            return runner.submit("process", f"clean-annotate-{label}", pool.process,
                                 run.run_id, read, set(), sources, run.settings.load)  # fmt: skip

        def load(item: tuple[str, list[dict[str, Any]], ReadResult], batch: storage.Batch) -> None:
            nonlocal done
            label, chunk, _ = item
            counts = runner.call("load", f"load-batch-{label}", load_again, store, batch)
            add_stage_times(run.stage_cpu_s, batch)
            done += len(chunk)
            logger.info("batch %s: %s", label, counts)
            run.progress(done, len(rows), f"batch {label}")

        drive(work(), submit, load, depth=in_flight(workers), window=load_window(store))
