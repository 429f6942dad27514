"""The `newsflow` command line: ingest inputs, query the database, search articles.

Runs go through the engine (`newsflow.pipeline`). With a Prefect API configured
(`PREFECT_API_URL`, in the environment or the active Prefect profile) `ingest`, `backfill`
and `reprocess` run as Prefect flow runs, shown in its UI like scheduled runs; without one
they run the engine directly: the same `runs` rows and progress, no Prefect start-up.
"""

from __future__ import annotations

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
from rich.console import Console  # noqa: E402
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
console = Console()
errors = Console(stderr=True)

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


class _Ours:
    """What the terminal shows of the logs: newsflow's own records (warnings, or with
    --verbose everything and the tracebacks); Prefect's console keeps the rest."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose

    def filter(self, record: Any) -> bool:
        if not record.name.startswith("newsflow"):
            return False
        return self.verbose or not record.name.startswith("newsflow.traceback")


class _PrefectConsole:
    """Prefect's console handler without newsflow's records (shown by ours) and, without
    --verbose, without the tracebacks of failed task and flow runs: one line says what
    failed, and the tracebacks stay in the run log and the Prefect UI."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose

    def filter(self, record: Any) -> bool:
        if record.name.startswith("newsflow"):
            return False
        return self.verbose or record.levelno < 40  # logging.ERROR


def _configure_logging(verbose: bool) -> None:
    import logging

    root = logging.getLogger()
    if any(isinstance(f, _Ours) for h in root.handlers for f in h.filters):
        return
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    console.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(message)s" if verbose else "%(message)s")
    )
    console.addFilter(_Ours(verbose))
    root.addHandler(console)
    logging.getLogger("newsflow").setLevel(logging.INFO)


def _quiet_prefect_console(verbose: bool) -> None:
    import logging

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
    import logging

    from newsflow import pipeline, settings, storage

    with_prefect = bool(prefect_api_url())
    if with_prefect:  # Prefect sets up its logging on import, unless the root logger has a
        if not verbose:  # handler already: import it first
            os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        _quiet_prefect_console(verbose)
    _configure_logging(verbose)
    try:
        if with_prefect:
            return flow()
        with pipeline.open_run(
            db, flow_name, parameters, logger=logging.getLogger("newsflow")
        ) as run:
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
    raise AssertionError("unreachable")


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
    console.print(
        _table(["status", "inputs"], sorted(counts.items()), title="this run, per input status")
    )
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

    Tables: runs, sources, documents, articles, article_versions, mentions, run_items.
    Views: articles_per_day_site, top_entities, entity_cooccurrence, run_status_counts.
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
        text = {} if binary else {"encoding": "utf-8", "newline": ""}
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
            _table(["source", "failed polls", "last error"], checkup.failing,
                   title=f"sources failing {failing_polls}+ polls in a row")  # fmt: skip
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
