"""Fixtures over tests/services.py: real PostgreSQL, SeaweedFS (S3) and Prefect server + process
workers on 127.0.0.1. Registered from tests/conftest.py (`pytest_plugins`).

Session fixtures are shared and must not be stopped by a test; `fresh_*` fixtures give a test
its own instance to stop, restart or kill. A missing binary fails the test with what to install
(CI installs everything; a skip would hide a missing install step).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from services import (
    PostgresCluster,
    PrefectServer,
    ProcessWorker,
    SeaweedS3,
    start_workers,
)

# Throwaway clusters: durability is not what the tests look at.
FAST_PG = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster shared by the session (do not stop it in a test)."""
    with PostgresCluster(settings=FAST_PG) as cluster:
        yield cluster


@pytest.fixture
def fresh_pg_cluster() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster of the test's own, to restart or stop."""
    with PostgresCluster(settings=FAST_PG) as cluster:
        yield cluster


@pytest.fixture(scope="session")
def s3_server() -> Iterator[SeaweedS3]:
    """A SeaweedFS S3 server shared by the session, bucket `lake` (do not stop it in a test)."""
    with SeaweedS3() as server:
        yield server


@pytest.fixture
def fresh_s3_server() -> Iterator[SeaweedS3]:
    """A SeaweedFS S3 server of the test's own, to stop and start."""
    with SeaweedS3() as server:
        yield server


@pytest.fixture(scope="session")
def prefect_pg_server(pg_cluster: PostgresCluster) -> Iterator[PrefectServer]:
    """A Prefect server whose database is `prefect` on the session's PostgreSQL cluster."""
    pg_cluster.create_database("prefect")
    with PrefectServer(pg_cluster.dsn("prefect", "postgresql+asyncpg")) as server:
        yield server


@pytest.fixture
def make_process_workers(
    prefect_pg_server: PrefectServer,
) -> Iterator[Callable[..., list[ProcessWorker]]]:
    """Factory: `make_process_workers(n, pool)` starts n process workers polling `pool` on the
    session's Prefect server (in parallel); all are stopped after the test."""
    started: list[ProcessWorker] = []

    def make(count: int = 2, pool: str = "newsflow", **kwargs: Any) -> list[ProcessWorker]:
        offset = len(started)
        workers = [
            ProcessWorker(prefect_pg_server, pool, f"{pool}-worker-{offset + i + 1}", **kwargs)
            for i in range(count)
        ]
        started.extend(workers)
        return start_workers(workers)

    try:
        yield make
    finally:
        for worker in started:
            worker.stop()
