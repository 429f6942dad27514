"""Plain pipeline steps the flow's tasks call: read a batch, clean and annotate it, build rows.

Nothing here knows Prefect, so the steps are tested directly and a task retry never redoes a
side effect: the only write is `storage.load`, one transaction per batch.
"""

from __future__ import annotations

import gzip
import time as clock
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, Protocol

from extractors import (
    Article,
    InputRef,
    LoadSettings,
    NewsflowInputError,
    RawDocument,
    Source,
    article_id,
    clean,
    content_hash,
    enrich,
    extractor_version,
    load_model,
    mentions_of,
    parse,
    read_input,
)
from extractors._clean import cleaner_version
from storage import Batch

ENGLISH = ("en", None)  # None: too short to tell; the English model is the best guess


@dataclass
class ReadResult:
    documents: list[RawDocument] = field(default_factory=list)
    failures: list[tuple[InputRef, NewsflowInputError]] = field(default_factory=list)
    fetches: list[dict[str, Any]] = field(default_factory=list)  # `fetches` rows of URL inputs
    cpu_s: float = 0.0


def read_batch(refs: list[InputRef], settings: LoadSettings) -> ReadResult:
    """Read local inputs and fetch URLs; each failure is kept with its input, never raised.

    URLs go through the polite fetcher (flows._fetching.fetch_refs: robots.txt, per-host
    limits, private-address refusal, retries), all of a batch's URLs concurrently.
    """
    from flows._fetching import fetch_refs  # imports this module

    result = ReadResult()
    started = clock.thread_time()
    for ref in refs:
        if ref.kind == "url":
            continue
        try:
            result.documents.append(read_input(ref, settings))
        except NewsflowInputError as error:
            result.failures.append((ref, error))
    urls = [ref for ref in refs if ref.kind == "url"]
    if urls:
        documents, failures, result.fetches = fetch_refs(urls)
        result.documents.extend(documents)
        result.failures.extend(failures)
    result.cpu_s = clock.thread_time() - started
    return result


def source_rows(sources: Iterable[Source]) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    return [
        {
            "source_id": s.source_id,
            "kind": s.kind,
            "locator": s.locator,
            "first_seen_at": now,
            "last_seen_at": now,
        }
        for s in sources
    ]


def failure_row(uri: str, source_id: str | None, error: NewsflowInputError) -> dict[str, Any]:
    return {
        "uri": uri,
        "source_id": source_id,
        "status": error.status,
        "reason": f"{error.reason}: {error}",
    }


def _published(value: date | datetime | None) -> tuple[datetime | None, date | None]:
    if value is None:
        return None, None
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value, value.date()
    return datetime.combine(value, time(0, 0), tzinfo=UTC), value


def article_row(
    raw: RawDocument, article: Article, key: str, source_id: str, nlp_status: str
) -> dict[str, Any]:
    published, published_date = _published(article.published)
    return {
        "article_id": key,
        "content_hash": content_hash(article),
        "document_id": raw.document_id,
        "source_id": source_id,
        "uri": raw.uri,
        "url": article.url or raw.url,
        "title": article.title,
        "authors": list(article.authors),
        "published": published,
        "published_date": published_date,
        "site_name": article.site_name,
        "language": article.language,
        "description": article.description,
        "categories": list(article.categories),
        "tags": list(article.tags),
        "image": article.image,
        "captions": list(article.captions),
        "text": article.text,
        "word_count": article.word_count,
        "field_sources": article.field_sources,
        "nlp_status": nlp_status,
        "cleaner": cleaner_version(raw),
    }


def annotate(
    doc: Any, key: str, model_version: str, published: date | datetime | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Rows of the annotation tables for one parsed article: mentions, and the enrichment
    (canonical entities, dates, quotes, amounts, events) made from the same Doc."""
    rows = {
        "mentions": [
            {
                "article_id": key,
                "extractor": model_version,
                "mention_index": index,
                "sentence_index": mention.sentence,
                "start_char": mention.start,
                "end_char": mention.end,
                "label": mention.label,
                "text": mention.text,
            }
            for index, mention in enumerate(mentions_of(doc))
        ]
    }
    rows.update(enrich(doc, published).table_rows(key))
    return rows


def add_stage_times(totals: dict[str, float], batch: Batch) -> None:
    for stage, seconds in batch.stage_cpu_s.items():
        totals[stage] = totals.get(stage, 0.0) + seconds


class Processor(Protocol):
    """Cleans and annotates one batch: `build_batch` here, or a worker pool's `process`."""

    def __call__(
        self,
        run_id: str,
        read: ReadResult,
        known: set[str],
        sources: dict[str, str],
        settings: LoadSettings,
    ) -> Batch: ...


def build_batch(
    run_id: str,
    read: ReadResult,
    known: set[str],
    sources: dict[str, str],
    settings: LoadSettings,
    nlp: Any | None = None,
) -> Batch:
    """Clean, parse and turn one batch of raw documents into rows for `storage.load`.

    `known` holds article ids whose exact raw input is already stored: they are recorded as
    unchanged without cleaning or parsing. `sources` maps a source locator to its id.
    """
    batch = Batch(run_id=run_id, children={"mentions": []})
    if read.fetches:
        batch.children["fetches"] = [{**row, "run_id": run_id} for row in read.fetches]
    batch.stage_cpu_s["read"] = read.cpu_s
    started = clock.thread_time()
    for ref, error in read.failures:
        batch.run_items.append(failure_row(ref.uri, ref.source.source_id, error))
    to_parse: list[tuple[str, Article]] = []
    for raw in read.documents:
        key = article_id(raw)
        source_id = sources.get(raw.source_uri)
        item = {"uri": raw.uri, "source_id": source_id, "article_id": key}
        item["document_id"] = raw.document_id
        if key in known:
            batch.run_items.append({**item, "status": "unchanged"})
            continue
        batch.documents.append(
            {
                "document_id": raw.document_id,
                "kind": raw.kind,
                "content_type": raw.content_type,
                "size_bytes": len(raw.content),
                # Compressed here, in the worker, not by the single writer.
                "content_gzip": gzip.compress(raw.content, compresslevel=6),
            }
        )
        result = clean(raw, settings)
        if result.article is None:
            batch.run_items.append(
                {**item, "article_id": None, "status": result.status, "reason": result.reason}
            )
            continue
        article = result.article
        english = article.language in ENGLISH
        nlp_status = "done" if english else f"skipped_language_{article.language}"
        batch.articles.append(article_row(raw, article, key, source_id or "", nlp_status))
        batch.run_items.append({**item, "status": None, "reason": None})
        if english:
            to_parse.append((key, article))
    batch.stage_cpu_s["clean"] = clock.thread_time() - started
    started = clock.thread_time()
    annotating = 0.0  # mentions and enrichment, apart from the model's own time
    if to_parse:
        nlp = nlp or load_model()
        model_version = extractor_version(nlp)
        docs = parse((article.text for _, article in to_parse), nlp)
        for (key, article), doc in zip(to_parse, docs, strict=True):
            begun = clock.thread_time()
            for table, rows in annotate(doc, key, model_version, article.published).items():
                batch.children.setdefault(table, []).extend(rows)
            annotating += clock.thread_time() - begun
    batch.stage_cpu_s["nlp"] = clock.thread_time() - started - annotating
    batch.stage_cpu_s["events"] = annotating
    return batch
