"""The `fan-out` flow: one run of a deployment per shard, on whichever workers of its pool are
free, and (with `wait`) wait for all of them. A group with `shards = N` in the source
registry is scheduled as `fan-out/<group>`, which starts `ingest/<group>` N times with
`shard` 0..N-1; each run keeps only the inputs its shard owns (pipeline/_shards.py) and
writes the same lake. The scheduled fan-out does not wait (`wait = false`): a waiting parent
would hold a worker slot that a shard needs; the shard runs show under it in the UI.
"""

from __future__ import annotations

import time
from typing import Any

from prefect import flow, get_run_logger

POLL_S = 2.0


@flow(name="fan-out", log_prints=False)
def fan_out(
    deployment: str,
    shards: int,
    parameters: dict[str, Any] | None = None,
    wait: bool = True,
    timeout_s: float = 24 * 3600.0,
) -> dict[str, str]:
    """Start `deployment` (`flow/deployment`) once per shard with `shard` and `shards` added
    to `parameters`; with `wait`, return each shard run's final state and fail if one did
    not complete."""
    from prefect import get_client
    from prefect.deployments import run_deployment

    if shards < 1:
        raise ValueError(f"shards must be at least 1, not {shards}")
    logger = get_run_logger()
    started = []
    for shard in range(shards):
        run: Any = run_deployment(  # sync-compatible: from a sync flow, the FlowRun
            name=deployment,
            parameters={**(parameters or {}), "shard": shard, "shards": shards},
            timeout=0,
            as_subflow=True,
        )
        started.append(run.id)
        logger.info("shard %d of %d: flow run %s", shard, shards, run.id)
    if not wait:
        return {str(run_id): "SCHEDULED" for run_id in started}
    deadline = time.monotonic() + timeout_s
    states: dict[str, str] = {}
    with get_client(sync_client=True) as client:
        while True:
            for run_id in started:
                state = client.read_flow_run(run_id).state
                if state is not None and state.is_final():
                    states[str(run_id)] = state.type.value
            if len(states) == len(started) or time.monotonic() > deadline:
                break
            time.sleep(POLL_S)
    unfinished = [str(r) for r in started if str(r) not in states]
    failed = {r: s for r, s in states.items() if s != "COMPLETED"}
    if unfinished or failed:
        raise RuntimeError(f"shard runs not completed: {failed or ''} {unfinished or ''}".strip())
    return states
