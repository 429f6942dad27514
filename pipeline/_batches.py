"""The work of one batch: read its inputs, then clean, parse and annotate them into rows.

Plain functions, run in worker processes as well as in this one: the only write is
`storage.load`, one transaction per batch, done by the caller. A retried stage therefore
never repeats a side effect.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
import time as clock
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from newsflow import storage
from newsflow.extractors import (
    LoadSettings,
    NewsflowInputError,
    RawDocument,
    article_id,
    content_hash,
)
from newsflow.extractors.sources import FetchSettings, InputRef, read_input

from ._fetch import fetch_refs
from ._signals import check_cancelled

if TYPE_CHECKING:
    from newsflow.extractors.nlp import KnownPeople

# The cleaner (trafilatura) and the NLP package (spaCy) are imported where a batch has work
# for them, not with this module: a re-run that finds nothing new never loads either
# (about 0.9 s of a 2.5 s no-change re-run of 1,000 files).

ENGLISH = ("en", None)  # None: too short to tell; the English model is the best guess


@dataclass
class ReadResult:
    """A batch's inputs as read or fetched; each failure is kept with its input."""

    documents: list[RawDocument] = field(default_factory=list)
    failures: list[tuple[InputRef, NewsflowInputError]] = field(default_factory=list)
    fetches: list[dict[str, Any]] = field(default_factory=list)  # `fetches` rows of URL inputs
    cpu_s: float = 0.0


class Known(set[str]):
    """Article ids of a batch whose exact raw input is stored already (a set, as before), and
    `skipped`: the batch's documents cleaning skipped before under the same cleaner and
    settings, document_id -> (status, reason). Neither is cleaned again."""

    def __init__(self, ids: Any = (), skipped: dict[str, tuple[str, str]] | None = None) -> None:
        super().__init__(ids)
        self.skipped = skipped or {}


def skip_key(raw: RawDocument, settings: LoadSettings) -> str:
    """What a recorded skip is valid for: the cleaner's version and the settings its
    decision depends on (`skipped_inputs.cleaner`)."""
    from newsflow.extractors.cleaning import cleaner_version

    return f"{cleaner_version(raw)}/min_words={settings.min_article_words}"


def recorded_skip(known: set[str], raw: RawDocument) -> tuple[str, str] | None:
    skipped: dict[str, tuple[str, str]] = getattr(known, "skipped", {})
    return skipped.get(raw.document_id) if skipped else None


@dataclass(frozen=True)
class DateWindow:
    """Keep only articles published in [since, until] (inclusive); the rest are `skipped`
    with reason `outside_range`. Undated articles are kept only when `keep_undated`."""

    since: date | None = None
    until: date | None = None
    keep_undated: bool = False

    def why_outside(self, day: date | None) -> str | None:
        if day is None:
            return None if self.keep_undated else "outside_range: no published date"
        inside = (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )
        return None if inside else f"outside_range: published {day.isoformat()}"


def read_batch(
    refs: list[InputRef], settings: LoadSettings, fetch_settings: FetchSettings
) -> ReadResult:
    """Read local inputs and fetch URLs (all of a batch's URLs at once, through the polite
    fetcher: robots.txt, per-host limits, private-address refusal, retries)."""
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
        documents, failures, result.fetches = fetch_refs(urls, fetch_settings)
        result.documents.extend(documents)
        result.failures.extend(failures)
    result.cpu_s = clock.thread_time() - started
    return result


def annotate(
    doc: Any,
    key: str,
    model_version: str,
    published: Any = None,
    people: KnownPeople | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Rows of the annotation tables for one parsed article: the model's mentions, and the
    enrichment (canonical entities, dates, quotes, amounts, events) made from the same Doc;
    `people` is what the store knows about people (short names resolve to them)."""
    from newsflow.extractors.nlp import enrich, mentions_of

    rows = {"mentions": storage.mention_rows(key, model_version, mentions_of(doc))}
    rows.update(storage.enrichment_rows(enrich(doc, published, people), key))
    return rows


def _failure(item: dict[str, Any], stage: str, error: BaseException) -> dict[str, Any]:
    """The run item of an input that failed inside a stage (not a bad input: a library's
    error on it), with its stage and error in the reason."""
    message = (str(error).strip().splitlines() or [""])[0][:300]
    return {
        **item,
        "article_id": None,
        "status": "failed",
        "reason": f"{stage}_error: {type(error).__name__}: {message}",
    }


def _parse_each(texts: list[str], nlp: Any) -> Iterator[Any]:
    """A Doc per text, in order, or the exception parsing that text raised: one `nlp.pipe`
    stream, and when it breaks, the texts it had not yet given back one at a time."""
    from newsflow.extractors.nlp import parse

    given = 0
    try:
        for doc in parse(texts, nlp):
            given += 1
            yield doc
    except Exception:  # noqa: BLE001 - found again below, text by text
        for text in texts[given:]:
            try:
                yield next(parse([text], nlp))
            except Exception as error:  # noqa: BLE001 - this text's failure, not the batch's
                yield error


# One batch at a time parses in a process: a memory zone frees, on leaving, the strings every
# Doc made since it began, also another thread's (batches run on threads when there are no
# worker processes); they hold the GIL anyway, so taking turns costs nothing.
_PARSING = threading.Lock()


_RETAINING = False


def retain_freed_memory() -> None:
    """Keep memory a batch frees for the next batch instead of handing it back to the system
    (glibc: blocks up to 32 MB from the heap, not mmap; the heap trimmed only past 1 GB).

    Parsing allocates and frees the same large arrays batch after batch; with glibc's
    defaults each came back from the system as fresh pages the kernel zeroes. Building 168
    pages' batches in one process: 104,000 page faults and 1.9 s of system time against
    5,400 and 0.35 s (23 s of user time). Whole `newsflow ingest` of 200 pages through one
    worker on one core, five alternating pairs on a loaded box: page faults 345,000 ->
    236,000, system time 4.9 -> 2.2 s, user + system 37.9 -> 36.0 s. The cost: a process's
    resident memory stays near its peak (830 MB against 350 between batches; the run's
    largest process 796 -> 825 MB). Batches parsed on a thread of this process (no
    workers) allocate from a thread arena and were not measurably helped. Once per process;
    nothing where the C library has no `mallopt` (not glibc)."""
    global _RETAINING
    if _RETAINING:
        return
    _RETAINING = True
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)  # glibc's largest on 64-bit
    mallopt(_M_TRIM_THRESHOLD, 1 << 30)


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8  # malloc.h
# How many malloc arenas the process that holds the database may use (glibc's default: 8 a
# core). Its threads (the runner's, which hand batches to the workers and take them back
# unpickled; the linger timers that close the file) each took an arena of their own, and
# glibc keeps what an arena frees for that arena: the flow process's heap grew with the
# run while what it used did not (bench/results/issue14.md, round 10).
MALLOC_ARENAS = 2
_SHARING = False


def share_malloc_arenas() -> None:
    """Let this process's threads share `MALLOC_ARENAS` malloc arenas (glibc), so memory one
    thread frees is reused by the others instead of held for the thread that freed it. Once
    per process, before its threads start (arenas made already stay); nothing where the C
    library has no `mallopt`."""
    global _SHARING
    if _SHARING:
        return
    _SHARING = True
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_ARENA_MAX, MALLOC_ARENAS)


_PLAIN_PAGES = False


def plain_pages_off_main_thread() -> None:
    """On a thread other than the main one (batches built in this process: no workers, as on
    one core), stop NumPy asking the kernel for huge pages for its large arrays; once per
    process, for the whole process.

    A thread allocates from a glibc thread arena, which unmaps a heap as soon as it is empty
    whatever `retain_freed_memory` set, so every batch's large arrays (spaCy's, through
    thinc) land on fresh memory. NumPy marks arrays of 4 MB and more `MADV_HUGEPAGE`, and
    the kernel then zeroes a whole 2 MB page at each first touch: 10 % of the CPU of
    `newsflow ingest` of 200 pages on one core (`clear_page_erms` under
    `do_huge_pmd_anonymous_page`, in the runner threads), system time 4.9–5.7 s against
    1.7 for the bare loop. With plain pages: 1.8–2.0 s (bench/results/issue14.md, round 7).
    On the main thread (a worker process, the main arena) freed memory is kept and its huge
    pages are reused, so nothing changes there. Nothing where NumPy has no such switch."""
    if threading.current_thread() is not threading.main_thread():
        use_plain_pages()


def use_plain_pages() -> None:
    """Stop NumPy asking the kernel for huge pages for its large arrays, for the whole
    process, once: for batches built in a process that also holds the database (no worker
    processes, as on one core), on whatever thread.

    DuckDB calls glibc's `malloc_trim` from that process (its `Allocator::FlushAll` when a
    database instance closes or its memory limit is set, and after a scheduler thread has
    idled 0.5 s): that hands every arena's free memory back to the kernel, the main
    thread's included, so the huge pages a batch freed are zeroed again for the next one
    (`strace -f -k -e trace=madvise`, bench/results/issue14.md, round 8). A worker process
    holds no database and keeps its huge pages."""
    global _PLAIN_PAGES
    if _PLAIN_PAGES:
        return
    _PLAIN_PAGES = True
    set_advice = _numpy_huge_page_switch()
    if set_advice is not None:
        set_advice(False)


def _numpy_huge_page_switch() -> Any:
    """NumPy's switch for `madvise(MADV_HUGEPAGE)` on large arrays (what the environment
    variable NUMPY_MADVISE_HUGEPAGE sets at import): a function of a bool returning the
    previous setting, or None."""
    import numpy

    core = getattr(numpy, "_core", None) or getattr(numpy, "core", None)
    return getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)


# How many strings a process's vocabulary may keep from what it parses. Until it has grown
# by this much since the pipeline's first batch, a batch is parsed outside the memory zone:
# the words it meets stay (their lexemes, and how spaCy's tokenizer split them, which it
# caches only outside a zone), so later batches do not make them again. In a zone every
# batch made each lexeme and split each token anew: ~10 % of the model's CPU on
# `bench.corpus_gen` pages (bench/results/issue14.md, round 9). Fresh news adds ~30
# strings an article to the model's 84,780, so the warm-up ends after a few thousand
# articles and a process's vocabulary stays flat after it (the zone frees the rest).
KEPT_STRINGS = 50_000
_FIRST_STRINGS: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def memory_zone(nlp: Any) -> Iterator[None]:
    """spaCy's `nlp.memory_zone()` (3.8+), one thread at a time: what the Docs made inside
    add to the vocabulary is freed on leaving; the first `KEPT_STRINGS` strings a pipeline
    meets are kept instead (no zone while its vocabulary is below that). A pipeline without
    zones (an older spaCy, a test double) gets none."""
    zone = getattr(nlp, "memory_zone", None)
    with _PARSING:
        if zone is not None and not _keeps_strings(nlp):
            with zone():
                yield
        else:
            yield


def _keeps_strings(nlp: Any) -> bool:
    """Whether a batch parsed now may keep what it adds to `nlp`'s vocabulary."""
    strings = len(nlp.vocab.strings)
    first = _FIRST_STRINGS.setdefault(nlp, strings)
    return strings - first < KEPT_STRINGS


def _document_row(raw: RawDocument, article: Any, settings: LoadSettings) -> dict[str, Any]:
    """The `documents` row of a new input: the lean page cleaning allows, unless the settings
    keep every page exact (NEWSFLOW_RAW_PAGES=exact)."""
    lean = None
    if settings.raw_pages == "lean":
        from newsflow.extractors.cleaning import lean_page

        try:
            lean = lean_page(raw, article)
        except Exception:  # noqa: BLE001 - the exact page is always a right thing to keep
            lean = None
    return storage.document_row(raw, lean)


def build_batch(
    run_id: str,
    read: ReadResult,
    known: set[str],
    sources: dict[str, str],
    settings: LoadSettings,
    window: DateWindow | None = None,
    nlp: Any | None = None,
    people: KnownPeople | None = None,
) -> storage.Batch:
    """Clean, parse and turn one batch of raw documents into rows for `storage.load`.

    `known` holds article ids whose exact raw input is already stored: they are recorded as
    unchanged without cleaning or parsing. `sources` maps a source locator to its id.
    `window` (backfills) drops articles published outside it before they are parsed.
    An input that makes cleaning, parsing or enrichment fail becomes a `failed` run item
    with the stage and error as its reason (its raw input is kept); the others go on.
    Every stored article gets a story signature (syndicated copies are grouped at load).
    """
    batch = storage.Batch(run_id=run_id, children={"mentions": [], "story_signatures": []})
    if read.fetches:
        batch.children["fetches"] = [{**row, "run_id": run_id} for row in read.fetches]
    batch.stage_cpu_s["read"] = read.cpu_s
    started = clock.thread_time()
    for ref, error in read.failures:
        batch.run_items.append(storage.failure_item(ref.uri, ref.source.source_id, error))
    to_parse: list[tuple[str, Any, dict[str, Any]]] = []
    for raw in read.documents:
        check_cancelled()  # in this process, a signal stops a batch between two inputs
        source_id = sources.get(raw.source_uri)
        item: dict[str, Any] = {"uri": raw.uri, "source_id": source_id, "article_id": None}
        item["document_id"] = raw.document_id
        try:
            key = article_id(raw)
        except Exception as error:  # noqa: BLE001 - e.g. a URL no canonical form takes
            batch.run_items.append(_failure(item, "clean", error))
            continue
        item["article_id"] = key
        if key in known:
            batch.run_items.append({**item, "status": "unchanged"})
            continue
        skipped = recorded_skip(known, raw)
        if skipped is not None:  # skipped by an earlier run, under the same cleaner
            status, reason = skipped
            batch.run_items.append({**item, "article_id": None, "status": status, "reason": reason})
            continue
        from newsflow.extractors.cleaning import clean, cleaner_version  # new input: work
        from newsflow.extractors.nlp import signature

        article = None
        try:
            result = clean(raw, settings)
            article = result.article
            if article is None:
                batch.run_items.append(
                    {**item, "article_id": None, "status": result.status, "reason": result.reason}
                )
                if result.status == "skipped":  # remembered, so the next run need not clean it
                    batch.children.setdefault("skipped_inputs", []).append(
                        {
                            "document_id": raw.document_id,
                            "cleaner": skip_key(raw, settings),
                            "status": result.status,
                            "reason": result.reason,
                            "run_id": run_id,
                            "recorded_at": datetime.now(UTC),
                        }
                    )
                continue
            english = article.language in ENGLISH
            row = storage.article_row(
                raw,
                article,
                article_id=key,
                content_hash=content_hash(article),
                source_id=source_id or "",
                nlp_status="done" if english else f"skipped_language_{article.language}",
                cleaner=cleaner_version(raw),
            )
            outside = window.why_outside(row["published_date"]) if window else None
            signatures = storage.story_signature_rows(key, signature(article.text))
        except Exception as error:  # noqa: BLE001 - one input's failure, not the batch's
            batch.run_items.append(_failure(item, "clean", error))
            continue
        finally:  # every new input is kept for reprocessing, whatever cleaning made of it
            batch.documents.append(_document_row(raw, article, settings))
        if outside:
            batch.run_items.append(
                {**item, "article_id": None, "status": "skipped", "reason": outside}
            )
            continue
        entry = {**item, "status": None, "reason": None}
        batch.articles.append(row)
        batch.children["story_signatures"].extend(signatures)
        batch.run_items.append(entry)
        if english:
            to_parse.append((key, article, entry))
    batch.stage_cpu_s["clean"] = clock.thread_time() - started
    started = clock.thread_time()
    annotating = 0.0  # mentions and enrichment, apart from the model's own time
    if to_parse:
        from newsflow.extractors.nlp import extractor_version, load_model

        retain_freed_memory()
        plain_pages_off_main_thread()
        nlp = nlp or load_model()
        model_version = extractor_version(nlp)
        dropped: set[str] = set()
        # The batch's Docs live in a memory zone: the strings and lexemes they add to the
        # model's vocabulary are dropped when it ends, so a worker's memory stays flat however
        # much text it sees (rows hold plain Python strings, made before the zone ends).
        with memory_zone(nlp):
            docs = _parse_each([article.text for _, article, _ in to_parse], nlp)
            for (key, article, entry), doc in zip(to_parse, docs, strict=True):
                check_cancelled()
                begun = clock.thread_time()
                try:
                    if isinstance(doc, BaseException):
                        raise doc
                    rows = annotate(doc, key, model_version, article.published, people)
                except Exception as error:  # noqa: BLE001 - one input's failure, not the batch's
                    stage = "parse" if error is doc else "enrich"
                    entry.update(_failure(entry, stage, error))
                    dropped.add(key)
                    continue
                finally:
                    annotating += clock.thread_time() - begun
                for table, table_rows in rows.items():
                    batch.children.setdefault(table, []).extend(table_rows)
        if dropped:  # parsed or enriched in vain: none of their rows is stored
            batch.articles = [row for row in batch.articles if row["article_id"] not in dropped]
            for table, kept in batch.children.items():
                batch.children[table] = [r for r in kept if r.get("article_id") not in dropped]
    batch.stage_cpu_s["nlp"] = clock.thread_time() - started - annotating
    batch.stage_cpu_s["events"] = annotating
    return batch


def add_stage_times(totals: dict[str, float], batch: storage.Batch) -> None:
    for stage, seconds in batch.stage_cpu_s.items():
        totals[stage] = totals.get(stage, 0.0) + seconds


def load_batch(store: storage.Store, batch: storage.Batch) -> storage.LoadReport:
    """Load a batch in one transaction; when its rows are refused, load its shared rows and
    then its inputs in halves, down to the one input whose rows are refused, which becomes a
    `failed` run item (`load_error`) with its raw input kept. What loads is what a whole
    load would have written."""
    try:
        return storage.load(store, batch)
    except storage.RowsRejected as error:
        refused = error
    report = storage.LoadReport()
    report.add(storage.load(store, batch.shared()))  # refused here: not one input's fault
    _load_halves(store, batch, batch.inputs(), report, refused)
    return report


def _load_halves(
    store: storage.Store,
    batch: storage.Batch,
    uris: list[str],
    report: storage.LoadReport,
    refused: storage.RowsRejected,
) -> None:
    if len(uris) == 1:
        part = batch.part(uris)
        reason = str(refused).split("rows refused: ", 1)[-1][:300]
        failed = [
            {**item, "article_id": None, "status": "failed", "reason": f"load_error: {reason}"}
            for item in part.run_items
        ]
        try:  # keep the raw input, which is plain bytes, unless it is what was refused
            report.add(storage.load(store, storage.Batch(batch.run_id, documents=part.documents,
                                                         run_items=failed)))  # fmt: skip
        except storage.RowsRejected:
            report.add(storage.load(store, storage.Batch(batch.run_id, run_items=failed)))
        return
    half = len(uris) // 2
    for chunk in (uris[:half], uris[half:]):
        try:
            report.add(storage.load(store, batch.part(chunk)))
        except storage.RowsRejected as error:
            _load_halves(store, batch, chunk, report, error)
