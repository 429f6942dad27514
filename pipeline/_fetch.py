"""Async fetching from plain, synchronous engine code: URL inputs, and an event loop on its
own thread for crawls, so the batch driver stays one synchronous loop for every job."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from newsflow import storage
from newsflow.extractors import NewsflowInputError, RawDocument
from newsflow.extractors.sources import Fetcher, FetchSettings, InputRef, Link, fetch_page

T = TypeVar("T")


class LoopThread:
    """An asyncio event loop running on a thread of its own; `run` waits for a coroutine."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="newsflow-fetch", daemon=True
        )

    def __enter__(self) -> LoopThread:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()


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
        records = storage.fetch_rows(fetcher.drain_records())
    documents: list[RawDocument] = []
    failures: list[tuple[InputRef, NewsflowInputError]] = []
    for ref, outcome in zip(refs, outcomes, strict=True):
        if outcome.document is not None:
            documents.append(outcome.document)
        elif outcome.error is not None:
            failures.append((ref, outcome.error))
    return documents, failures, records


def fetch_refs(
    refs: list[InputRef], settings: FetchSettings
) -> tuple[list[RawDocument], list[tuple[InputRef, NewsflowInputError]], list[dict[str, Any]]]:
    """Fetch URL inputs with the polite fetcher: (documents, failures, `fetches` rows).

    The rows carry no run id yet; `build_batch` stamps it. Pages keep their given URI.
    """
    return asyncio.run(_fetch_refs(refs, settings))
