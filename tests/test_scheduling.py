"""Scheduled runs on a real Prefect server: served deployments, artifacts, and the UI.

One `prefect server start` per session (conftest `prefect_server`); `newsflow serve` serves a
registry group with a 5-second interval, and the tests wait (bounded) for its scheduled runs.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, offline_prefect_env

pytestmark = pytest.mark.slow

GROUP = "every-few-seconds"
WAIT_S = 240  # bound on waiting for two scheduled runs to complete
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ARTIFACTS_DIR = ROOT / "test-artifacts"
SHOWN_COLUMNS = ("source", "kind", "inputs", "fetched", "new", "updated", "unchanged", "skipped",
                 "failed")  # fmt: skip


@dataclass
class Served:
    api_url: str
    db: Path
    registry: Path
    runs: list[Any]  # completed FlowRun objects, oldest first
    log: Path
    started_s: float  # seconds from `newsflow serve` starting to the first run completing


def _client(api_url: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    class _Session:
        def __enter__(self):
            self._settings = temporary_settings(updates={PREFECT_API_URL: api_url})
            self._settings.__enter__()
            self._client = get_client(sync_client=True)
            return self._client.__enter__()

        def __exit__(self, *exc):
            self._client.__exit__(*exc)
            self._settings.__exit__(*exc)

    return _Session()


def deployment_runs(api_url: str, name: str) -> list[Any]:
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    with _client(api_url) as client:
        return client.read_flow_runs(
            deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[name])),
            sort=FlowRunSort.EXPECTED_START_TIME_ASC,
        )


def run_artifacts(api_url: str, flow_run_id: Any) -> list[Any]:
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with _client(api_url) as client:
        return client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )


def write_registry(folder: Path, db: Path) -> Path:
    registry = folder / "sources.toml"
    registry.write_text(
        f"""
[defaults]
db = "{db}"
batch_size = 8

[[group]]
name = "{GROUP}"
description = "The sample article every few seconds, plus a glob that matches nothing."
interval = "5s"
sources = [
    {{ kind = "directory", path = "{SAMPLES / "articles"}" }},
    {{ kind = "glob", path = "{folder / "missing"}/*.html" }},
]
""",
        "utf-8",
    )
    return registry


@pytest.fixture(scope="module")
def served(prefect_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`newsflow serve` on a registry with one 5-second group, until two runs completed."""
    folder = tmp_path_factory.mktemp("served")
    db = folder / "served.duckdb"
    registry = write_registry(folder, db)
    env = offline_prefect_env(folder / "prefect-home", prefect_server)
    env["PREFECT_RUNNER_POLL_FREQUENCY"] = "2"
    log = folder / "serve.log"
    newsflow = Path(sys.executable).with_name("newsflow")
    started = time.monotonic()
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [str(newsflow), "serve", "--registry", str(registry)],
            env=env, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT,
        )  # fmt: skip
    try:
        completed: list[Any] = []
        first_done: float | None = None
        deadline = time.monotonic() + WAIT_S
        while len(completed) < 2:
            if process.poll() is not None:
                pytest.fail(f"newsflow serve exited ({process.returncode}):\n{log.read_text()}")
            if time.monotonic() > deadline:
                states = [(r.name, r.state_name) for r in deployment_runs(prefect_server, GROUP)]
                pytest.fail(
                    f"fewer than 2 scheduled runs completed within {WAIT_S} s: {states}\n"
                    + log.read_text()[-4000:]
                )
            time.sleep(1)
            runs = deployment_runs(prefect_server, GROUP)
            failed = [r for r in runs if r.state and r.state.is_failed()]
            if failed:
                pytest.fail(f"a scheduled run failed: {failed[0].state}\n{log.read_text()[-4000:]}")
            completed = [r for r in runs if r.state and r.state.is_completed()]
            if completed and first_done is None:
                first_done = time.monotonic() - started
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: pauses the schedule, ends the runs
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    yield Served(prefect_server, db, registry, completed, log, first_done or 0.0)


def read_store(db: Path):
    """Open `db` read-only once no run is writing it (runs may still be going)."""
    import contextlib

    from newsflow import storage
    from newsflow.storage import writer_lock

    @contextlib.contextmanager
    def opened():
        with (
            writer_lock(db, "test reader", wait_s=120, shared=True),
            storage.Store.open(db, read_only=True) as store,
        ):
            yield store

    return opened()


def test_scheduled_runs_happen_and_complete(served: Served) -> None:

    assert len(served.runs) >= 2
    assert all(run.auto_scheduled for run in served.runs[:2])
    print(f"first scheduled run completed {served.started_s:.1f} s after `newsflow serve` started")
    ids = [str(run.id) for run in served.runs]
    with read_store(served.db) as store:
        rows = store.rows(
            "SELECT run_id, state, items_seen, articles_new, articles_unchanged, items_failed "
            "FROM runs WHERE run_id = ANY(?::VARCHAR[]) ORDER BY started_at",
            [ids],
        )
        assert store.rows("SELECT count(*) FROM articles")[0][0] == 1
        assert (
            store.rows("SELECT count(*) FROM articles GROUP BY article_id HAVING count(*) > 1")
            == []
        )
    by_id = {row[0]: row for row in rows}
    assert set(by_id) == set(ids)
    for _run_id, state, seen, new, unchanged, failed in rows:
        # one sample article and one glob matching nothing: a warning, not a failed run
        assert (state, seen, failed) == ("completed_with_failures", 2, 1)
        assert new + unchanged == 1
    assert sum(row[3] for row in rows) <= 1  # the article is new in exactly one run at most


def test_each_run_publishes_artifacts_that_match_the_runs_table(served: Served) -> None:
    from newsflow import storage

    run = served.runs[0]
    artifacts = run_artifacts(served.api_url, run.id)
    kinds = sorted(a.type for a in artifacts)
    assert kinds == ["markdown", "markdown", "table"]
    table = next(a for a in artifacts if a.type == "table")
    assert table.key == f"{GROUP}-sources"
    with read_store(served.db) as store:
        report = storage.run_report(store, str(run.id))
        sources = storage.run_source_results(store, str(run.id))
    assert report is not None and report["sources"] == sources
    import json

    shown = table.data if isinstance(table.data, list) else json.loads(table.data)
    assert [row["source"] for row in shown] == [row["source"] for row in sources]
    for row, expected in zip(shown, sources, strict=True):
        assert {k: row[k] for k in ("inputs", "fetched", "new", "unchanged", "failed")} == {
            k: expected[k] for k in ("inputs", "fetched", "new", "unchanged", "failed")
        }
    missing = next(row for row in sources if row["source"].endswith("*.html"))
    assert (missing["failed"], missing["reasons"]) == (1, "not_found 1")
    notes = [a.data for a in artifacts if a.type == "markdown"]
    assert any(str(served.db) in note for note in notes)
    assert any("Top new entities" in note for note in notes)


@pytest.fixture(scope="module")
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        installer = shutil.which("apt-get")
        reason = (
            f"{CHROMIUM} is not installed (`apt-get install -y chromium`; .ci/run does it)"
            if installer
            else f"{CHROMIUM} is not installed and apt-get is not available to install it"
        )
        pytest.skip(reason)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[dev]')")
    return CHROMIUM


@pytest.mark.browser
def test_the_ui_shows_the_completed_run_and_its_artifact_table(
    served: Served, chromium: str
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from newsflow import storage

    run = served.runs[0]
    with read_store(served.db) as store:
        sources = storage.run_source_results(store, str(run.id))
    ui = served.api_url.removesuffix("/api")
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1700, "height": 1000})
        try:
            page.goto(f"{ui}/runs/flow-run/{run.id}")
            expect(page.get_by_text(run.name).first).to_be_visible(timeout=60_000)
            expect(page.get_by_text("Completed").first).to_be_visible()
            page.get_by_text("Artifacts", exact=True).first.click()
            card = page.get_by_text(f"{GROUP}-sources").first
            expect(card).to_be_visible()
            page.screenshot(path=ARTIFACTS_DIR / "ui-flow-run-artifacts.png")
            card.click()
            for row in sources:
                cells = page.locator("tr", has_text=row["source"]).first.locator("td")
                expect(cells.first).to_have_text(row["source"], timeout=30_000)
                expected = [str(row[column]) for column in SHOWN_COLUMNS]
                shown = [text.strip() for text in cells.all_inner_texts()][: len(expected)]
                assert shown == expected, (row["source"], shown, expected)
            page.screenshot(path=ARTIFACTS_DIR / "ui-artifact-table.png")
            page.go_back()
            page.get_by_text("Artifacts", exact=True).first.click()
            page.get_by_text(f"{GROUP}-summary").first.click()
            expect(page.get_by_text("Top new entities").first).to_be_visible(timeout=30_000)
            page.screenshot(path=ARTIFACTS_DIR / "ui-artifact-summary.png")
        except Exception:
            page.screenshot(path=ARTIFACTS_DIR / "ui-failure.png")
            raise
        finally:
            browser.close()


def test_prefect_yaml_deploys_and_a_process_worker_runs_a_deployment(
    prefect_server: str, tmp_path: Path
) -> None:
    """`prefect deploy` accepts broken entrypoints, so only a real run proves prefect.yaml."""
    from newsflow import storage
    from newsflow.deployments.serve import WORK_POOL

    env = offline_prefect_env(tmp_path / "prefect-home", prefect_server)
    env["PREFECT_CLI_PROMPT"] = "false"
    prefect = [sys.executable, "-m", "prefect"]

    def run(*args: str) -> str:
        result = subprocess.run(
            [*prefect, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"prefect {' '.join(args)}:\n{result.stdout}{result.stderr}"
        return result.stdout

    run("work-pool", "create", WORK_POOL, "--type", "process", "--overwrite")
    run("deploy", "--all", "--prefect-file", "deployments/prefect.yaml")
    db = tmp_path / "worker.duckdb"
    run("deployment", "run", "ingest/sample-article-daily", "--param", f"db={db}")
    worker = subprocess.run(
        [*prefect, "worker", "start", "--pool", WORK_POOL, "--run-once"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=WAIT_S,
    )  # fmt: skip
    assert worker.returncode == 0, worker.stdout + worker.stderr
    runs = deployment_runs(prefect_server, "sample-article-daily")
    states = [r.state_name for r in runs if not r.auto_scheduled]
    assert states == ["Completed"], worker.stdout[-6000:] + worker.stderr[-6000:]
    with storage.Store.open(db, read_only=True) as store:
        assert store.rows("SELECT state, articles_new FROM runs") == [("completed", 1)]
