"""Deployments generated from the source registry: served in one process, or as prefect.yaml.

    newsflow serve                       # serve every group of deployments/sources.toml
    newsflow deployments --write         # regenerate deployments/prefect.yaml from it

Serving needs a Prefect server (`prefect server start`) and `PREFECT_API_URL` pointing at it;
each scheduled run executes in a subprocess of the serving process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsflow.deployments.registry import DEFAULT_REGISTRY, Group, Registry, load_registry

FLOW_ENTRYPOINT = "flows/ingest.py:ingest"
# Unscheduled deployments, run on demand from the UI or `prefect deployment run`.
ON_DEMAND = {
    "reprocess": ("flows/reprocess.py:reprocess", "Clean and annotate stored raw inputs again."),
    "backfill": ("flows/backfill.py:backfill", "Ingest inputs for an explicit date range."),
}
WORK_POOL = "newsflow-process"
PREFECT_YAML = Path(__file__).resolve().parent / "prefect.yaml"


def _schedule(group: Group) -> dict[str, Any]:
    if group.interval is not None:
        seconds = group.interval.total_seconds()
        return {"interval": int(seconds) if seconds.is_integer() else seconds,
                "timezone": group.timezone}  # fmt: skip
    return {"cron": group.cron, "timezone": group.timezone}


def _collision(group: Group) -> str:
    return "CANCEL_NEW" if group.overlap == "skip" else "ENQUEUE"


def runner_deployments(registry: Registry, only: list[str] | None = None) -> list[Any]:
    """One `RunnerDeployment` of the ingest flow per registry group (or per named group)."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.schedules import Cron, Interval

    from newsflow.flows.backfill import backfill
    from newsflow.flows.ingest import ingest
    from newsflow.flows.reprocess import reprocess

    groups = [registry.group(name) for name in only] if only else registry.groups
    built = []
    for group in groups:
        schedule = (
            Interval(group.interval, timezone=group.timezone)
            if group.interval is not None
            else Cron(group.cron, timezone=group.timezone)
        )
        built.append(
            ingest.to_deployment(
                name=group.deployment_name,
                schedule=schedule,
                parameters=group.parameters(absolute=True),
                description=group.description or None,
                tags=["newsflow", *group.tags],
                paused=group.paused,
                concurrency_limit=ConcurrencyLimitConfig(
                    limit=1, collision_strategy=ConcurrencyLimitStrategy(_collision(group))
                ),
            )
        )
    if not only:
        db = registry.default_db(absolute=True)
        for flow in (reprocess, backfill):
            built.append(
                flow.to_deployment(
                    name=flow.name,
                    parameters={"db": db},
                    description=ON_DEMAND[flow.name][1],
                    tags=["newsflow", "on-demand"],
                )
            )
    return built


def api_url() -> str | None:
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def serve(registry_path: Path | str = DEFAULT_REGISTRY, only: list[str] | None = None) -> None:
    """Serve the registry's deployments until interrupted (Ctrl-C pauses their schedules)."""
    import prefect

    registry = load_registry(registry_path)
    prefect.serve(*runner_deployments(registry, only), print_starting_message=True)


def prefect_yaml(registry: Registry) -> str:
    """deployments/prefect.yaml for `prefect deploy --all`, generated from the registry."""
    import yaml

    deployments = []
    for group in registry.groups:
        deployments.append(
            {
                "name": group.deployment_name,
                "description": group.description or None,
                "entrypoint": FLOW_ENTRYPOINT,
                "tags": ["newsflow", *group.tags],
                "parameters": group.parameters(absolute=False),
                "schedules": [{**_schedule(group), "active": not group.paused}],
                "concurrency_limit": {"limit": 1, "collision_strategy": _collision(group)},
                "work_pool": {"name": WORK_POOL, "work_queue_name": "default"},
            }
        )
    for name, (entrypoint, description) in ON_DEMAND.items():
        deployments.append(
            {
                "name": name,
                "description": description,
                "entrypoint": entrypoint,
                "tags": ["newsflow", "on-demand"],
                "parameters": {"db": registry.default_db(absolute=False)},
                "work_pool": {"name": WORK_POOL, "work_queue_name": "default"},
            }
        )
    head = (
        "# Generated from deployments/sources.toml by `newsflow deployments --write`: edit the\n"
        "# registry, not this file. From the project root:\n"
        f"#   prefect work-pool create {WORK_POOL} --type process\n"
        "#   prefect deploy --all --prefect-file deployments/prefect.yaml\n"
        f"#   prefect worker start --pool {WORK_POOL}\n"
        "# Paths are relative to the project root, where the worker starts each run.\n"
    )
    body = {"name": "newsflow", "prefect-version": "3.9.1", "deployments": deployments}
    return head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True)


# python -m newsflow.deployments.serve [REGISTRY]: the same as `newsflow serve`
if __name__ == "__main__":
    import sys

    serve(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_REGISTRY)
