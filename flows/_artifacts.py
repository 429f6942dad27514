"""What a flow run publishes in the Prefect UI, and keeps in its `runs` row.

`build_report` reads the run's figures from the database (per-source results, new entities,
failures); `publish` shows them as three artifacts: a table of per-source results, a markdown
summary and a link-free note of the DuckDB file. The same dict goes into `runs.report`, so
`newsflow sql` and the UI agree.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import storage

SOURCE_COLUMNS = (
    "source", "kind", "inputs", "fetched", "new", "updated", "unchanged", "skipped", "failed",
    "reasons",
)  # fmt: skip


def build_report(
    store: storage.Store, run_id: str, flow_name: str, state: str, db: str
) -> dict[str, Any]:
    counts = storage.run_status_counts(store, run_id)
    path = Path(db).resolve() if db != ":memory:" else None
    return {
        "run_id": run_id,
        "flow": flow_name,
        "state": state,
        "status_counts": counts,
        "sources": storage.run_source_results(store, run_id),
        "new_entities": storage.run_new_entities(store, run_id, 10),
        "events_by_type": storage.run_events_by_type(store, run_id),
        "slowest_hosts": storage.run_slowest_hosts(store, run_id, 5),
        "failures": [
            {"input": uri, "status": status, "reason": reason}
            for uri, status, reason in storage.run_failures(store, run_id, 10)
        ],
        "db": {
            "path": str(path) if path else db,
            "tables": storage.table_counts(store),
        },
    }


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
    return "\n\n".join(
        [
            "# Database",
            f"This run wrote the DuckDB file `{db['path']}`.",
            f"Rows now stored: {tables}.",
            "The same figures, from SQL:",
            f"```\nnewsflow sql --db {db['path']} "
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


def report_run(
    store: storage.Store, run_id: str, flow_name: str, state: str, db: str, elapsed_s: float
) -> dict[str, Any]:
    """Build the run's report, keep it in `runs.report`, publish it, warn about failures.

    Failures that are not the run's fault (a dead feed, a missing file) leave the run
    Completed with a warning in its logs and a row in the per-source table.
    """
    from prefect import get_run_logger
    from prefect.runtime import deployment

    logger = get_run_logger()
    report = build_report(store, run_id, flow_name, state, db)
    report["deployment"] = deployment.name
    storage.record_run_report(store, run_id, report)
    failed = sum(
        n for status, n in report["status_counts"].items() if status in ("failed", "skipped")
    )
    if failed:
        reasons = "; ".join(
            f"{row['source']}: {row['reasons']}" for row in report["sources"] if row["reasons"]
        )
        logger.warning("%d inputs not stored (%s); see the run's artifacts", failed, reasons)
    try:
        publish(report, deployment.name or flow_name, elapsed_s)
    except Exception as error:  # the data is stored; a UI hiccup must not fail the run
        logger.warning("could not publish the run's artifacts: %s", error)
    return report
