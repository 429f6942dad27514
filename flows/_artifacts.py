"""What a flow run publishes in the Prefect UI: the engine's run report as artifacts.

The engine builds the report from the database (per-source results, new entities,
failures) and keeps it in `runs.report`; `publish` shows the same dict as three artifacts: a
table of per-source results, a markdown summary and a link-free note of the database, so
`newsflow sql` and the UI agree.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Iterator
from typing import Any

from newsflow import pipeline
from newsflow.storage import SOURCE_COLUMNS


def _key(*parts: str) -> str:
    """Artifact keys: lowercase letters, digits and dashes."""
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(parts).lower()).strip("-")[:100]


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md_table(columns: list[str], rows: list[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(_cell(row.get(c, "")) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def summary_markdown(report: dict[str, Any], elapsed_s: float | None = None) -> str:
    counts = report["status_counts"]
    total = sum(counts.values())
    took = f" in {elapsed_s:.1f} s" if elapsed_s is not None else ""
    state = report["state"].replace("_", " ")
    of = f" of {report['deployment']}" if report.get("deployment") else ""
    parts = [
        f"# {report['flow']} run{of}: {state}",
        f"{total} inputs{took}: "
        + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        if counts
        else "No inputs.",
    ]
    parts.append("## Top new entities")
    if report["new_entities"]:
        parts.append(_md_table(["entity", "label", "mentions", "articles"], report["new_entities"]))
    else:
        parts.append("No new or changed articles in this run.")
    if report.get("events_by_type"):
        parts.append("## Events by type")
        parts.append(_md_table(["type", "events", "articles"], report["events_by_type"]))
    if report.get("slowest_hosts"):
        parts.append("## Slowest hosts")
        columns = ["host", "requests", "mean_ms", "max_ms", "failures"]
        parts.append(_md_table(columns, report["slowest_hosts"]))
    if report["failures"]:
        parts.append("## Not stored (not the run's fault)")
        parts.append(_md_table(["input", "status", "reason"], report["failures"]))
    return "\n\n".join(parts)


def database_note(report: dict[str, Any]) -> str:
    db = report["db"]
    tables = ", ".join(f"{name} {rows}" for name, rows in db["tables"].items())
    what = "the lake" if str(db["path"]).startswith("ducklake:") else "the DuckDB file"
    return "\n\n".join(
        [
            "# Database",
            f"This run wrote {what} `{db['path']}`.",
            f"Rows now stored: {tables}.",
            "The same figures, from SQL:",
            f"```\nnewsflow sql --db '{db['path']}' "
            f"\"SELECT * FROM run_source_results WHERE run_id = '{report['run_id']}'\"\n```",
        ]
    )


def publish(report: dict[str, Any], name: str, elapsed_s: float | None = None) -> None:
    """Create the run's artifacts; `name` (the deployment or flow name) makes their keys."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_table_artifact(
        table=report["sources"] or [dict.fromkeys(SOURCE_COLUMNS, "")],
        key=_key(name, "sources"),
        description=f"Per-source results of {report['flow']} run {report['run_id']}",
    )
    create_markdown_artifact(
        markdown=summary_markdown(report, elapsed_s),
        key=_key(name, "summary"),
        description="Run summary",
    )
    create_markdown_artifact(
        markdown=database_note(report), key=_key(name, "database"), description="Database file"
    )


@contextlib.contextmanager
def flow_run(
    db: str, flow_name: str, parameters: dict[str, Any], runner: Any
) -> Iterator[pipeline.Run]:
    """The engine's run inside the current flow run: keyed by the flow run id, logging to
    Prefect, and its report published as artifacts once the run is finished."""
    from prefect import get_run_logger
    from prefect.runtime import deployment
    from prefect.runtime import flow_run as current

    logger = get_run_logger()
    with pipeline.open_run(
        db, flow_name, parameters, run_id=str(current.get_id() or uuid.uuid4()), runner=runner,
        logger=logger, deployment=deployment.name,
    ) as run:  # fmt: skip
        yield run
    try:
        publish(run.report, deployment.name or flow_name, run.elapsed_s)
    except Exception as error:  # the data is stored; a UI hiccup must not fail the run
        logger.warning("could not publish the run's artifacts: %s", error)
