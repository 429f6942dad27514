"""Shared fixtures: real DuckDB files, the real spaCy model, real HTTP on 127.0.0.1."""

from __future__ import annotations

import os

# Prefect runs offline in tests, in local mode with a temporary server per test process.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# Local mode starts a temporary Prefect server: 14-21 s here, longer on a busy machine,
# where the default 20 s limit fails the run before it begins.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

import functools  # noqa: E402
import http.server  # noqa: E402
import shutil  # noqa: E402
import threading  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

# Real PostgreSQL / SeaweedFS / Prefect-on-PostgreSQL fixtures (tests/conftest_services.py).
pytest_plugins = ["conftest_services"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_ARTICLE = SAMPLES / "articles" / "cnn-putin-pyongyang-2024-06-19.txt"
CORPUS = SAMPLES / "corpus"


@pytest.fixture(scope="session")
def nlp():
    from newsflow.extractors.nlp import load_model

    return load_model()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the bundled samples, ingested once through the real flow."""
    from newsflow.flows.ingest import ingest

    path = tmp_path_factory.mktemp("sample-db") / "samples.duckdb"
    ingest(inputs=[str(SAMPLES)], db=str(path), batch_size=32)
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def web_root(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    return root


@pytest.fixture
def web_server(web_root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Serve `web_root` on 127.0.0.1; yields the base URL.

    The fetcher refuses loopback addresses unless allowed, and waits between requests to one
    host: the test allows 127.0.0.1 and drops the delay.
    """
    monkeypatch.setenv("NEWSFLOW_ALLOW_PRIVATE", "127.0.0.1")
    monkeypatch.setenv("NEWSFLOW_PER_HOST_DELAY", "0")
    handler = functools.partial(_QuietHandler, directory=str(web_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def copy_sample(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SAMPLE_ARTICLE, destination / SAMPLE_ARTICLE.name))


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def offline_prefect_env(home: Path, api_url: str | None = None) -> dict[str, str]:
    """Environment for a Prefect process of the tests: offline, its home in a temp dir."""
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_LOGGING_LEVEL="INFO",
    )
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `prefect server start` on 127.0.0.1 (random free port, offline, its home and UI
    files in a temp dir), shared by the session. Yields the API URL."""
    import subprocess
    import sys
    import time
    import urllib.request

    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = offline_prefect_env(home)
    env.update(
        PREFECT_SERVER_API_HOST="127.0.0.1",
        PREFECT_SERVER_API_PORT=str(port),
        PREFECT_SERVER_UI_STATIC_DIRECTORY=str(home / "ui"),
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="2",
        PREFECT_SERVER_SERVICES_LATE_RUNS_LOOP_SECONDS="5",
    )
    env.pop("PREFECT_API_URL", None)
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
         "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=home,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 180
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(
                    "prefect server did not start:\n" + (home / "server.log").read_text()[-3000:]
                )
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def person_batch(run_id: str, article_id: str, *names: str) -> Any:
    """A batch of one article naming `names`, each a PERSON entity with one mention."""
    from newsflow import storage

    article = {
        "article_id": article_id, "content_hash": "h", "document_id": "d-" + article_id,
        "uri": f"file:///{article_id}.txt", "text": " ".join(names), "word_count": 3,
        "nlp_status": "done", "cleaner": "test",
    }  # fmt: skip
    ids = {name: storage.natural_key("PERSON:" + name) for name in names}
    return storage.Batch(
        run_id=run_id, articles=[article],
        children={
            "entities": [{"entity_id": ids[n], "type": "PERSON", "name": n, "country": None,
                          "extractor": "entities.test"} for n in names],
            "entity_mentions": [{"article_id": article_id, "extractor": "entities.test",
                                 "mention_index": i, "sentence_index": 0, "start_char": 0,
                                 "end_char": 1, "ner_label": "PERSON",
                                 "label": "PERSON", "text": n, "entity_id": ids[n]}
                                for i, n in enumerate(names)],
            "article_entities": [{"article_id": article_id, "extractor": "entities.test",
                                  "entity_id": ids[n], "country": None, "mentions": 1}
                                 for n in names],
        },
    )  # fmt: skip
