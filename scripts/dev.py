#!/usr/bin/env python3
"""Set up the project's virtual environment and run one of its jobs.

    python3 scripts/dev.py demo    # ingest the bundled samples into ./newsflow.duckdb
    python3 scripts/dev.py check   # lint, type-check and run the test suite

Needs only Python 3.11 and network access to PyPI. The environment lives in `.venv/`; it is
(re)installed when `pyproject.toml` or `constraints.txt` change.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".setup-stamp"


def _run(*args: str | os.PathLike[str]) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, env=_env())
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Prefect runs offline: no telemetry, no update checks.
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    return env


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be run by an older python3
        sys.exit(f"newsflow needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not (BIN / "python").exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    _run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(BIN / "python", "-m", "pip", "install", "--quiet", "-c", "constraints.txt", "-e", ".[dev]")
    STAMP.write_text(_fingerprint())


def demo() -> None:
    setup()
    _run(BIN / "newsflow", "ingest", "samples/", "--db", "newsflow.duckdb")
    print(
        "\nThe newsflow command is in .venv/bin (`source .venv/bin/activate` puts it on PATH):\n"
        '  .venv/bin/newsflow sql "SELECT * FROM top_entities ORDER BY mentions DESC LIMIT 10"\n'
        '  .venv/bin/newsflow search "Putin Pyongyang"\n'
        "  .venv/bin/newsflow dashboard    # then open http://127.0.0.1:8765/"
    )


def import_graph() -> Path:
    """The `newsflow` package laid out as it installs (newsflow/flows/…, from the top-level
    folders that pyproject.toml maps), for tools that walk a package's folder, such as
    import-linter. Only the .py files are copied; nothing is built or installed."""
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-dir"
    ]
    staged = ROOT / "build" / "import-graph"
    shutil.rmtree(staged, ignore_errors=True)
    for package, folder in sorted(mapping.items()):
        target = staged.joinpath(*package.split("."))
        for source in (ROOT / folder).rglob("*.py"):
            relative = source.relative_to(ROOT / folder)
            if relative.parts[0] in mapping.values() or "__pycache__" in relative.parts:
                continue
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)
    return staged


def lint_imports() -> None:
    """The layer contracts of pyproject.toml ([tool.importlinter]), on the installed layout."""
    staged = import_graph()
    env = _env()
    env["PYTHONPATH"] = os.pathsep.join([str(staged), env.get("PYTHONPATH", "")]).strip(os.pathsep)
    print("+ lint-imports", flush=True)
    # From the staged folder: lint-imports puts its working directory first on sys.path.
    config = str(ROOT / "pyproject.toml")
    completed = subprocess.run([str(BIN / "lint-imports"), config], cwd=staged, env=env)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def check() -> None:
    setup()
    _run(BIN / "ruff", "check", ".")
    _run(BIN / "ruff", "format", "--check", ".")
    packages = ("newsflow", "extractors", "storage", "pipeline", "flows", "deployments")
    _run(BIN / "mypy", *packages, "bench")
    lint_imports()
    _run(BIN / "python", "-m", "pytest", *sys.argv[2:])


JOBS = {"setup": setup, "demo": demo, "check": check, "lint-imports": lint_imports}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in JOBS:
        sys.exit(f"usage: python3 scripts/dev.py {{{'|'.join(JOBS)}}} [pytest args]")
    JOBS[sys.argv[1]]()
