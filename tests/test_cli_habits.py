"""The CLI as people use it: canonical names, whole values in pipes and logs, progress lines
with no terminal, a notice while waiting on another run, and a data dictionary to read."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import copy_sample

from newsflow import storage

NEWSFLOW = str(Path(sys.executable).with_name("newsflow"))
TITLE = "Pyongyang welcomes Putin with fanfare as Russian leader makes first visit in 24 years"


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """As from a cron job: output to a pipe, no COLUMNS."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [NEWSFLOW, *args], capture_output=True, text=True, timeout=timeout, env=env
    )


@pytest.fixture(scope="module")
def article_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample article ingested with the CLI, no terminal attached."""
    folder = tmp_path_factory.mktemp("habits")
    db = folder / "news.duckdb"
    result = run("ingest", str(copy_sample(folder / "in")), "--db", str(db), "--workers", "0")
    assert result.returncode == 0, result.stderr
    (folder / "ingest.out").write_text(result.stdout)
    return db


def test_with_no_terminal_values_are_whole_and_progress_comes_as_lines(article_db: Path) -> None:
    printed = (article_db.parent / "ingest.out").read_text()
    assert re.search(r"^\d\d:\d\d:\d\d batch 1: 1/1$", printed, flags=re.M), printed
    assert "Try next:\n  newsflow sql \"SELECT title, site_name, published_date, word_count " \
        "FROM articles ORDER BY published_date DESC LIMIT 10\"" in printed  # fmt: skip
    result = run("sql", "SELECT title, left(text, 300) AS opening FROM articles",
                 "--db", str(article_db))  # fmt: skip
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if TITLE in line]
    assert "Thousands of North Koreans chanting" in line  # the next column, on the same line
    assert len(line) > 300


def test_top_entities_and_the_run_report_name_canonical_entities(article_db: Path) -> None:
    result = run("sql", "SELECT entity, label FROM top_entities ORDER BY mentions DESC",
                 "--db", str(article_db), "-f", "csv")  # fmt: skip
    names = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert "Vladimir Putin" in names and "Kim Jong Un" in names
    assert "Putin" not in names and "Kim" not in names
    with storage.open_reader(article_db) as store:
        run_id = store.rows("SELECT run_id FROM runs")[0][0]
        report = storage.run_report(store, run_id)
    assert report is not None
    new = [row["entity"] for row in report["new_entities"]]
    assert "Vladimir Putin" in new and "Putin" not in new and "Kim" not in new


def test_tables_and_describe_print_the_data_dictionary(article_db: Path) -> None:
    listed = run("tables", "--db", str(article_db))
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"gdelt_events\s+.\s+view\s+.\s+One row per event", listed.stdout)
    described = run("describe", "gdelt_events", "--db", str(article_db))
    assert "Event day as YYYYMMDD" in described.stdout and "EventRootCode" in described.stdout
    missing = run("describe", "no_such_thing", "--db", str(article_db))
    assert missing.returncode == 1 and "newsflow tables" in missing.stderr
    helped = re.sub(r"[│\s]+", " ", run("sql", "--help").stdout)  # help is boxed and wrapped
    assert "`newsflow tables` and `newsflow describe NAME`" in helped


def test_a_second_ingest_says_in_one_line_that_it_waits_for_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    sample = copy_sample(tmp_path / "in")
    with storage.writer_lock(db, "other-run-123"):
        process = subprocess.Popen(
            [NEWSFLOW, "ingest", str(sample), "--db", str(db), "--workers", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        seen: list[str] = []
        reader = threading.Thread(target=lambda: seen.extend(process.stderr or []), daemon=True)
        reader.start()
        deadline = time.monotonic() + 120
        while not any("waiting for run other-run-123" in line for line in seen):
            assert process.poll() is None, "the second ingest did not wait"
            assert time.monotonic() < deadline, f"no notice while waiting: {seen}"
            time.sleep(0.2)
    out, _ = process.communicate(timeout=300)
    reader.join(timeout=10)
    assert process.returncode == 0
    notices = [line for line in seen if "waiting for" in line]
    assert len(notices) == 1 and str(db) in notices[0]
    assert "new" in out


def test_a_run_keeps_pandas_out_and_leaves_it_importable(tmp_path: Path) -> None:
    """DuckDB imports pandas at a run's first query with parameters (about 0.6 s of a
    no-change re-run); the CLI hides it while a run lasts and gives it back after."""
    pages = copy_sample(tmp_path / "in")
    script = (
        "import sys\n"
        "from newsflow.cli import main\n"
        f"sys.argv = ['newsflow', 'ingest', {str(pages)!r}, '--db', "
        f"{str(tmp_path / 'pandas.duckdb')!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print('pandas imported during the run:', 'pandas' in sys.modules)\n"
        "import pandas\n"
        "print('pandas after the run:', pandas.__name__)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pandas imported during the run: False" in done.stdout
    assert "pandas after the run: pandas" in done.stdout
