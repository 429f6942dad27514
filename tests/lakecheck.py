"""Compare what two stores hold, table by table, as multisets of rows: a lake written by many
writers against one writer's DuckDB file on the same inputs. A row lost or a row stored twice
shows up as a difference; columns that name a run or a clock time are left out (they differ
between any two runs), and so is the `runs` table itself.

Also the parts of the reliability tests: writer processes (`newsflow ingest … --db LAKE`),
a reader attached the whole time that checks every batch it sees is whole, and waits."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsflow import storage

# Columns that differ between two runs of the same inputs (run ids, clocks).
VOLATILE: dict[str, set[str]] = {
    "sources": {"first_seen_at", "last_seen_at", "last_run_id"},
    "documents": {"first_seen_at"},
    "article_versions": {"run_id", "created_at"},
    "articles": {"first_seen_at", "updated_at", "last_run_id"},
    "fetches": {"fetch_id", "run_id", "started_at", "elapsed_ms"},
    "seen_urls": {"first_seen_at", "run_id"},
    "source_state": {"next_poll_at", "last_polled_at", "last_success_at", "disabled_at"},
    "robots_txt": {"fetched_at"},
    "skipped_inputs": {"run_id", "recorded_at"},
}
CONTENT_TABLES = (
    "sources", "documents", "article_versions", "articles", "mentions", "entities",
    "entity_aliases", "entity_mentions", "date_mentions", "quotes", "amounts", "events",
    "fetches", "seen_urls", "source_state", "robots_txt", "article_entities", "story_signatures",
    "skipped_inputs",
)  # fmt: skip


def _hashable(value: Any) -> Any:
    if isinstance(value, bytes) and value[:2] == b"\x1f\x8b":  # gzip: its header has a clock
        return hashlib.sha256(gzip.decompress(value)).hexdigest()
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def columns(store: storage.Store, table: str) -> list[str]:
    cursor = store.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cursor.description]


def snapshot(store: storage.Store) -> dict[str, Counter]:
    """Every content table as a multiset of rows (volatile columns left out), and the inputs
    each run recorded as (uri, article, document, outcome, reason) with `stored` for new,
    updated and unchanged (which of those an input gets depends on which writer got there
    first)."""
    found: dict[str, Counter] = {}
    for table in CONTENT_TABLES:
        kept = [c for c in columns(store, table) if c not in VOLATILE.get(table, set())]
        rows = store.rows(f"SELECT {', '.join(kept)} FROM {table}")
        found[table] = Counter(tuple(_hashable(v) for v in row) for row in rows)
    items = store.rows(
        "SELECT DISTINCT uri, article_id, document_id, "
        "CASE WHEN status IN ('new', 'updated', 'unchanged') THEN 'stored' ELSE status END, "
        "reason FROM run_items"
    )
    found["run_items"] = Counter(tuple(row) for row in items)
    return found


def differences(expected: dict[str, Counter], actual: dict[str, Counter]) -> dict[str, Any]:
    """Per table: rows missing from `actual` and rows it has more of (duplicates or extra)."""
    out = {}
    for table in expected.keys() | actual.keys():
        want, got = expected.get(table, Counter()), actual.get(table, Counter())
        missing, extra = want - got, got - want
        if missing or extra:
            out[table] = {
                "missing": sum(missing.values()),
                "extra": sum(extra.values()),
                "sample_missing": list(missing)[:2],
                "sample_extra": list(extra)[:2],
            }
    return out


def row_totals(snap: dict[str, Counter]) -> dict[str, int]:
    return {table: sum(counter.values()) for table, counter in sorted(snap.items())}


# -- writers and a reader, for the reliability tests -------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PAGES = sorted((ROOT / "samples" / "corpus" / "html").glob("*.html.gz"))


def pages(count: int) -> list[Path]:
    """The `count` smallest corpus pages (real news pages; small keeps the tests short)."""
    return sorted(CORPUS_PAGES, key=lambda p: (p.stat().st_size, p.name))[:count]


def overlapping(inputs: list[Path], writers: int) -> list[list[Path]]:
    """Input lists for `writers` writers that overlap so they race: writers pair up on the
    same half of the inputs in the same order (both find the same pages new and commit
    them at about the same time); with four, the last one takes the second quarter and the
    third quarter, so some pages go to three writers. Every input goes to two or more."""
    half = len(inputs) // 2
    first, second = inputs[:half], inputs[half:]
    if writers == 2:
        return [list(first) + list(second), list(first) + list(second)]
    if writers == 4:
        quarter = half // 2
        return [first, list(first), second, first[quarter:] + second[:quarter]]
    raise ValueError("2 or 4 writers")


def lake_env(settings: storage.LakeSettings, inherit: bool = True, **extra: str) -> dict[str, str]:
    """The environment a writer process reads its lake settings from (newsflow.settings):
    this process's environment with them, or (`inherit=False`) them alone."""
    env = dict(os.environ) if inherit else {}
    env.pop("PREFECT_API_URL", None)
    values = {
        "NEWSFLOW_LAKE_DATA_PATH": settings.data_path,
        "NEWSFLOW_S3_ENDPOINT": settings.s3_endpoint,
        "NEWSFLOW_S3_KEY_ID": settings.s3_key_id,
        "NEWSFLOW_S3_SECRET": settings.s3_secret,
        "NEWSFLOW_S3_USE_SSL": "true" if settings.s3_use_ssl else "false",
        "NEWSFLOW_LAKE_RETRY_S": str(settings.retry_s),
    }
    env.update({k: v for k, v in values.items() if v})
    env.update(extra)
    return env


@dataclass
class Writer:
    """`newsflow ingest FILES --db LAKE` in a process (group) of its own."""

    inputs: list[Path]
    lake: str
    env: dict[str, str]
    log: Path
    batch_size: int = 3
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> Writer:
        command = [sys.executable, "-m", "newsflow", "ingest", *map(str, self.inputs),
                   "--db", self.lake, "--workers", "0", "--batch-size", str(self.batch_size),
                   "--verbose"]  # fmt: skip
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT,
                start_new_session=True,
            )  # fmt: skip
        return self

    def wait(self, timeout: float = 600) -> int:
        assert self.process is not None
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace")


@dataclass
class Reader:
    """A read-only reader attached the whole time, checking in one statement (one snapshot)
    that every batch it sees is whole. Counts checks, partial batches and reads that failed
    because a service was down."""

    lake: str
    settings: storage.LakeSettings
    checks: int = 0
    partial: list[Any] = field(default_factory=list)
    unavailable: int = 0
    errors: list[str] = field(default_factory=list)
    batches_seen: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Reader:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        from dataclasses import replace

        settings = replace(self.settings, retry_s=2.0)
        store = None
        while not self._stop.is_set():
            try:
                if store is None:
                    store = storage.Store.open(self.lake, read_only=True, lake=settings)
                problems = storage.batch_problems(store)
                self.batches_seen = max(
                    self.batches_seen,
                    store.rows("SELECT count(DISTINCT batch_id) FROM log.batches")[0][0],
                )
                self.checks += 1
                if problems:
                    self.partial.append(problems)
            except storage.StorageError as error:
                if error.transient or "no lake at" in str(error):
                    self.unavailable += 1
                else:
                    self.errors.append(str(error)[:300])
                time.sleep(0.5)
            except Exception as error:  # an error storage let through unwrapped: a bug
                self.errors.append(f"{type(error).__name__}: {str(error)[:300]}")
                time.sleep(0.5)
            time.sleep(0.2)
        if store is not None:
            store.close()

    def stop(self) -> Reader:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=60)
        return self


def wait_for_batches(lake: str, settings: storage.LakeSettings, count: int, timeout: float = 300,
                     run_id: str | None = None) -> int:  # fmt: skip
    """Wait until the lake holds `count` committed loads (of `run_id` when given)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(storage.StorageError):
            with storage.Store.open(lake, read_only=True, lake=settings) as store:
                found = store.rows(
                    "SELECT count(DISTINCT batch_id) FROM log.batches "
                    "WHERE ?::VARCHAR IS NULL OR run_id = ?",
                    [run_id, run_id],
                )[0][0]
            if found >= count:
                return found
        time.sleep(0.5)
    raise TimeoutError(f"fewer than {count} batches committed after {timeout:.0f} s")
