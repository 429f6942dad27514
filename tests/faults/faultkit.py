"""The fault matrix's shared parts: a clean run on the good inputs, runs with faults added,
and a comparison of every table between them (nothing lost, nothing doubled).

Each fault test copies the good inputs into a folder of its own, adds its fault, runs the
real engine (or the real `newsflow` command) against a real DuckDB file, and compares what
was stored with the clean run. Ids that depend on a file's path (article ids, URIs, source
ids) differ between folders, so rows are compared by content: an article's id is replaced
by its content hash, and columns that hold times, run ids and paths are left out.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import CORPUS, ROOT, SAMPLE_ARTICLE

NEWSFLOW = str(Path(sys.executable).with_name("newsflow"))
# Small corpus pages, so each run of the matrix takes seconds.
GOOD_PAGES = sorted((CORPUS / "html").glob("*.html.gz"), key=lambda p: p.stat().st_size)[10:12]
# Tables whose rows come from the inputs (runs, run_items, sources and fetches describe a
# run, not its data, and are checked by each test for what it expects).
CONTENT_TABLES = (
    "documents", "articles", "article_versions", "mentions", "entities", "entity_aliases",
    "entity_mentions", "date_mentions", "quotes", "amounts", "events",
    "search_documents", "search_postings",
)  # fmt: skip
# Columns that say when, in which run or from which path a row was written.
VOLATILE = {
    "run_id", "last_run_id", "source_id", "uri", "first_seen_at", "last_seen_at",
    "updated_at", "created_at", "recorded_at", "content_gzip", "document_id",
    "last_document_id",
}  # fmt: skip


def good_inputs(folder: Path) -> Path:
    """The good inputs (the sample article and two corpus pages) copied into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE_ARTICLE, folder / SAMPLE_ARTICLE.name)
    for page in GOOD_PAGES:
        shutil.copy(page, folder / page.name)
    return folder


def ingest(db: Path, inputs: list[Any], **options: Any) -> Any:
    """One real run of the engine (no Prefect), in this process; returns the Run."""
    from newsflow import pipeline

    options.setdefault("workers", 0)
    request = pipeline.IngestRequest.of([str(name) for name in inputs], **options)
    with pipeline.open_run(db, "ingest", request.parameters()) as run:
        pipeline.ingest(run, request)
    return run


def rows(db: Path, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


def snapshot(db: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every content table as a multiset of rows, ids that depend on paths replaced."""
    tables: dict[str, Counter[tuple[Any, ...]]] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        hashes = dict(con.execute("SELECT article_id, content_hash FROM articles").fetchall())
        for table in CONTENT_TABLES:
            columns = [
                row[0]
                for row in con.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            ]
            kept = [c for c in columns if c not in VOLATILE or (table == "documents" and
                                                                c == "document_id")]  # fmt: skip
            found: Counter[tuple[Any, ...]] = Counter()
            for values in con.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall():
                row = dict(zip(kept, values, strict=True))
                if "article_id" in row:
                    row["article_id"] = hashes.get(row["article_id"], row["article_id"])
                found[tuple(sorted((k, repr(v)) for k, v in row.items()))] += 1
            tables[table] = found
    return tables


def assert_same_as_clean(clean: Path, faulted: Path, extra_documents: int = 0) -> None:
    """Every content table of `faulted` holds exactly the clean run's rows (nothing lost,
    nothing doubled); `documents` also holds the raw inputs of the bad inputs."""
    want, got = snapshot(clean), snapshot(faulted)
    for table in CONTENT_TABLES:
        if table == "documents":
            missing = want[table] - got[table]
            assert not missing, f"documents lost: {missing}"
            assert sum(got[table].values()) == sum(want[table].values()) + extra_documents
            continue
        lost, more = want[table] - got[table], got[table] - want[table]
        assert not lost and not more, f"{table}: lost {len(lost)} rows, {len(more)} extra"
    doubled = rows(
        faulted,
        "SELECT count(*) FROM (SELECT article_id, version FROM article_versions "
        "GROUP BY ALL HAVING count(*) > 1)",
    )[0][0]
    assert doubled == 0


def statuses(db: Path) -> dict[str, tuple[str, str]]:
    """Each input of the newest run by file name: (status, reason's code)."""
    found = rows(
        db,
        "SELECT regexp_extract(uri, '[^/#]+(#L\\d+)?$'), status, "
        "coalesce(split_part(reason, ':', 1), '') FROM run_items "
        "WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1)",
    )
    return {name: (status, reason) for name, status, reason in found}


@pytest.fixture(scope="session", name="clean")
def clean_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding only the good inputs, stored by one clean run."""
    folder = good_inputs(tmp_path_factory.mktemp("clean") / "in")
    db = folder.parent / "clean.duckdb"
    ingest(db, [folder])
    return db


@pytest.fixture(name="faulted")
def faulted_fixture(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of good inputs to add a fault to, and the database to run it into."""
    return good_inputs(tmp_path / "in"), tmp_path / "faulted.duckdb"


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Environment for a `newsflow` subprocess: no Prefect API, offline, its home here."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "NEWSFLOW"))}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        COLUMNS="200",
        **extra,
    )
    return env


def newsflow(*args: str, env: dict[str, str], timeout: float = 300) -> Any:
    return subprocess.run(
        [NEWSFLOW, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout
    )


@dataclass
class Started:
    """A `newsflow` command running in the background, its output collected in a file."""

    process: subprocess.Popen[bytes]
    log: Path
    seen: list[str] = field(default_factory=list)

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, needle: str, bound_s: float = 240) -> None:
        deadline = time.monotonic() + bound_s
        while needle not in self.text():
            if self.process.poll() is not None:
                pytest.fail(f"exited ({self.process.returncode}) before {needle!r}:\n{self.text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {needle!r} within {bound_s} s:\n{self.text()}")
            time.sleep(0.05)

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    def finish(self, bound_s: float = 120) -> int:
        try:
            return self.process.wait(timeout=bound_s)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            pytest.fail(f"still running after {bound_s} s:\n{self.text()}")


@pytest.fixture(name="start")
def start_fixture(tmp_path: Path) -> Iterator[Any]:
    """Start `newsflow ARGS` in the background (its own session, killed with its workers at
    the end of the test if still running)."""
    started: list[Started] = []

    def run(*args: str, env: dict[str, str] | None = None, name: str = "run") -> Started:
        log = tmp_path / f"{name}.out"
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [NEWSFLOW, *args], stdout=output, stderr=subprocess.STDOUT,
                env=env or cli_env(tmp_path), cwd=ROOT, start_new_session=True,
            )  # fmt: skip
        started.append(Started(process, log))
        return started[-1]

    yield run
    for item in started:
        if item.process.poll() is None:
            os.killpg(item.process.pid, signal.SIGKILL)
            item.process.wait()


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


root_only = pytest.mark.skipif(
    not is_root() or not shutil.which("unshare"),
    reason="needs root and unshare (a private mount namespace)",
)


HOLD = textwrap.dedent(
    """
    import sys, time, duckdb
    for attempt in range(600):  # the file may be in a run's write window: try again
        try:
            connection = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
            break
        except duckdb.IOException:
            time.sleep(0.05)
    print("holding", flush=True)
    time.sleep(float(sys.argv[3]))
    """
)


def hold(db: Path, how: str, seconds: float) -> subprocess.Popen[str]:
    """Another program holding the database: a notebook's read-only connection, or a
    writable one (`how` = read | write), for `seconds`."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), how, str(seconds)], stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdout.readline().strip() == "holding"
    return process
