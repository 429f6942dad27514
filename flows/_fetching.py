"""Plain steps for polled sources (feeds, sitemaps, sites), WARC files and fetched URL lists.

Nothing here knows Prefect. The flow calls `crawl` and `ingest_warc`; both end in
`storage.load`, and a source's polling state (validators, body hash, interval, failures) is
written in the last batch of the run, in the same transaction as the rows it produced, so the
state never runs ahead of the data: a crash mid-run re-polls the source and the `seen_urls`
table (written with each batch) keeps already stored pages from being fetched again.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import storage
from extractors import (
    Fetcher,
    FetchSettings,
    InputRef,
    LoadSettings,
    NewsflowInputError,
    RawDocument,
    Source,
    WarcFilter,
    read_warc,
)
from extractors._polling import (
    Link,
    PageOutcome,
    PollResult,
    fetch_page,
    is_due,
    next_state,
    poll,
    seen_rows,
    select_links,
)
from extractors._robots import origin_of
from flows import _pipeline

WARC_BATCH = 64


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


def _ref(link: Link, source: Source) -> InputRef:
    return InputRef(uri=link.url, kind="url", location=link.link, source=source)


def _read_result(outcomes: list[PageOutcome], sources: dict[str, Source]) -> _pipeline.ReadResult:
    read = _pipeline.ReadResult()
    for outcome in outcomes:
        if outcome.document is not None:
            read.documents.append(outcome.document)
        elif outcome.error is not None:
            read.failures.append(
                (_ref(outcome.link, sources[outcome.link.source_id]), outcome.error)
            )
    return read


def _known(store: storage.Store, read: _pipeline.ReadResult) -> set[str]:
    return storage.known_inputs(
        store, [(_pipeline.article_id(d), d.document_id) for d in read.documents]
    )


def _in_process(nlp: Any) -> _pipeline.Processor:
    def process(
        run_id: str,
        read: _pipeline.ReadResult,
        known: set[str],
        sources: dict[str, str],
        settings: LoadSettings,
    ) -> storage.Batch:
        return _pipeline.build_batch(run_id, read, known, sources, settings, nlp)

    return process


async def _crawl(
    store: storage.Store,
    run_id: str,
    sources: list[Source],
    settings: FetchSettings,
    load_settings: LoadSettings,
    *,
    only_due: bool,
    batch_size: int,
    process: _pipeline.Processor,
    depth: int,
    transport: Any = None,
) -> CrawlReport:
    report = CrawlReport(run_id)
    now = datetime.now(UTC)
    all_sources: dict[str, Source] = {s.source_id: s for s in sources}
    states = storage.source_states(store, list(all_sources))
    state_rows: list[dict[str, Any]] = []
    async with Fetcher(settings, run_id=run_id, transport=transport) as fetcher:
        origins = sorted({origin_of(s.locator) for s in sources})
        for robots in storage.stored_robots(store, origins):
            fetcher.robots.seed(
                robots["origin"], robots["status"], robots["body"], robots["fetched_at"]
            )

        def due(source: Source) -> bool:
            state = states.get(source.source_id)
            if state and state.get("disabled_reason"):
                report.skipped[source.locator] = f"disabled: {state['disabled_reason']}"
                return False
            if only_due and not is_due(state, now):
                report.skipped[source.locator] = "not due"
                return False
            return True

        async def poll_all(batch: list[Source]) -> list[PollResult]:
            return list(
                await asyncio.gather(
                    *(poll(fetcher, s, states.get(s.source_id), now) for s in batch)
                )
            )

        # Sites first: what they discover joins the feeds and sitemaps polled below.
        sites = [s for s in sources if s.kind == "site" and due(s)]
        polls = [s for s in sources if s.kind != "site" and due(s)]
        found: list[Source] = []
        for source in sources:  # a site not polled now still hands on what it found before
            state = states.get(source.source_id) or {}
            if source.kind == "site" and source not in sites and not state.get("disabled_reason"):
                found += [Source(i["kind"], i["locator"]) for i in state.get("discovered") or []]
        for result in await poll_all(sites):
            report.polled[result.source.locator] = result.status
            old_state = states.get(result.source.source_id)
            state_rows.append(next_state(result.source, old_state, result, 0, settings, now))
            found += result.discovered
        for discovered in found:
            if discovered.source_id not in all_sources:
                all_sources[discovered.source_id] = discovered
                polls.append(discovered)
        states.update(storage.source_states(store, [s.source_id for s in polls]))
        polls = [s for s in polls if s.locator not in report.skipped and due(s)]
        results = await poll_all(polls)
        chosen: list[tuple[Link, Source]] = []
        new_links: dict[str, int] = {}
        for result in results:
            report.polled[result.source.locator] = result.status
            unseen = storage.unseen_urls(store, [link.url for link in result.links])
            picked = select_links(result.links, unseen, settings.max_links_per_poll)
            new_links[result.source.source_id] = len(picked)
            chosen.extend((link, result.source) for link in picked)
        retry: set[str] = set()  # sources with a page that failed transiently

        def final_states() -> list[dict[str, Any]]:
            rows = list(state_rows)
            for result in results:
                sid = result.source.source_id
                rows.append(
                    next_state(
                        result.source, states.get(sid), result, new_links.get(sid, 0), settings, now
                    )  # fmt: skip
                )
                if sid in retry:  # old validators: the next poll re-reads the links
                    rows[-1].update(etag=states.get(sid, {}).get("etag"),
                                    last_modified=states.get(sid, {}).get("last_modified"),
                                    body_hash=states.get(sid, {}).get("body_hash"),
                                    children=states.get(sid, {}).get("children"))  # fmt: skip
            return rows

        source_rows = _pipeline.source_rows(all_sources.values())
        # Pages in batches: each batch's rows, fetch records and seen URLs in one transaction.
        chunks = [chosen[i : i + batch_size] for i in range(0, len(chosen), batch_size)] or [[]]
        by_locator = {s.locator: s.source_id for s in all_sources.values()}
        loop = asyncio.get_running_loop()
        in_flight: deque[tuple[int, list[PageOutcome], list[dict[str, Any]], Any]] = deque()

        def load_oldest() -> None:
            number, outcomes, records, batch = in_flight.popleft()
            batch = batch.result()
            batch.children["fetches"] = records
            batch.children["seen_urls"] = seen_rows(outcomes, run_id, now)
            if number == 1:
                batch.sources = source_rows
            if number == len(chunks):
                batch.children["source_state"] = final_states()
                batch.children["robots_txt"] = fetcher.robots.fetched()
            started = time.thread_time()
            report.loads.append(storage.load(store, batch))
            batch.stage_cpu_s["store"] = time.thread_time() - started
            _pipeline.add_stage_times(report.stage_cpu_s, batch)

        # While workers clean and parse batch k, this loop fetches batch k+1; loads stay in
        # order, in this thread, so the last batch (with the sources' state) is written last.
        for number, chunk in enumerate(chunks, start=1):
            fetch_started = time.thread_time()
            outcomes = list(await asyncio.gather(*(fetch_page(fetcher, k, s) for k, s in chunk)))
            retry.update(o.link.source_id for o in outcomes if not o.settled)
            report.pages += sum(1 for o in outcomes if o.document is not None)
            report.page_failures += sum(1 for o in outcomes if o.error is not None)
            read = _read_result(outcomes, all_sources)
            read.cpu_s = time.thread_time() - fetch_started  # this thread's share of fetching
            records = [r.as_row() for r in fetcher.drain_records()]
            report.requests += len(records)
            future = loop.run_in_executor(
                None, process, run_id, read, _known(store, read), by_locator, load_settings
            )
            in_flight.append((number, outcomes, records, future))
            while len(in_flight) > depth or (in_flight and in_flight[0][3].done()):
                await asyncio.wait([in_flight[0][3]])
                load_oldest()
        while in_flight:
            await asyncio.wait([in_flight[0][3]])
            load_oldest()
    return report


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
    process: _pipeline.Processor | None = None,
    depth: int = 1,
) -> CrawlReport:
    """Poll feed / sitemap / site sources and ingest the new pages they link, newest first.

    `only_due` (scheduled runs) skips sources whose next poll time has not come; disabled
    sources are always skipped. Safe to repeat: seen URLs are not fetched again and an
    unchanged source costs one conditional request. `process` cleans and annotates a batch
    (the flow passes its worker pool; default: this process, with `nlp`); up to `depth`
    batches are in the works while the next one is fetched.
    """
    return asyncio.run(
        _crawl(
            store, run_id, sources, settings or FetchSettings.from_env(),
            load_settings or LoadSettings.from_env(), only_due=only_due,
            batch_size=max(1, batch_size), process=process or _in_process(nlp),
            depth=max(1, depth), transport=transport,
        )
    )  # fmt: skip


# -- URL lists and single URLs ---------------------------------------------------------------
async def _fetch_refs(
    refs: list[InputRef], settings: FetchSettings
) -> tuple[list[RawDocument], list[tuple[InputRef, NewsflowInputError]], list[dict[str, Any]]]:
    async with Fetcher(settings) as fetcher:
        outcomes = await asyncio.gather(
            *(
                fetch_page(fetcher, Link(ref.uri, ref.location, ref.source.source_id), ref.source)
                for ref in refs
            )
        )
        records = [r.as_row() for r in fetcher.drain_records()]
    documents: list[RawDocument] = []
    failures: list[tuple[InputRef, NewsflowInputError]] = []
    for ref, outcome in zip(refs, outcomes, strict=True):
        if outcome.document is not None:
            documents.append(outcome.document)
        elif outcome.error is not None:
            failures.append((ref, outcome.error))
    return documents, failures, records


def fetch_refs(
    refs: list[InputRef], settings: FetchSettings | None = None
) -> tuple[list[RawDocument], list[tuple[InputRef, NewsflowInputError]], list[dict[str, Any]]]:
    """Fetch URL inputs with the polite fetcher: (documents, failures, `fetches` rows).

    The rows carry no run id yet; `build_batch` stamps it. Pages keep their given URI.
    """
    return asyncio.run(_fetch_refs(refs, settings or FetchSettings.from_env()))


# -- WARC ---------------------------------------------------------------------------------------
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
    process: _pipeline.Processor | None = None,
) -> list[storage.LoadReport]:
    """Stream a WARC file's HTML responses into the store; no live request is ever made."""
    load_settings = load_settings or LoadSettings.from_env()
    path = str(Path(path).expanduser().resolve())
    source = Source("warc", path)
    sources = [source]
    reports = [storage.load(store, storage.Batch(run_id, sources=_pipeline.source_rows(sources)))]
    documents = (
        RawDocument(d.uri, d.content, d.kind, path, d.url, d.content_type, d.fields)
        for d in read_warc(path, keep)
    )
    try:
        for chunk in _chunks(documents, max(1, batch_size)):
            read = _pipeline.ReadResult(documents=chunk)
            batch = (process or _in_process(nlp))(
                run_id, read, _known(store, read), {path: source.source_id}, load_settings
            )
            reports.append(storage.load(store, batch))
    except NewsflowInputError as error:
        failure = _pipeline.failure_row(error.uri or path, source.source_id, error)
        reports.append(storage.load(store, storage.Batch(run_id, run_items=[failure])))
    return reports
