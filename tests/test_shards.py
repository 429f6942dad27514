"""Shards split a job's inputs across workers with no coordination: each input goes to exactly
one shard, a host's URLs stay together, and the registry turns `shards = N` into a fan-out."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS

from newsflow import pipeline
from newsflow.extractors import LoadSettings
from newsflow.extractors.sources import plan_inputs


def test_every_input_goes_to_exactly_one_shard_and_hosts_stay_together(tmp_path: Path) -> None:
    listing = tmp_path / "links.urls"
    urls = [f"https://site{n % 5}.example/{n}" for n in range(40)]
    listing.write_text("\n".join(urls))
    files = [str(p) for p in sorted((CORPUS / "html").glob("*.html.gz"))[:30]]
    plan = plan_inputs([str(listing), *files], LoadSettings())
    owners: dict[str, list[int]] = {}
    for shard in range(3):
        request = pipeline.IngestRequest.of([], shard=shard, shards=3)
        for ref in plan.refs:
            if request.sharding().owns_ref(ref):
                owners.setdefault(ref.uri, []).append(shard)
    assert len(owners) == len(plan.refs) and all(len(v) == 1 for v in owners.values())
    by_host: dict[str, set[int]] = {}
    for url in urls:
        by_host.setdefault(url.split("/")[2], set()).update(owners[url])
    assert all(len(shards) == 1 for shards in by_host.values())
    assert len({shard for (shard,) in owners.values()}) == 3  # 35 keys spread over all three
    by_source = pipeline.Shard(0, 3, "source")
    assert len({by_source.owns_ref(r) for r in plan.refs if r.kind == "url"}) == 1


@pytest.mark.parametrize("bad", [{"shard": 2, "shards": 2}, {"shards": 0}, {"shard_by": "day"}])
def test_a_bad_shard_fails_before_any_work(bad: dict) -> None:
    with pytest.raises(ValueError, match="shard"):
        pipeline.IngestRequest.of(["x"], **bad)


REGISTRY = """
[defaults]
db = "ducklake:postgres:dbname=lake host=127.0.0.1 user=newsflow"

[[group]]
name = "wires"
interval = "15m"
shards = 4
shard_by = "source"
sources = [{ kind = "feed", url = "https://example.com/feed.xml" }]

[[group]]
name = "one"
cron = "0 6 * * *"
sources = [{ kind = "url", url = "https://example.com/a" }]

[maintenance]
interval = "1h"
orphans_after = "2d"
steps = ["merge", "expire", "cleanup", "orphans", "search"]
"""


def test_a_sharded_group_is_a_fan_out_of_its_ingest_deployment(tmp_path: Path) -> None:
    import inspect

    from newsflow.deployments.registry import load_registry
    from newsflow.deployments.serve import prefect_yaml, runner_deployments, specs

    path = tmp_path / "lake.toml"
    path.write_text(REGISTRY)
    registry = load_registry(path)
    built = {(s.flow, s.name): s for s in specs(registry)}
    assert list(built) == [("ingest", "wires"), ("fan-out", "wires"), ("ingest", "one"),
                           ("maintain", "maintenance"), ("reprocess", "reprocess"),
                           ("backfill", "backfill")]  # fmt: skip
    shards, fan = built["ingest", "wires"], built["fan-out", "wires"]
    assert not shards.scheduled and shards.concurrency == (4, "CANCEL_NEW")
    assert shards.parameters["shard_by"] == "source"
    assert shards.parameters["db"].startswith("ducklake:")  # a lake location stays as given
    assert fan.scheduled and fan.concurrency == (1, "CANCEL_NEW")
    assert fan.parameters == {"deployment": "ingest/wires", "shards": 4, "wait": False}
    upkeep = built["maintain", "maintenance"]
    assert upkeep.scheduled and upkeep.concurrency == (1, "CANCEL_NEW")
    assert upkeep.parameters["orphans_after_s"] == 2 * 86400
    assert built["ingest", "one"].concurrency == (1, "CANCEL_NEW")
    for deployment in runner_deployments(registry):  # every flow takes its parameters
        flow = {"ingest": "ingest", "fan-out": "fan_out", "maintain": "maintain"}.get(
            deployment.flow_name
        )
        if flow is None:
            continue
        module = __import__(f"newsflow.flows.{flow}", fromlist=[flow])
        function = getattr(module, flow)
        assert set(deployment.parameters) <= set(inspect.signature(function.fn).parameters)
        function.validate_parameters(deployment.parameters)
    assert "flows/fan_out.py:fan_out" in prefect_yaml(registry)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (REGISTRY.replace('shard_by = "source"', 'shard_by = "day"'), "shard_by must be"),
        (REGISTRY.replace("shards = 4", "shards = 0"), "shards must be at least 1"),
        (REGISTRY.replace('orphans_after = "2d"', 'orphans_after = "soon"'), "not a duration"),
        (REGISTRY.replace('interval = "1h"\n', ""), "exactly one schedule"),
        (REGISTRY.replace('steps = ["merge"', 'step = ["merge"'), "unknown key 'step'"),
        (REGISTRY.replace('"search"]', '"vacuum"]'), "unknown maintenance steps"),
    ],
)
def test_registry_errors_in_shards_and_maintenance(tmp_path: Path, text: str, problem: str):
    from newsflow.deployments.registry import RegistryError, load_registry

    path = tmp_path / "lake.toml"
    path.write_text(text)
    with pytest.raises(RegistryError, match=problem) as raised:
        load_registry(path)
    assert raised.value.line > 0


def test_the_shipped_lake_registry_is_valid_and_its_deployments_take_their_parameters() -> None:
    from newsflow.deployments.registry import load_registry
    from newsflow.deployments.serve import ENTRYPOINTS, specs

    registry = load_registry(Path(__file__).resolve().parent.parent / "deployments" / "lake.toml")
    built = {(s.flow, s.name) for s in specs(registry)}
    assert {("fan-out", "corpus"), ("ingest", "corpus"), ("maintain", "maintenance")} <= built
    assert registry.groups[0].parameters()["db"].startswith("ducklake:postgres:")
    assert set(ENTRYPOINTS) >= {flow for flow, _ in built}
