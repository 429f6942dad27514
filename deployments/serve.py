"""Deployments generated from the source registry: served in one process, written as
prefect.yaml, or registered on a process work pool for workers on many machines.

    newsflow serve                       # serve every group of deployments/sources.toml
    newsflow deployments --write         # regenerate deployments/prefect.yaml from it
    newsflow deploy --registry deployments/lake.toml --pool newsflow-process

Serving needs a Prefect server (`prefect server start`) and `PREFECT_API_URL` pointing at it;
each scheduled run executes in a subprocess of the serving process. On a work pool, each run
executes on whichever worker polls first, in the project folder (the same path on every
machine), with the worker's environment.

Per registry group: `ingest/<group>` on the group's schedule; with `shards = N`, the schedule
moves to `fan-out/<group>`, which starts `ingest/<group>` once per shard. With a
[maintenance] table: `maintain/maintenance` on its own schedule. Always: the on-demand
`reprocess` and `backfill`. Scheduled deployments have concurrency 1.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from newsflow.deployments.registry import DEFAULT_REGISTRY, Group, Registry, load_registry

FLOW_ENTRYPOINT = "flows/ingest.py:ingest"
ENTRYPOINTS = {
    "ingest": FLOW_ENTRYPOINT,
    "fan-out": "flows/fan_out.py:fan_out",
    "maintain": "flows/maintain.py:maintain",
    "reprocess": "flows/reprocess.py:reprocess",
    "backfill": "flows/backfill.py:backfill",
}
# Unscheduled deployments, run on demand from the UI or `prefect deployment run`.
ON_DEMAND = {
    "reprocess": ("flows/reprocess.py:reprocess", "Clean and annotate stored raw inputs again."),
    "backfill": ("flows/backfill.py:backfill", "Ingest inputs for an explicit date range."),
}
WORK_POOL = "newsflow-process"
PREFECT_YAML = Path(__file__).resolve().parent / "prefect.yaml"
# Where the entrypoints' paths start: the checkout (flows/, deployments/ side by side), or
# the installed `newsflow` package, which holds flows/ and deployments/ the same way.
CODE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Spec:
    """One deployment, whatever registers it."""

    flow: str  # a key of ENTRYPOINTS
    name: str
    parameters: dict[str, Any]
    description: str | None = None
    tags: tuple[str, ...] = ()
    interval: timedelta | None = None
    cron: str | None = None
    timezone: str = "UTC"
    paused: bool = False
    concurrency: tuple[int, str] | None = None  # (limit, CANCEL_NEW | ENQUEUE)

    @property
    def scheduled(self) -> bool:
        return self.interval is not None or self.cron is not None


def _collision(group: Group) -> str:
    return "CANCEL_NEW" if group.overlap == "skip" else "ENQUEUE"


def specs(registry: Registry, absolute: bool = True, only: list[str] | None = None) -> list[Spec]:
    """Every deployment of the registry (or of the named groups only)."""
    groups = [registry.group(name) for name in only] if only else registry.groups
    built = []
    for group in groups:
        common = {
            "description": group.description or None,
            "tags": ("newsflow", *group.tags),
            "timezone": group.timezone,
            "paused": group.paused,
        }
        when = {"interval": group.interval, "cron": group.cron}
        parameters = group.parameters(absolute=absolute)
        if group.shards <= 1:
            built.append(Spec("ingest", group.deployment_name, parameters, **common, **when,
                              concurrency=(1, _collision(group))))  # fmt: skip
            continue
        # At most one run per shard; a shard run due while the last one still runs is
        # skipped or queued as the group's `overlap` says.
        built.append(Spec("ingest", group.deployment_name, parameters, **common,
                          concurrency=(group.shards, _collision(group))))  # fmt: skip
        # The fan-out only starts the shard runs (sub-flow runs in the UI): waiting would
        # hold a worker slot that a shard needs.
        fan = {"deployment": f"ingest/{group.deployment_name}", "shards": group.shards,
               "wait": False}  # fmt: skip
        built.append(Spec("fan-out", group.deployment_name, fan, **common, **when,
                          concurrency=(1, _collision(group))))  # fmt: skip
    if only:
        return built
    if registry.maintenance is not None:
        upkeep = registry.maintenance
        built.append(
            Spec(
                "maintain",
                "maintenance",
                upkeep.parameters(absolute=absolute),
                description="A lake's upkeep: compaction, expiry, clean-up, search cache.",
                tags=("newsflow", "maintenance"),
                interval=upkeep.interval,
                cron=upkeep.cron,
                timezone=upkeep.timezone,
                paused=upkeep.paused,
                concurrency=(1, "CANCEL_NEW"),
            )  # fmt: skip
        )
    for name, (_, description) in ON_DEMAND.items():
        built.append(Spec(name, name, {"db": registry.default_db(absolute=absolute)},
                          description=description, tags=("newsflow", "on-demand")))  # fmt: skip
    return built


def _flows() -> dict[str, Any]:
    from newsflow.flows.backfill import backfill
    from newsflow.flows.fan_out import fan_out
    from newsflow.flows.ingest import ingest
    from newsflow.flows.maintain import maintain
    from newsflow.flows.reprocess import reprocess

    return {"ingest": ingest, "fan-out": fan_out, "maintain": maintain,
            "reprocess": reprocess, "backfill": backfill}  # fmt: skip


def _options(spec: Spec) -> dict[str, Any]:
    """What `to_deployment` and `deploy` take for a spec."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.schedules import Cron, Interval

    options: dict[str, Any] = {
        "name": spec.name,
        "parameters": spec.parameters,
        "description": spec.description,
        "tags": list(spec.tags),
    }
    if spec.scheduled:
        options["schedule"] = (
            Interval(spec.interval, timezone=spec.timezone)
            if spec.interval is not None
            else Cron(str(spec.cron), timezone=spec.timezone)  # scheduled: one of the two
        )
        options["paused"] = spec.paused
    if spec.concurrency is not None:
        limit, strategy = spec.concurrency
        options["concurrency_limit"] = ConcurrencyLimitConfig(
            limit=limit, collision_strategy=ConcurrencyLimitStrategy(strategy)
        )
    return options


def runner_deployments(registry: Registry, only: list[str] | None = None) -> list[Any]:
    """`RunnerDeployment`s of every registry deployment (or of the named groups' only)."""
    flows = _flows()
    return [
        flows[spec.flow].to_deployment(**_options(spec)) for spec in specs(registry, True, only)
    ]


def deploy_to_pool(registry: Registry, pool: str = WORK_POOL) -> list[str]:
    """Register every deployment of `registry` on the process work pool `pool` (created when
    missing), its code taken from this installation (`CODE_ROOT`), which must be at the
    same path on every worker machine. Returns the deployments' `flow/name`s."""
    from prefect import flow as prefect_flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists

    with get_client(sync_client=True) as client, contextlib.suppress(ObjectAlreadyExists):
        client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
    names = []
    for spec in specs(registry, absolute=True):
        # `from_source` is sync-compatible: called from sync code it returns the flow itself
        loaded: Any = prefect_flow.from_source(
            source=str(CODE_ROOT), entrypoint=ENTRYPOINTS[spec.flow]
        )
        loaded.deploy(
            work_pool_name=pool, print_next_steps=False, ignore_warnings=True, **_options(spec)
        )
        names.append(f"{spec.flow}/{spec.name}")
    return names


def api_url() -> str | None:
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def serve(registry_path: Path | str = DEFAULT_REGISTRY, only: list[str] | None = None) -> None:
    """Serve the registry's deployments until interrupted (Ctrl-C pauses their schedules)."""
    import prefect

    registry = load_registry(registry_path)
    prefect.serve(*runner_deployments(registry, only), print_starting_message=True)


def _schedule(spec: Spec) -> dict[str, Any]:
    if spec.interval is not None:
        seconds = spec.interval.total_seconds()
        return {"interval": int(seconds) if seconds.is_integer() else seconds,
                "timezone": spec.timezone}  # fmt: skip
    return {"cron": spec.cron, "timezone": spec.timezone}


def prefect_yaml(registry: Registry) -> str:
    """deployments/prefect.yaml for `prefect deploy --all`, generated from the registry."""
    import yaml

    deployments = []
    for spec in specs(registry, absolute=False):
        entry: dict[str, Any] = {
            "name": spec.name,
            "description": spec.description,
            "entrypoint": ENTRYPOINTS[spec.flow],
            "tags": list(spec.tags),
            "parameters": spec.parameters,
        }
        if spec.scheduled:
            entry["schedules"] = [{**_schedule(spec), "active": not spec.paused}]
        if spec.concurrency is not None:
            entry["concurrency_limit"] = {
                "limit": spec.concurrency[0],
                "collision_strategy": spec.concurrency[1],
            }
        entry["work_pool"] = {"name": WORK_POOL, "work_queue_name": "default"}
        deployments.append(entry)
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
