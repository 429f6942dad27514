"""The README's way to use the database from one's own client works as written: plain duckdb
in Python and the official DuckDB CLI (PyPI duckdb-cli), full-text search included, with no
newsflow code in the client; and docs/exports.md's worked example runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

NEWSFLOW = str(Path(sys.executable).with_name("newsflow"))
DUCKDB_CLI = str(Path(sys.executable).with_name("duckdb"))
README = (ROOT / "README.md").read_text("utf-8")
CLIENT_SECTION = README.split("## Your own client", 1)[1].split("\n## ", 1)[0]
SQL_EXAMPLES = re.findall(r"```sql\n(.*?)```", README, flags=re.S)


@pytest.fixture
def workdir(sample_db: Path, tmp_path: Path) -> Path:
    """A folder holding a copy of the sample database as ./newsflow.duckdb."""
    shutil.copy(sample_db, tmp_path / "newsflow.duckdb")
    return tmp_path


def test_the_readme_python_block_runs_in_plain_duckdb(workdir: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", CLIENT_SECTION, flags=re.S)
    assert len(blocks) == 1 and "import newsflow" not in blocks[0]
    result = subprocess.run(
        [sys.executable, "-c", blocks[0]], cwd=workdir, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Pyongyang welcomes Putin" in result.stdout  # the full-text search answered
    assert "mentions" in result.stdout


def test_newsflow_client_prints_the_load_line_the_duckdb_cli_takes(workdir: Path) -> None:
    assert 'duckdb -readonly newsflow.duckdb -cmd "$(newsflow client --fts)"' in CLIENT_SECTION
    load = subprocess.run(
        [NEWSFLOW, "client", "--fts"], capture_output=True, text=True, timeout=60
    ).stdout.strip()
    assert re.fullmatch(r"LOAD '.+fts\.duckdb_extension';", load), load
    query = (
        "SELECT a.title FROM search_bm25('Pyongyang Kim') s JOIN articles a USING (article_id)"
        " ORDER BY s.score DESC LIMIT 1;"
    )
    result = subprocess.run(
        [DUCKDB_CLI, "-readonly", "newsflow.duckdb", "-csv", "-cmd", load, "-c", query],
        cwd=workdir, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Pyongyang welcomes Putin" in result.stdout


@pytest.mark.parametrize("query", SQL_EXAMPLES, ids=[q.splitlines()[0][3:40] for q in SQL_EXAMPLES])
def test_every_readme_query_runs_in_the_duckdb_cli(workdir: Path, query: str) -> None:
    load = subprocess.run(
        [NEWSFLOW, "client", "--fts"], capture_output=True, text=True, timeout=60
    ).stdout.strip()
    result = subprocess.run(
        [DUCKDB_CLI, "-readonly", "newsflow.duckdb", "-csv", "-cmd", load, "-c", query],
        cwd=workdir, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    assert result.stdout.strip(), "no header printed"


def test_the_exports_worked_example_runs(workdir: Path) -> None:
    doc = (ROOT / "docs" / "exports.md").read_text("utf-8")
    commands = re.findall(r"```sh\n(.*?)```", doc, flags=re.S)
    code = "\n".join(re.findall(r"```python\n(.*?)```", doc, flags=re.S))
    assert commands == ["newsflow export events --format parquet -o events.parquet\n"]
    args = commands[0].split()[1:]
    exported = subprocess.run(
        [NEWSFLOW, *args], cwd=workdir, capture_output=True, text=True, timeout=120
    )
    assert exported.returncode == 0, exported.stderr
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"20240619 Vladimir Putin North Korea\s+visit asserted", result.stdout)
    assert "EventRootCode" in result.stdout and "QuadClass" in result.stdout
