"""Polled sources (feeds, sitemaps, sites) and WARC files, through the one batch driver.

A crawl polls its sources (one conditional request per feed), picks the links not seen yet,
newest first, and fetches them in batches on an event loop of its own while the workers
clean and annotate the batch before. A source's polling state (validators, body hash,
interval, failures) is written with the last batch of the run, in the same transaction as
the rows it produced, so the state never runs ahead of the data: a crash mid-run re-polls
the source, and `seen_urls` (written with each batch) keeps stored pages from being fetched
again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from newsflow import storage
from newsflow.extractors import LoadSettings, NewsflowInputError, RawDocument, article_id
from newsflow.extractors.sources import (
    Fetcher,
    FetchSettings,
    InputRef,
    Link,
    PageOutcome,
    PollResult,
    Source,
    SourceState,
    WarcFilter,
    fetch_page,
    is_due,
    next_state,
    origin_of,
    poll,
    read_warc,
    select_links,
)

from ._batches import (
    DateWindow,
    Known,
    ReadResult,
    add_stage_times,
    build_batch,
    load_batch,
    skip_key,
)
from ._driver import drive, load_window
from ._fetch import LoopThread
from ._naming import batch_name
from ._runner import DirectRunner, Runner
from ._workers import batch_sizes

WARC_BATCH = 64


class Processor(Protocol):
    """Cleans and annotates one batch: `build_batch` here, or a worker pool's `process`."""

    def __call__(
        self,
        run_id: str,
        read: ReadResult,
        known: set[str],
        sources: dict[str, str],
        settings: LoadSettings,
        window: DateWindow | None = None,
    ) -> storage.Batch: ...


def in_process(nlp: Any = None) -> Processor:
    """A processor that cleans and annotates in this process, with `nlp` when given."""

    def process(
        run_id: str,
        read: ReadResult,
        known: set[str],
        sources: dict[str, str],
        settings: LoadSettings,
        window: DateWindow | None = None,
    ) -> storage.Batch:
        return build_batch(run_id, read, known, sources, settings, window, nlp)

    return process


@dataclass
class CrawlReport:
    run_id: str
    polled: dict[str, str] = field(default_factory=dict)  # locator -> poll status
    skipped: dict[str, str] = field(default_factory=dict)  # locator -> why not polled
    pages: int = 0
    page_failures: int = 0
    loads: list[storage.LoadReport] = field(default_factory=list)
    requests: int = 0
    stage_cpu_s: dict[str, float] = field(default_factory=dict)

    def count(self, change: str) -> int:
        return sum(report.count(change) for report in self.loads)


def known_inputs(
    store: storage.Store, read: ReadResult, settings: LoadSettings | None = None
) -> Known:
    """Article ids of the batch whose exact raw input is stored already, and its documents
    cleaning skipped before under the same cleaner and `settings`: nothing to redo."""
    settings = settings or LoadSettings()
    with store.window():  # one write window for both questions
        keys = [(article_id(d), d.document_id) for d in read.documents]
        known = Known(storage.known_inputs(store, keys))
        pairs = [
            (d.document_id, skip_key(d, settings))
            for d, (key, _) in zip(read.documents, keys, strict=True)
            if key not in known
        ]
        known.skipped = storage.recorded_skips(store, pairs)
    return known


@dataclass
class _Pages:
    number: int
    links: list[tuple[Link, Source]]
    outcomes: list[PageOutcome] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    read: ReadResult = field(default_factory=ReadResult)


class _Crawl:
    """One crawl's state between its polling and its page batches."""

    def __init__(
        self,
        store: storage.Store,
        run_id: str,
        sources: list[Source],
        settings: FetchSettings,
        loop: LoopThread,
        fetcher: Fetcher,
        only_due: bool,
    ) -> None:
        self.store = store
        self.run_id = run_id
        self.settings = settings
        self.loop = loop
        self.fetcher = fetcher
        self.only_due = only_due
        self.now = datetime.now(UTC)
        self.report = CrawlReport(run_id)
        self.requested = sources
        self.all_sources: dict[str, Source] = {s.source_id: s for s in sources}
        self.states = storage.source_states(store, list(self.all_sources))
        self.site_states: list[SourceState] = []
        self.results: list[PollResult] = []
        self.new_links: dict[str, int] = {}
        self.retry: set[str] = set()  # sources with a page that failed transiently

    def _due(self, source: Source) -> bool:
        state = self.states.get(source.source_id)
        if state and state.get("disabled_reason"):
            self.report.skipped[source.locator] = f"disabled: {state['disabled_reason']}"
            return False
        if self.only_due and not is_due(state, self.now):
            self.report.skipped[source.locator] = "not due"
            return False
        return True

    def _poll_all(self, sources: list[Source]) -> list[PollResult]:
        async def gather() -> list[PollResult]:
            return list(
                await asyncio.gather(
                    *(
                        poll(self.fetcher, s, self.states.get(s.source_id), self.now)
                        for s in sources
                    )
                )
            )

        return self.loop.run(gather())

    def poll(self) -> list[tuple[Link, Source]]:
        """Poll every due source; the links to fetch, newest first, capped per source."""
        origins = sorted({origin_of(s.locator) for s in self.requested})
        for robots in storage.stored_robots(self.store, origins):
            self.fetcher.robots.seed(
                robots["origin"], robots["status"], robots["body"], robots["fetched_at"]
            )
        # Sites first: what they discover joins the feeds and sitemaps polled below.
        sites = [s for s in self.requested if s.kind == "site" and self._due(s)]
        polls = [s for s in self.requested if s.kind != "site" and self._due(s)]
        found: list[Source] = []
        for source in self.requested:  # a site not polled now still hands on what it found
            state = self.states.get(source.source_id) or {}
            if source.kind == "site" and source not in sites and not state.get("disabled_reason"):
                found += [Source(i["kind"], i["locator"]) for i in state.get("discovered") or []]
        for result in self._poll_all(sites):
            self.report.polled[result.source.locator] = result.status
            old = self.states.get(result.source.source_id)
            self.site_states.append(
                next_state(result.source, old, result, 0, self.settings, self.now)
            )
            found += result.discovered
        for discovered in found:
            if discovered.source_id not in self.all_sources:
                self.all_sources[discovered.source_id] = discovered
                polls.append(discovered)
        self.states.update(storage.source_states(self.store, [s.source_id for s in polls]))
        polls = [s for s in polls if s.locator not in self.report.skipped and self._due(s)]
        self.results = self._poll_all(polls)
        chosen: list[tuple[Link, Source]] = []
        for result in self.results:
            self.report.polled[result.source.locator] = result.status
            unseen = storage.unseen_urls(self.store, [link.url for link in result.links])
            picked = select_links(result.links, unseen, self.settings.max_links_per_poll)
            self.new_links[result.source.source_id] = len(picked)
            chosen.extend((link, result.source) for link in picked)
        return chosen

    def fetch(self, pages: _Pages) -> _Pages:
        """Fetch one batch of pages (the "read" stage of a crawl)."""
        started = time.thread_time()

        async def gather() -> list[PageOutcome]:
            return list(
                await asyncio.gather(*(fetch_page(self.fetcher, k, s) for k, s in pages.links))
            )

        pages.outcomes = self.loop.run(gather())
        self.retry.update(o.link.source_id for o in pages.outcomes if not o.settled)
        self.report.pages += sum(1 for o in pages.outcomes if o.document is not None)
        self.report.page_failures += sum(1 for o in pages.outcomes if o.error is not None)
        read = ReadResult()
        for outcome in pages.outcomes:
            if outcome.document is not None:
                read.documents.append(outcome.document)
            elif outcome.error is not None:
                source = self.all_sources[outcome.link.source_id]
                ref = InputRef(uri=outcome.link.url, kind="url", location=outcome.link.link,
                               source=source)  # fmt: skip
                read.failures.append((ref, outcome.error))
        read.cpu_s = time.thread_time() - started  # this thread's share of fetching
        pages.read = read
        pages.records = storage.fetch_rows(self.fetcher.drain_records())
        self.report.requests += len(pages.records)
        return pages

    def final_states(self) -> list[dict[str, Any]]:
        states = list(self.site_states)
        for result in self.results:
            sid = result.source.source_id
            old = self.states.get(sid)
            state = next_state(
                result.source, old, result, self.new_links.get(sid, 0), self.settings, self.now
            )
            if sid in self.retry:  # old validators: the next poll re-reads the links
                before = old or {}
                state = replace(
                    state, etag=before.get("etag"), last_modified=before.get("last_modified"),
                    body_hash=before.get("body_hash"), children=before.get("children"),
                )  # fmt: skip
            states.append(state)
        return [storage.source_state_row(state) for state in states]


def crawl(
    store: storage.Store,
    run_id: str,
    sources: list[Source],
    settings: FetchSettings | None = None,
    load_settings: LoadSettings | None = None,
    *,
    only_due: bool = False,
    batch_size: int = 64,
    nlp: Any = None,
    transport: Any = None,
    process: Processor | None = None,
    depth: int = 1,
    runner: Runner | None = None,
    on_batch: Callable[[int, int, storage.LoadReport], None] | None = None,
    workers: int = 0,
    warm_up: Callable[[], None] | None = None,
) -> CrawlReport:
    """Poll feed / sitemap / site sources and ingest the new pages they link, newest first.

    `only_due` (scheduled runs) skips sources whose next poll time has not come; disabled
    sources are always skipped. Safe to repeat: seen URLs are not fetched again and an
    unchanged source costs one conditional request. `process` cleans and annotates a batch
    (the ingest job passes its worker pool; default: this process, with `nlp`); up to
    `depth` batches are in the works while the next one is fetched. With `workers` worker
    processes, batches shrink as the run's end nears (`batch_sizes`), so the workers finish
    together; `warm_up` (the pool's `start`) is called once the poll has found pages to
    fetch, so the workers load their model while the first batch is fetched, and a poll
    that finds nothing new starts none.
    """
    if settings is None or load_settings is None:
        from newsflow import settings as configured

        found = configured.from_env()
        settings = settings or found.fetch
        load_settings = load_settings or found.load
    process = process or in_process(nlp)
    runner = runner or DirectRunner()
    batch_size = max(1, batch_size)
    with LoopThread() as loop:
        fetcher = Fetcher(settings, run_id=run_id, transport=transport)
        loop.run(fetcher.__aenter__())
        try:
            job = _Crawl(store, run_id, sources, settings, loop, fetcher, only_due)
            chosen = runner.call("poll", f"poll-sources ({len(sources)} sources)", job.poll)
            source_rows = storage.source_rows(job.all_sources.values())
            by_locator = {s.locator: s.source_id for s in job.all_sources.values()}
            if chosen and warm_up is not None:
                warm_up()
            chunks: list[list[tuple[Link, Source]]] = []
            start = 0
            for size in batch_sizes(len(chosen), batch_size, workers):
                chunks.append(chosen[start : start + size])
                start += size
            chunks = chunks or [[]]  # one batch even with no page: it carries the state

            def work() -> Iterator[_Pages]:
                for number, chunk in enumerate(chunks, start=1):
                    refs = [link for link, _ in chunk]
                    name = batch_name("fetch-batch", number, refs, "page")
                    yield runner.call("read", name, job.fetch, _Pages(number, chunk))

            def submit(pages: _Pages) -> Any:
                name = batch_name(
                    "clean-annotate", pages.number, [k for k, _ in pages.links], "page"
                )
                known = known_inputs(store, pages.read, load_settings)
                return runner.submit(
                    "process", name, process, run_id, pages.read, known, by_locator, load_settings
                )

            def attach(pages: _Pages, batch: storage.Batch) -> None:
                """The rows a batch's load writes beside its articles: its fetches and seen
                URLs, the sources with the first batch, the polling state with the last."""
                batch.children["fetches"] = pages.records
                batch.children["seen_urls"] = storage.seen_rows(pages.outcomes, run_id, job.now)
                if pages.number == 1:
                    batch.sources = source_rows
                if pages.number == len(chunks):
                    batch.children["source_state"] = job.final_states()
                    batch.children["robots_txt"] = fetcher.robots.fetched()

            def load(pages: _Pages, batch: storage.Batch) -> None:
                load_group([(pages, batch)])

            def load_group(group: list[tuple[_Pages, storage.Batch]]) -> None:
                """A write window's finished batches, loaded as one batch: one transaction
                and one statement per table instead of one per batch (each anti-join scans
                the table it checks), as a file ingest loads them; a refused input still
                fails alone (`load_batch`)."""
                started = time.thread_time()
                for pages, batch in group:
                    attach(pages, batch)
                numbers = [pages.number for pages, _ in group]
                links = [k for pages, _ in group for k, _ in pages.links]
                stage = "load-batch" if len(group) == 1 else f"load-batches-{numbers[0]}"
                name = batch_name(stage, numbers[-1], links, "page")
                merged = (
                    group[0][1]
                    if len(group) == 1
                    else storage.Batch.merged([batch for _, batch in group])
                )
                report = runner.call("load", name, load_batch, store, merged)
                job.report.loads.append(report)
                spent = (time.thread_time() - started) / len(group)
                for pages, batch in group:
                    batch.stage_cpu_s["store"] = spent
                    add_stage_times(job.report.stage_cpu_s, batch)
                    if on_batch is not None:
                        on_batch(pages.number, len(chunks), report)

            drive(work(), submit, load, depth, window=load_window(store), load_group=load_group)
        finally:
            loop.run(fetcher.__aexit__(None, None, None))
    return job.report


def _chunks(items: Iterator[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    chunk: list[RawDocument] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest_warc(
    store: storage.Store,
    run_id: str,
    path: str,
    keep: WarcFilter | None = None,
    load_settings: LoadSettings | None = None,
    *,
    batch_size: int = WARC_BATCH,
    nlp: Any = None,
    process: Processor | None = None,
    depth: int = 1,
    runner: Runner | None = None,
) -> list[storage.LoadReport]:
    """Stream a WARC file's HTML responses into the store; no live request is ever made."""
    if load_settings is None:
        from newsflow import settings as configured

        load_settings = configured.from_env().load
    process = process or in_process(nlp)
    runner = runner or DirectRunner()
    path = str(Path(path).expanduser().resolve())
    source = Source("warc", path)
    sources = {path: source.source_id}
    reports = [storage.load(store, storage.Batch(run_id, sources=storage.source_rows([source])))]
    documents = (
        RawDocument(d.uri, d.content, d.kind, path, d.url, d.content_type, d.fields)
        for d in read_warc(path, keep)
    )
    name = Path(path).name

    def work() -> Iterator[tuple[int, ReadResult]]:
        for number, chunk in enumerate(_chunks(documents, max(1, batch_size)), start=1):
            yield number, ReadResult(documents=chunk)

    def submit(item: tuple[int, ReadResult]) -> Any:
        number, read = item
        label = f"clean-annotate-{number} ({name}, {len(read.documents)} records)"
        return runner.submit(
            "process", label, process, run_id, read, known_inputs(store, read, load_settings),
            sources, load_settings,
        )  # fmt: skip

    def load(item: tuple[int, ReadResult], batch: storage.Batch) -> None:
        number, read = item
        label = f"load-batch-{number} ({name}, {len(read.documents)} records)"
        reports.append(runner.call("load", label, load_batch, store, batch))

    try:
        drive(work(), submit, load, depth, window=load_window(store))
    except NewsflowInputError as error:
        failure = storage.failure_item(error.uri or path, source.source_id, error)
        reports.append(storage.load(store, storage.Batch(run_id, run_items=[failure])))
    return reports
