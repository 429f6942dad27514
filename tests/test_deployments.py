"""The source registry, the deployments generated from it, and their entry points."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLES

from newsflow.deployments.registry import DEFAULT_REGISTRY, RegistryError, load_registry
from newsflow.deployments.serve import PREFECT_YAML, prefect_yaml, runner_deployments

GOOD = f"""
[defaults]
db = "news.duckdb"

[[group]]
name = "local"
interval = "15m"
sources = [
    {{ kind = "directory", path = "{SAMPLES}" }},
    {{ kind = "feed", url = "https://example.com/feed.xml" }},
]

[[group]]
name = "nightly"
cron = "30 2 * * *"
batch_size = 8
limit = 100
sources = [{{ kind = "url", url = "https://example.com/a" }}]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, "utf-8")
    return path


def test_the_shipped_registry_is_valid_and_prefect_yaml_is_generated_from_it() -> None:
    registry = load_registry()
    assert registry.root == ROOT
    assert [g.name for g in registry.groups] == ["samples", "sample-article-daily"]
    assert PREFECT_YAML.read_text("utf-8") == prefect_yaml(registry), (
        "deployments/prefect.yaml is stale: run `newsflow deployments --write`"
    )


def test_a_valid_registry_gives_typed_groups(tmp_path: Path) -> None:
    registry = load_registry(write(tmp_path, GOOD))
    local, nightly = registry.groups
    assert local.interval is not None and local.interval.total_seconds() == 900
    assert nightly.cron == "30 2 * * *" and nightly.interval is None
    assert local.parameters() == {
        "inputs": [str(SAMPLES)],
        "feeds": ["https://example.com/feed.xml"],
        "only_due": True,
        "db": str(tmp_path / "news.duckdb"),
        "batch_size": 64,
        "limit": 0,
    }
    assert "only_due" not in nightly.parameters() and "feeds" not in nightly.parameters()
    assert nightly.parameters(absolute=False)["db"] == "news.duckdb"
    assert (nightly.batch_size, nightly.limit) == (8, 100)


BROKEN = [
    ("[[group]\nname = 'x'\n", 1, "not valid TOML"),
    (GOOD.replace('interval = "15m"', 'interval = "15 minutes"'), 7, "not a duration"),
    (GOOD.replace('cron = "30 2 * * *"', 'cron = "every night"'), 15, "cron 'every night'"),
    (GOOD.replace("limit = 100", "limits = 100"), 17, "unknown key 'limits'"),
    (GOOD.replace('name = "nightly"', 'name = "local"'), 14, "used twice"),
    (GOOD.replace('name = "nightly"', 'name = "Nightly Run"'), 14, "lowercase letters"),
    (GOOD.replace('kind = "url"', 'kind = "rss"'), 18, "source kind 'rss'"),
    (GOOD.replace(str(SAMPLES), "/no/such/folder"), 9, "does not exist"),
    (GOOD.replace("batch_size = 8", 'batch_size = "8"'), 16, "batch_size must be an integer"),
    (GOOD.replace('cron = "30 2 * * *"\n', ""), 13, "exactly one schedule"),
    (GOOD.replace("limit = 100", 'overlap = "wait"'), 17, "overlap must be one of"),
    (GOOD.replace('url = "https://example.com/a"', 'url = "example.com/a"'), 18, "not an http"),
]


@pytest.mark.parametrize(("text", "line", "problem"), BROKEN)
def test_registry_errors_name_the_file_the_line_and_the_problem(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RegistryError) as raised:
        load_registry(path)
    assert (raised.value.file, raised.value.line) == (str(path), line), str(raised.value)
    assert problem in raised.value.problem
    assert str(raised.value).startswith(f"{path}:{line}: ")


def _check_parameters(flow, parameters: dict, scheduled: bool = True) -> None:
    signature = inspect.signature(flow.fn)
    assert set(parameters) <= set(signature.parameters), set(parameters) - set(signature.parameters)
    required = {
        name for name, p in signature.parameters.items() if p.default is inspect.Parameter.empty
    }
    if scheduled:  # a scheduled run has nobody to fill in a missing parameter
        assert required <= set(parameters)
        flow.validate_parameters(parameters)  # types match the flow's annotations


def test_every_prefect_yaml_entrypoint_imports_and_its_parameters_match_the_flow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prefect.flows import load_flow_from_entrypoint

    monkeypatch.chdir(ROOT)  # prefect deploy resolves entrypoints from the project root
    spec = yaml.safe_load(PREFECT_YAML.read_text("utf-8"))
    assert spec["deployments"]
    names = [d["name"] for d in spec["deployments"]]
    assert names == [g.name for g in load_registry().groups] + ["reprocess", "backfill"]
    for deployment in spec["deployments"]:
        flow = load_flow_from_entrypoint(deployment["entrypoint"])
        scheduled = bool(deployment.get("schedules"))
        _check_parameters(flow, deployment["parameters"], scheduled)
        for path in deployment["parameters"].get("inputs", []):
            assert (ROOT / path).exists(), path


def test_served_deployments_match_the_flow_and_carry_their_schedules() -> None:
    from newsflow.flows.ingest import ingest

    registry = load_registry(DEFAULT_REGISTRY)
    built = runner_deployments(registry)
    assert [d.name for d in built] == [g.name for g in registry.groups] + ["reprocess", "backfill"]
    for deployment in built[len(registry.groups) :]:
        assert deployment.schedules in (None, [])
        assert deployment.parameters == {"db": str(ROOT / "newsflow.duckdb")}
    for deployment, group in zip(built, registry.groups, strict=False):
        _check_parameters(ingest, deployment.parameters)
        assert deployment.concurrency_options.collision_strategy.value == "CANCEL_NEW"
        assert deployment.concurrency_limit == 1
        assert len(deployment.schedules) == 1
        schedule = deployment.schedules[0].schedule
        if group.interval is not None:
            assert schedule.interval == group.interval
        else:
            assert schedule.cron == group.cron


def test_newsflow_deployments_reports_a_broken_registry_with_its_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = write(tmp_path, GOOD.replace('interval = "15m"', 'interval = "soon"'))
    newsflow = Path(sys.executable).with_name("newsflow")
    result = subprocess.run(
        [str(newsflow), "deployments", "--registry", str(path)],
        capture_output=True, text=True, env=dict(os.environ, COLUMNS="200"),
    )  # fmt: skip
    assert result.returncode == 1
    assert f"{path}:7:" in result.stderr and "not a duration" in result.stderr


def test_prefect_yaml_inputs_plan_from_the_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker starts runs in the project root with the yaml's relative paths (a relative
    .txt path once crashed planning: Path.as_uri() refuses relative paths)."""
    from newsflow.extractors import LoadSettings
    from newsflow.extractors.sources import plan_inputs

    monkeypatch.chdir(ROOT)
    for deployment in yaml.safe_load(PREFECT_YAML.read_text("utf-8"))["deployments"]:
        inputs = deployment["parameters"].get("inputs", [])
        plan = plan_inputs(inputs, LoadSettings())
        assert plan.failures == [] and len(plan.refs) >= len(inputs), deployment["name"]


@pytest.mark.parametrize("command", ["serve", "deployments", "reprocess", "backfill"])
def test_the_scheduling_commands_document_themselves(command: str) -> None:
    import subprocess
    import sys

    newsflow = Path(sys.executable).with_name("newsflow")
    result = subprocess.run(
        [str(newsflow), command, "--help"], capture_output=True, text=True,
        env=dict(os.environ, COLUMNS="200"),
    )  # fmt: skip
    assert result.returncode == 0 and "Usage" in result.stdout
