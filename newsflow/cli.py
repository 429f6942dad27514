"""The `newsflow` command line: ingest inputs, query the database, search articles.

Runs go through the engine (`newsflow.pipeline`). With a Prefect API configured
(`PREFECT_API_URL`, in the environment or the active Prefect profile) `ingest`, `backfill`
and `reprocess` run as Prefect flow runs, shown in its UI like scheduled runs; without one
they run the engine directly: the same `runs` rows and progress, no Prefect start-up.
"""

from __future__ import annotations

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

DB_HELP = "Database location: a DuckDB file, or :memory: (env NEWSFLOW_DB)."
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

    @property  # type: ignore[override]
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
    from newsflow import storage

    with storage.open_reader(db, _Notice()) as store:
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


def _run(
    flow_name: str,
    db: str,
    parameters: dict[str, Any],
    job: Callable[[Any], None],
    flow: Callable[[], dict[str, Any]],
    verbose: bool,
) -> dict[str, Any]:
    """Run a job as a Prefect flow run when a Prefect API is configured, else directly."""
    from newsflow import pipeline, settings, storage

    logger = logging.getLogger("newsflow")
    notices = _NoticeHandler()
    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    else:
        # Warnings (such as waiting for another run's writer lock) reach the user as one line.
        logger.addHandler(notices)
    undo = None if console.is_terminal else pipeline.set_progress_hook(_progress_lines())
    try:
        if prefect_api_url():
            if not verbose:
                os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
            return flow()
        with pipeline.open_run(db, flow_name, parameters, logger=logger) as run:
            job(run)
        return run.summary
    except (storage.StorageError, settings.SettingsError, ValueError) as error:
        _fail(str(error))
    finally:
        logger.removeHandler(notices)
        if undo is not None:
            undo()
    raise AssertionError("unreachable")


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
        only_due=only_due,
    )  # fmt: skip
    try:
        request = pipeline.IngestRequest.of(inputs, **options)
    except ValueError as error:
        _fail(str(error))

    def flow() -> dict[str, Any]:
        from newsflow.flows.ingest import ingest as ingest_flow

        return ingest_flow(inputs=inputs, db=db, **options)  # type: ignore[arg-type]

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=True,
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
    output: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    limit: Annotated[int, typer.Option(help="Print at most this many rows.")] = 200,
) -> None:
    """Run QUERY against --db, read-only, and print the result.

    Every table and view, and what each column holds: `newsflow tables` and `newsflow
    describe NAME` (the same text is stored in the database as COMMENT ON). Good places to
    start: articles, event_details, top_entities, entity_cooccurrence, quote_details, runs.
    From your own DuckDB client: `newsflow client`.
    """
    from newsflow import storage

    try:
        with _reading(db) as store:
            columns, rows = store.query(query)
    except storage.StorageError as error:
        hint = ""
        if isinstance(error, storage.QueryError):
            hint = '\nList tables with: newsflow sql "SHOW TABLES"'
        _fail(f"{error}{hint}")
    _print_rows(columns, rows, output, limit)


def _print_rows(columns: list[str], rows: list[Any], output: str, limit: int) -> None:
    import csv
    import json

    shown = rows[:limit]
    if output == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(shown)
    elif output == "json":
        print(json.dumps([dict(zip(columns, row, strict=True)) for row in shown], default=str))
    elif output == "table":
        console.print(_table(columns, shown))
        if len(rows) > limit:
            console.print(f"[dim]{len(rows) - limit} more rows; raise --limit to see them[/]")
    else:
        _fail(f"unknown --format {output!r}; use table, csv or json")


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
    _print_rows(["name", "kind", "description"], rows, "table", len(rows))
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
    _print_rows(["column", "type", "description"], rows, "table", len(rows))


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
        f"duckdb -readonly {db} -cmd \"{load}\"\n\n"
        f"# Python (pip install duckdb=={version} duckdb-extension-fts=={version}):\n"
        f"import duckdb\n"
        f"con = duckdb.connect({db!r}, read_only=True)\n"
        f"con.execute(\"{load}\")  # only for fts_main_articles.match_bm25\n\n"
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
            rows = storage.export_query(
                store, storage.EXPORTS[what], destination, output_format
            )
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
