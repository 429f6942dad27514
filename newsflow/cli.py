"""The `newsflow` command line: ingest inputs, query the database, search articles.

Runs go through the engine (`newsflow.pipeline`). With a Prefect API configured
(`PREFECT_API_URL`, in the environment or the active Prefect profile) `ingest`, `backfill`
and `reprocess` run as Prefect flow runs, shown in its UI like scheduled runs; without one
they run the engine directly: the same `runs` rows and progress, no Prefect start-up.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

# Prefect runs offline and quietly unless told otherwise; set before Prefect is imported.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

import typer  # noqa: E402
from rich.console import Console, ConsoleDimensions  # noqa: E402
from rich.markup import escape  # noqa: E402
from rich.table import Table  # noqa: E402

from newsflow.settings import DEFAULT_DB  # noqa: E402

DB_HELP = (
    "Database location: a DuckDB file, :memory:, or a lake, "
    "'ducklake:postgres:dbname=… host=…' (env NEWSFLOW_DB)."
)
DbOption = Annotated[str, typer.Option("--db", envvar="NEWSFLOW_DB", help=DB_HELP)]

app = typer.Typer(
    name="newsflow",
    help="Ingest news articles into DuckDB: load or fetch, clean, extract entities, query.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class _Output(Console):
    """A terminal gets rich's layout; a pipe or a log file gets every value whole, on lines
    as long as they need (no wrapping inside a field at 80 columns)."""

    @property
    def size(self) -> ConsoleDimensions:
        size: ConsoleDimensions = Console.size.fget(self)  # type: ignore[attr-defined]
        return size if self.is_terminal else ConsoleDimensions(100_000, size.height)

    @size.setter
    def size(self, value: tuple[int, int]) -> None:
        Console.size.fset(self, value)  # type: ignore[attr-defined]


console = _Output()
errors = _Output(stderr=True)
PROGRESS_EVERY_S = 10.0  # with no terminal: a progress line at most this often

TRY_NEXT = (
    'newsflow sql "SELECT title, site_name, published_date, word_count FROM articles '
    'ORDER BY published_date DESC LIMIT 10"'
)


def _fail(message: str, code: int = 1) -> None:
    errors.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


class _Notice:
    """Tells the user on stderr when a command waits for a run writing the database."""

    def info(self, message: str, *args: object) -> None:
        errors.print(f"[dim]{message % args}[/]")

    warning = info


@contextmanager
def _reading(db: str) -> Iterator[Any]:
    """The database opened read-only, once no run is writing it (scheduled runs may be)."""
    from newsflow import settings, storage

    try:
        lake = settings.from_env().lake
    except settings.SettingsError as error:
        _fail(str(error))
    with storage.open_reader(db, _Notice(), lake=lake) as store:
        yield store


def prefect_api_url() -> str | None:
    """The Prefect API the user configured: PREFECT_API_URL in the environment, or in the
    active profile of Prefect's profiles.toml (what `prefect config set` writes)."""
    url = os.environ.get("PREFECT_API_URL", "").strip()
    if url:
        return url
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    try:
        data = tomllib.loads((home / "profiles.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    name = os.environ.get("PREFECT_PROFILE") or data.get("active") or "ephemeral"
    profile = data.get("profiles", {}).get(name) or {}
    return str(profile.get("PREFECT_API_URL") or "").strip() or None


class _PrefectConsole:
    """Without --verbose, Prefect's console handler without the tracebacks of failed task
    and flow runs (one line says what failed; the tracebacks stay in the run log and the
    Prefect UI) and without newsflow's own records (the notices show its warnings)."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose

    def filter(self, record: Any) -> bool:
        if self.verbose:
            return True
        return record.levelno < logging.ERROR and not record.name.startswith("newsflow")


def _quiet_prefect_console(verbose: bool) -> None:
    from prefect.logging.configuration import ensure_logging_setup

    ensure_logging_setup()  # Prefect's console handler on the root logger, which we filter
    for handler in logging.getLogger().handlers:
        if type(handler).__name__ == "PrefectConsoleHandler" and not any(
            isinstance(f, _PrefectConsole) for f in handler.filters
        ):
            handler.addFilter(_PrefectConsole(verbose))


def _run(
    flow_name: str,
    db: str,
    parameters: dict[str, Any],
    job: Callable[[Any], None],
    flow: Callable[[], dict[str, Any]],
    verbose: bool,
) -> dict[str, Any]:
    """Run a job as a Prefect flow run when a Prefect API is configured, else directly.

    A fatal error is one line on the terminal; its traceback goes to the run log beside
    the database (`<db>.log`) and, with --verbose, to the terminal too."""
    from newsflow import pipeline, settings, storage

    logger = logging.getLogger("newsflow")
    notices = _NoticeHandler()
    with_prefect = bool(prefect_api_url())
    if with_prefect:  # Prefect sets up its console only if the root logger has no handler yet
        if not verbose:
            os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        _quiet_prefect_console(verbose)
    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    else:
        # Warnings (such as waiting for another run's writer lock) reach the user as one line.
        logger.addHandler(notices)
    undo = None if console.is_terminal else pipeline.set_progress_hook(_progress_lines())
    try:
        if with_prefect:
            return flow()
        with _pandas_hidden(), pipeline.open_run(db, flow_name, parameters, logger=logger) as run:
            job(run)
        return run.summary
    except (storage.StorageError, settings.SettingsError, ValueError) as error:
        _fail(str(error))
    except Exception as error:  # noqa: BLE001 - one line here, the traceback in the run log
        first = (str(error).strip().splitlines() or [""])[0]
        log = storage.log_path(db) if storage.Location.parse(db).is_file else None
        where = f"the traceback is in {log}" if log else "the traceback"
        _fail(f"{type(error).__name__}: {first} ({where}; --verbose prints it)")
    except BaseException as stopped:
        # A signal: ours (RunCancelled), Prefect's TerminationSignal inside a flow run, or
        # Ctrl-C before the run began.
        number = getattr(stopped, "signum", None) or getattr(stopped, "signal", None)
        if number is None and isinstance(stopped, KeyboardInterrupt):
            number = 2  # SIGINT
        if number is None:
            raise
        import signal

        name = signal.Signals(int(number)).name
        _fail(f"stopped by {name}: the run is marked cancelled; the batches it stored are "
              "kept, and the next run does the rest", 128 + int(number))  # fmt: skip
    finally:
        logger.removeHandler(notices)
        if undo is not None:
            undo()
    raise AssertionError("unreachable")


class _NoPandas:
    """An import finder under which `import pandas` fails as if pandas were not installed."""

    @staticmethod
    def find_spec(name: str, *_: object) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


@contextmanager
def _pandas_hidden() -> Iterator[None]:
    """DuckDB's Python client imports pandas (about 0.6 s, a third of a no-change re-run of
    1,000 files) at the first query with parameters, and pyarrow at the first table built
    from rows, only to recognise pandas values. A run passes none and uses no pandas, so
    while it lasts pandas is hidden from this process (not from workers); afterwards it
    imports as usual."""
    if "pandas" in sys.modules:
        yield
        return
    finder = _NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


class _NoticeHandler(logging.Handler):
    """The engine's warnings as one dim line on stderr (above the progress bar, if any)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        target = console if console.is_terminal else errors
        target.print(f"[yellow]{escape(record.getMessage())}[/]", soft_wrap=True)


def _progress_lines() -> Callable[[int, int, str], None]:
    """With no terminal (a scheduled job's log), progress as a timestamped line at most every
    PROGRESS_EVERY_S seconds, and when a stage completes."""
    import time
    from datetime import datetime

    last = [0.0]

    def hook(done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY_S and not (total and done >= total):
            return
        last[0] = now
        stamp = datetime.now().strftime("%H:%M:%S")
        of = f"{done}/{total}" if total else f"{done}"
        print(f"{stamp} {message or 'ingesting'}: {of}", flush=True)

    return hook


def _prefect_note() -> None:
    if not prefect_api_url():
        console.print(
            "[dim]ran without Prefect (no PREFECT_API_URL); to see runs in the Prefect UI, "
            "start `prefect server start` and run `prefect config set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api`[/]"
        )


def _table(columns: list[str], rows: list[Any], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row))
    return table


@app.command()
def ingest(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.html/.htm/.txt, also .gz; .jsonl records), directories, globs "
            "(quote them: 'pages/**/*.html'), URL-list files (.urls, or .txt of URLs) and "
            "http(s) URLs."
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    feed: Annotated[
        list[str] | None, typer.Option("--feed", help="RSS/Atom/JSON Feed URL to poll (repeat).")
    ] = None,
    sitemap: Annotated[
        list[str] | None,
        typer.Option("--sitemap", help="Sitemap or sitemap-index URL to poll (repeat)."),
    ] = None,
    site: Annotated[
        list[str] | None,
        typer.Option("--site", help="Home page: discover its feeds, else its sitemaps (repeat)."),
    ] = None,
    warc: Annotated[
        list[str] | None, typer.Option("--warc", help="WARC file to read offline (repeat).")
    ] = None,
    warc_host: Annotated[
        list[str] | None,
        typer.Option("--warc-host", help="Keep only these hosts (and subdomains) from --warc."),
    ] = None,
    warc_since: Annotated[
        str | None, typer.Option("--warc-since", help="Keep WARC records from this date (ISO).")
    ] = None,
    warc_until: Annotated[
        str | None, typer.Option("--warc-until", help="Keep WARC records before this date.")
    ] = None,
    only_due: Annotated[
        bool, typer.Option("--only-due", help="Poll only sources whose interval has elapsed.")
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Inputs per batch (memory bound).")] = 32,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Worker processes for cleaning and NLP (default: one per core; 0: none)."
        ),
    ] = None,
    shard: Annotated[
        int, typer.Option(help="Ingest only shard SHARD (0-based) of --shards (many workers).")
    ] = 0,
    shards: Annotated[int, typer.Option(help="Split the inputs into this many shards.")] = 1,
    shard_by: Annotated[
        str, typer.Option(help="host: URLs by host, files by file; source: by input name.")
    ] = "host",
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show the run's log (Prefect's too).")
    ] = False,
) -> None:
    """Load or fetch INPUTS, clean them, extract entities and events and store them in --db.

    Re-running is safe: unchanged inputs are skipped; changed ones become new versions.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from newsflow import pipeline

    inputs = list(inputs or [])
    if not (inputs or feed or sitemap or site or warc):
        _fail("nothing to ingest: give INPUTS, --feed, --sitemap, --site or --warc")
    polled = len(feed or []) + len(sitemap or []) + len(site or [])
    console.print(
        f"newsflow: ingesting {len(inputs)} input name(s), {polled} polled source(s) and "
        f"{len(warc or [])} WARC file(s) into [bold]{db}[/]"
    )
    options = dict(
        batch_size=batch_size, workers=workers, feeds=feed, sitemaps=sitemap, sites=site,
        warcs=warc, warc_hosts=warc_host, warc_since=warc_since, warc_until=warc_until,
        only_due=only_due, shard=shard, shards=shards, shard_by=shard_by,
    )  # fmt: skip
    try:
        request = pipeline.IngestRequest.of(inputs, **options)
    except ValueError as error:
        _fail(str(error))

    def flow() -> dict[str, Any]:
        from newsflow.flows.ingest import ingest as ingest_flow

        return ingest_flow(inputs=inputs, db=db, **options)

    # Drawn twice a second, and only on a terminal: its refresh thread redraws it whether
    # anyone sees it or not (10 times a second by default: ~1 % of a one-core run's CPU).
    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=True, refresh_per_second=2,
        disable=not console.is_terminal,
    ) as progress:  # fmt: skip
        bar = progress.add_task("planning", total=None)

        def hook(done: int, total: int, message: str) -> None:
            progress.update(bar, completed=done, total=total, description=message or "ingesting")

        undo = pipeline.set_progress_hook(hook)
        try:
            summary = _run(
                "ingest", db, request.parameters(), lambda run: pipeline.ingest(run, request),
                flow, verbose,
            )  # fmt: skip
        finally:
            undo()
    _print_summary(summary)
    _prefect_note()


def _print_summary(summary: dict[str, Any]) -> None:
    counts = summary["status_counts"]
    tables = summary["tables"]
    console.print(
        f"\n[bold]run {summary['run_id']}[/] {summary['state']} in {summary['elapsed_s']} s "
        f"→ {summary['db']}"
    )
    console.print(_table(["status", "inputs"], sorted(counts.items()), title="inputs by status"))
    console.print(_table(["table", "rows"], list(tables.items()), title="stored in the database"))
    if summary["top_entities"]:
        console.print(
            _table(["entity", "type", "mentions"], summary["top_entities"], title="top entities")
        )
    if summary["failures"]:
        console.print(
            _table(["input", "status", "reason"], summary["failures"], title="not stored")
        )
    polled = summary.get("polled") or {}
    not_polled = summary.get("not_polled") or {}
    if polled or not_polled:
        rows = sorted(polled.items()) + sorted(not_polled.items())
        console.print(_table(["source", "poll"], rows, title="polled sources"))
    console.print(f"\nTry next:\n  {TRY_NEXT}")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run (read-only).")],
    db: DbOption = DEFAULT_DB,
    output: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, json or parquet.")
    ] = "table",
    limit: Annotated[
        int | None,
        typer.Option(help="At most this many rows (default: 200 for table, all for the rest)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (needed for parquet)."),
    ] = None,
) -> None:
    """Run QUERY against --db, read-only, and print the result.

    csv, json and parquet write every row, streamed in constant memory (or say on stderr
    that --limit cut them short). The run writing the database is not waited for.

    Every table and view, and what each column holds: `newsflow tables` and `newsflow
    describe NAME` (the same text is stored in the database as COMMENT ON). Good places to
    start: articles, event_details, top_entities, entity_cooccurrence, quote_details, runs.
    From your own DuckDB client: `newsflow client`.
    """
    from newsflow import storage

    if output not in ("table", "csv", "json", "parquet"):
        _fail(f"unknown --format {output!r}; use table, csv, json or parquet")
    if output == "parquet" and out is None:
        _fail("parquet is binary: give --output FILE.parquet")
    if limit is None and output == "table":
        limit = 200
    try:
        with _reading(db) as store, store.stream(query) as (columns, batches):
            if output == "table":
                _print_table(columns, batches, limit or 0)
                return
            written, more = _export(columns, batches, output, limit, out)
    except storage.StorageError as error:
        hint = ""
        if isinstance(error, storage.QueryError):
            hint = '\nList tables with: newsflow sql "SHOW TABLES"'
        _fail(f"{error}{hint}")
    except OSError as error:
        _fail(f"cannot write {out or 'the output'}: {error.strerror or error}")
    if more:
        errors.print(
            f"[yellow]stopped at --limit {limit}: {written} rows written, {more} more not "
            "written[/]"
        )
    elif out is not None:
        errors.print(f"[dim]{written} rows written to {out}[/]")


def _print_table(columns: list[str], batches: Iterator[Any], limit: int) -> None:
    shown: list[Any] = []
    more = 0
    for batch in batches:
        room = limit - len(shown)
        if room > 0:
            shown.extend(zip(*(c.to_pylist() for c in batch.slice(0, room).columns), strict=True))
        more += max(0, batch.num_rows - max(room, 0))
    console.print(_table(columns, shown))
    if more:
        console.print(f"[dim]{more} more rows; raise --limit to see them[/]")


def _export(
    columns: list[str], batches: Iterator[Any], output: str, limit: int | None, out: Path | None
) -> tuple[int, int]:
    """Write record batches as csv, json (one array) or parquet, a batch at a time; returns
    (rows written, rows left out by --limit)."""
    import csv
    import json

    import pyarrow as pa
    import pyarrow.parquet as papq

    written = more = 0
    binary = output == "parquet"
    if out is not None:
        text: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
        sink: Any = open(out, "wb" if binary else "w", **text)  # noqa: SIM115 - closed below
    else:
        sink = sys.stdout.buffer if binary else sys.stdout
    parquet: Any = None
    rows_out = csv.writer(sink) if output == "csv" else None
    try:
        if rows_out is not None:
            rows_out.writerow(columns)
        for batch in batches:
            if limit is not None and written + batch.num_rows > limit:
                keep = max(0, limit - written)
                more += batch.num_rows - keep
                batch = batch.slice(0, keep)
            if batch.num_rows == 0:
                continue
            if parquet is not None or binary:
                parquet = parquet or papq.ParquetWriter(sink, batch.schema)
                parquet.write_batch(batch)
            elif rows_out is not None:
                rows_out.writerows(zip(*(c.to_pylist() for c in batch.columns), strict=True))
            else:
                for row in batch.to_pylist():
                    sink.write("[" if written == 0 else ",\n")
                    sink.write(json.dumps(row, default=str))
                    written += 1
                continue
            written += batch.num_rows
        if output == "json":
            sink.write("[]\n" if written == 0 else "]\n")
        if binary:  # no rows at all: still a well-formed, empty file
            parquet = parquet or papq.ParquetWriter(
                sink, pa.schema([(name, pa.string()) for name in columns])
            )
            parquet.close()
    finally:
        sink.flush()
        if out is not None:
            sink.close()
    return written, more


@app.command()
def search(
    terms: Annotated[str, typer.Argument(help="Words to look for in titles and text.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many articles to show.")] = 10,
) -> None:
    """Full-text (BM25) search over stored articles."""
    from newsflow import storage

    try:
        with _reading(db) as store:
            rows = storage.search_articles(store, terms, limit)
    except storage.StorageError as error:
        _fail(str(error))
    console.print(_table(["score", "title", "site", "published", "article_id"], rows))


@app.command()
def doctor(
    db: DbOption = DEFAULT_DB,
    failing_polls: Annotated[
        int, typer.Option(help="Report sources that failed at least this many polls in a row.")
    ] = 3,
    wait: Annotated[
        float, typer.Option(help="Seconds to wait for a run's write window to end.")
    ] = 60.0,
) -> None:
    """Check --db: read every block (checksums), who holds it, its schema version and the
    sources that keep failing. Exits 1 when something needs attention."""
    from newsflow import storage

    checkup = storage.check(db, wait_s=wait, failing_polls=failing_polls)
    console.print(f"[bold]{checkup.path}[/]")
    for note in checkup.notes:
        console.print(f"  {note}")
    if checkup.schema != (0, 0):
        applied, shipped = checkup.schema
        console.print(f"  schema version {applied} (this newsflow ships {shipped})")
    if checkup.tables:
        read, used = checkup.blocks
        whole = sum(1 for row in checkup.tables if row[3] == "ok")
        console.print(
            f"  read {whole} of {len(checkup.tables)} tables in full: {read} data blocks of "
            f"the {used} blocks in use"
        )
        bad = [row for row in checkup.tables if row[3] != "ok"]
        if bad:
            console.print(_table(["table", "rows", "blocks", "read"], bad, title="damaged"))
    if checkup.failing:
        console.print(
            _table(
                ["source", "failed polls", "last error"],
                checkup.failing,
                title=f"sources failing {failing_polls}+ polls in a row",
            )  # fmt: skip
        )
    for problem in checkup.problems:
        errors.print(f"[bold red]problem:[/] {problem}")
    if not checkup.ok:
        raise typer.Exit(1)
    console.print("[green]no problem found[/]")


def _day(value: str | None, name: str) -> Any:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{name} {value!r} is not a date; use YYYY-MM-DD")


def _print_rerun(summary: dict[str, Any]) -> None:
    counts = summary["status_counts"]
    console.print(f"\n[bold]run {summary['run_id']}[/] {summary['state']} → {summary['db']}")
    console.print(_table(["status", "inputs"], sorted(counts.items()), title="this run"))


@app.command()
def reprocess(
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD), inclusive.")] = None,
    until: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD), inclusive.")] = None,
    extractor: Annotated[
        str | None, typer.Option(help="Only articles annotated by this extractor version.")
    ] = None,
    outdated: Annotated[
        bool,
        typer.Option(
            "--outdated", help="Only articles today's extractor versions have not annotated."
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show the run's log.")] = False,
) -> None:
    """Clean and annotate stored raw inputs again, without fetching anything.

    Days are published dates (or the day an article was first seen when it has none).
    """
    from newsflow import pipeline

    first, last = _day(since, "--since"), _day(until, "--until")
    parameters = {"db": db, "since": first, "until": last, "extractor": extractor,
                  "outdated": outdated}  # fmt: skip

    def flow() -> dict[str, Any]:
        from newsflow.flows.reprocess import reprocess as reprocess_flow

        return reprocess_flow(**parameters)

    summary = _run(
        "reprocess", db, {**parameters, "batch_size": 64},
        lambda run: pipeline.reprocess(run, first, last, extractor, outdated), flow, verbose,
    )  # fmt: skip
    _print_rerun(summary)
    _prefect_note()


@app.command()
def backfill(
    inputs: Annotated[list[str], typer.Argument(help="What to read, as for `ingest`.")],
    since: Annotated[str, typer.Option(help="First published day (YYYY-MM-DD), inclusive.")],
    until: Annotated[str, typer.Option(help="Last published day (YYYY-MM-DD), inclusive.")],
    db: DbOption = DEFAULT_DB,
    keep_undated: Annotated[bool, typer.Option(help="Keep articles with no date.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show the run's log.")] = False,
) -> None:
    """Ingest INPUTS, keeping articles published from --since to --until; moves no cursor."""
    from newsflow import pipeline

    first, last = _day(since, "--since"), _day(until, "--until")
    if first > last:
        _fail(f"--since ({first}) is after --until ({last})")
    request = pipeline.IngestRequest.of(
        list(inputs), batch_size=64, window=pipeline.DateWindow(first, last, keep_undated)
    )

    def flow() -> dict[str, Any]:
        from newsflow.flows.backfill import backfill as backfill_flow

        return backfill_flow(
            inputs=list(inputs), since=first, until=last, db=db, keep_undated=keep_undated
        )

    summary = _run(
        "backfill", db, request.parameters(), lambda run: pipeline.ingest(run, request), flow,
        verbose,
    )  # fmt: skip
    _print_rerun(summary)
    _prefect_note()


def _seconds(value: str, name: str) -> float:
    """`30s`, `15m`, `2h`, `1d` or a number of seconds, in seconds."""
    from newsflow.deployments.registry import parse_duration

    try:
        number = float(value)
    except ValueError:
        number = None
    try:
        return parse_duration(value if number is None else number).total_seconds()
    except ValueError:
        _fail(f"{name} {value!r} is not a duration; use 30s, 15m, 2h, 1d or seconds")
    raise AssertionError("unreachable")


@app.command()
def maintain(
    db: DbOption = DEFAULT_DB,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            help="Run only this step (repeat): flush, merge, expire, "
            "cleanup, orphans, runs, stories, search, check.",
        ),
    ] = None,
    expire_after: Annotated[
        str | None, typer.Option(help="Expire snapshots older than this (default 7d).")
    ] = None,
    orphans_after: Annotated[
        str | None,
        typer.Option(
            help="Delete orphaned files older than this (default 1d; keep it well "
            "past the longest batch while writers run)."
        ),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show the log.")] = False,
) -> None:
    """Maintain a lake: flush inlined rows, merge small files, expire old snapshots, delete
    freed and orphaned files, mark abandoned runs, group new articles into stories, rebuild
    the search cache.

    The scheduled `maintain/maintenance` deployment runs the same (concurrency 1).
    A DuckDB file needs none of it.
    """
    import logging

    from newsflow import pipeline, settings, storage

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    options: dict[str, Any] = {}
    for name, value in (("expire_after_s", expire_after), ("orphans_after_s", orphans_after)):
        if value is not None:
            options[name] = _seconds(value, "--" + name.removesuffix("_s").replace("_", "-"))
    try:
        request = pipeline.MaintenanceRequest(
            steps=tuple(only) if only else pipeline.MaintenanceRequest.steps, **options
        )
        report = pipeline.maintain(db, request, settings=settings.from_env())
    except (storage.StorageError, settings.SettingsError, ValueError) as error:
        _fail(str(error))
    if report.get("skipped"):
        console.print(f"{report['db']}: {report['skipped']}")
        return
    rows = [(step, str(done["result"])[:120], done["seconds"])
            for step, done in report["steps"].items()]  # fmt: skip
    console.print(_table(["step", "result", "seconds"], rows, title=f"maintained {report['db']}"))
    problems = report["steps"].get("check", {}).get("result")
    if problems:
        _fail(f"{len(problems)} batches are not whole: {problems[:5]}")


@app.command()
def tables(db: DbOption = DEFAULT_DB) -> None:
    """List the database's tables and views with what each holds (its data dictionary).

    The same descriptions are stored in the database as COMMENT ON, so DuckDB's CLI, DBeaver
    or a notebook show them too (`SELECT table_name, comment FROM duckdb_tables()`).
    """
    from newsflow import storage

    try:
        with _reading(db) as store:
            described = storage.data_dictionary(store)
    except storage.StorageError as error:
        _fail(str(error))
    rows = [(d.name, d.kind, d.description or "") for d in described]
    console.print(_table(["name", "kind", "description"], rows))
    console.print("[dim]columns of one: newsflow describe NAME[/]")


@app.command()
def describe(
    name: Annotated[str, typer.Argument(help="A table or view (see `newsflow tables`).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Print the columns of table or view NAME with their types and descriptions."""
    from newsflow import storage

    try:
        with _reading(db) as store:
            described = storage.data_dictionary(store, name)
    except storage.StorageError as error:
        _fail(str(error))
    if not described:
        _fail(f"no table or view named {name!r}; list them with: newsflow tables")
    item = described[0]
    console.print(f"[bold]{item.name}[/] ({item.kind}): {item.description or ''}", soft_wrap=True)
    rows = [(c.name, c.type, c.description or "") for c in item.columns]
    console.print(_table(["column", "type", "description"], rows))


@app.command()
def client(
    db: DbOption = DEFAULT_DB,
    fts: Annotated[
        bool, typer.Option("--fts", help="Print only the LOAD statement for full-text search.")
    ] = False,
) -> None:
    """How to open the database from your own DuckDB client, full-text search included.

    DuckDB's CLI and plain `duckdb` in Python open the file and every view as they are; only
    full-text search needs the fts extension, which a client would try to download. Load the
    copy newsflow installed instead:  duckdb -readonly DB -cmd "$(newsflow client --fts)"
    """
    import duckdb

    from newsflow import storage

    try:
        load = f"LOAD '{storage.fts_extension_path()}';"
    except storage.StorageError as error:
        _fail(str(error))
    if fts:
        print(load)
        return
    version = duckdb.__version__
    print(
        f"# DuckDB's CLI (pip install duckdb-cli=={version}), full-text search loaded:\n"
        f'duckdb -readonly {db} -cmd "{load}"\n\n'
        f"# Python (pip install duckdb=={version} duckdb-extension-fts=={version}):\n"
        f"import duckdb\n"
        f"con = duckdb.connect({db!r}, read_only=True)\n"
        f"con.execute(\"{load}\")  # only for search_bm25('terms') (its stemmer)\n\n"
        "# Every table, view and column is described: SELECT table_name, comment FROM "
        "duckdb_tables(); newsflow tables"
    )


@app.command()
def export(
    what: Annotated[str, typer.Argument(help="events (GDELT-style), articles or entities.")],
    db: DbOption = DEFAULT_DB,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="parquet, csv or jsonl.")
    ] = "parquet",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="File to write (default WHAT.FORMAT; - : stdout)."),
    ] = None,
) -> None:
    """Write every row of WHAT to a file, streamed (constant memory, any size).

    events: one row per event in GDELT's event-table columns (SQLDATE, Actor1Name,
    Actor1CountryCode, …, EventRootCode, QuadClass, SOURCEURL), then newsflow's own (PLOVER
    type and mode, modality, rule id, sentence); see `newsflow describe gdelt_events`.
    """
    from newsflow import storage

    if what not in storage.EXPORTS:
        _fail(f"unknown export {what!r}; use {', '.join(storage.EXPORTS)}")
    if output_format not in storage.EXPORT_FORMATS:
        _fail(f"unknown --format {output_format!r}; use {', '.join(storage.EXPORT_FORMATS)}")
    destination = output or f"{what}.{output_format}"
    try:
        with _reading(db) as store:
            rows = storage.export_query(store, storage.EXPORTS[what], destination, output_format)
    except (storage.StorageError, OSError) as error:
        _fail(str(error))
    if destination != "-":
        errors.print(f"wrote {rows} {what} rows to {destination} ({output_format})")


@app.command()
def dashboard(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on (local only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the dashboard in a browser tab.")
    ] = False,
) -> None:
    """Serve a local, read-only dashboard of --db until Ctrl-C: runs, sources, articles,
    entities and events, each count clickable down to its sentences.

    Each page opens the database read-only for its queries and closes it at once, so it
    never keeps a scheduled run waiting.
    """
    from pathlib import Path

    from newsflow import dashboard as board
    from newsflow import storage

    location = storage.Location.parse(db)
    if location.is_file and not Path(location.path).exists():
        _fail(f"no database at {db}; run `newsflow ingest …` first or pass --db PATH")
    console.print(
        f"newsflow dashboard of [bold]{db}[/] on http://{host}:{port}/ (read-only; Ctrl-C "
        "stops it)",
        soft_wrap=True,
    )
    board.serve(db, host=host, port=port, show=open_browser)


REGISTRY_HELP = "Source registry (TOML) to read the deployments from."


def _registry(path: Path | None) -> Any:
    from newsflow.deployments.registry import DEFAULT_REGISTRY, RegistryError, load_registry

    try:
        return load_registry(path or DEFAULT_REGISTRY)
    except RegistryError as error:
        _fail(str(error))


@app.command()
def serve(
    registry: Annotated[
        Path | None, typer.Option(help=REGISTRY_HELP + "  [default: deployments/sources.toml]")
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Serve only this group (repeatable).")
    ] = None,
) -> None:
    """Serve the registry's deployments on their schedules until Ctrl-C.

    Needs a Prefect server: `prefect server start` in another terminal, then
    `prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api`.
    """
    from newsflow.deployments import serve as serving

    loaded = _registry(registry)
    if only:
        from newsflow.deployments.registry import RegistryError

        try:
            [loaded.group(name) for name in only]
        except RegistryError as error:
            _fail(str(error))
    if not serving.api_url():
        _fail(
            "no Prefect server configured. Start one with `prefect server start`, then run\n"
            "  prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api\n"
            "and `newsflow serve` again. (Without a server each run would start its own "
            "temporary one and its schedule would never fire.)"
        )
    names = ", ".join(g.name for g in loaded.groups if not only or g.name in only)
    console.print(f"newsflow: serving {names} from [bold]{loaded.path}[/] at {serving.api_url()}")
    serving.serve(loaded.path, only)


@app.command()
def deployments(
    registry: Annotated[
        Path | None, typer.Option(help=REGISTRY_HELP + "  [default: deployments/sources.toml]")
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Regenerate deployments/prefect.yaml.")
    ] = False,
) -> None:
    """Validate the source registry and list its deployments and schedules."""
    from newsflow.deployments import serve as serving

    loaded = _registry(registry)
    rows = []
    for group in loaded.groups:
        when = f"every {group.interval}" if group.interval else f"cron {group.cron}"
        inputs = ", ".join(group.parameters(absolute=False)["inputs"])
        rows.append((group.name, when, group.db, inputs, "paused" if group.paused else ""))
    console.print(
        _table(["deployment", "schedule", "db", "inputs", ""], rows, title=str(loaded.path))
    )
    if write:
        serving.PREFECT_YAML.write_text(serving.prefect_yaml(loaded), "utf-8")
        console.print(f"wrote {serving.PREFECT_YAML}")


@app.command()
def deploy(
    registry: Annotated[
        Path | None, typer.Option(help=REGISTRY_HELP + "  [default: deployments/sources.toml]")
    ] = None,
    pool: Annotated[str, typer.Option(help="Process work pool the workers poll.")] = (
        "newsflow-process"
    ),
) -> None:
    """Register the registry's deployments on a process work pool, for workers on many
    machines (`prefect worker start --pool POOL` on each).

    Needs a Prefect server (PREFECT_API_URL). The code is taken from this project folder,
    which must be at the same path on every worker machine.
    """
    from newsflow.deployments import serve as serving

    loaded = _registry(registry)
    if not serving.api_url():
        _fail("no Prefect server configured: set PREFECT_API_URL (see the README's scale-out)")
    names = serving.deploy_to_pool(loaded, pool)
    console.print(_table(["deployment"], [(n,) for n in names], title=f"on work pool {pool}"))
    console.print(f"start a worker per machine: prefect worker start --pool {pool} --type process")


def main() -> None:
    try:
        app()
    finally:
        # What the command made lives until the process ends. Frozen, it is skipped by the
        # interpreter's last garbage collection, which would otherwise take the spaCy model
        # and the rest apart cycle by cycle (0.2-0.3 s at the end of a one-article ingest).
        # An object still goes when its last reference does; unreachable cycles are left
        # for the OS to reclaim with the process (stores are closed by then).
        gc.freeze()


if __name__ == "__main__":
    main()
