"""The `maintain` flow: a lake's upkeep (compaction, snapshot expiry, file clean-up, orphans,
abandoned runs, the search cache), one step per task run. Its deployment has concurrency 1:
two maintenance runs at once would only fight over the same files."""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger

from newsflow import pipeline
from newsflow.flows._tasks import TaskRunner
from newsflow.settings import DEFAULT_DB


def _markdown(report: dict[str, Any]) -> str:
    lines = [
        f"# Maintenance of `{report['db']}`",
        "",
        "| step | result | seconds |",
        "|---|---|---|",
    ]
    for step, done in report.get("steps", {}).items():
        result = str(done["result"]).replace("|", "\\|")[:200]
        lines.append(f"| {step} | {result} | {done['seconds']} |")
    if report.get("skipped"):
        lines.append(f"\n{report['skipped']}")
    return "\n".join(lines)


@flow(name="maintain", log_prints=False)
def maintain(
    db: str = DEFAULT_DB,
    steps: list[str] | None = None,
    expire_after_s: float = pipeline.MaintenanceRequest.expire_after_s,
    cleanup_after_s: float = pipeline.MaintenanceRequest.cleanup_after_s,
    orphans_after_s: float = pipeline.MaintenanceRequest.orphans_after_s,
    abandon_after_s: float = pipeline.MaintenanceRequest.abandon_after_s,
) -> dict[str, Any]:
    """Maintain the lake at `db`: flush inlined rows, merge small files, expire snapshots older
    than `expire_after_s`, delete freed files after `cleanup_after_s` and orphaned ones after
    `orphans_after_s` (keep it well past the longest batch), mark runs idle for
    `abandon_after_s` abandoned, rebuild the search cache. `steps` picks some of them."""
    request = pipeline.MaintenanceRequest(
        steps=tuple(steps) if steps else pipeline.MaintenanceRequest.steps,
        expire_after_s=expire_after_s, cleanup_after_s=cleanup_after_s,
        orphans_after_s=orphans_after_s, abandon_after_s=abandon_after_s,
    )  # fmt: skip
    report = pipeline.maintain(db, request, runner=TaskRunner(), logger=get_run_logger())
    try:
        from prefect.artifacts import create_markdown_artifact

        create_markdown_artifact(markdown=_markdown(report), key="maintenance",
                                 description="What the maintenance run did")  # fmt: skip
    except Exception as error:  # the work is done; a UI hiccup must not fail the run
        get_run_logger().warning("could not publish the maintenance artifact: %s", error)
    return report
