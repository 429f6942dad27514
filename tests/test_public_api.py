"""The packages' public surfaces are deliberate (an accidental export fails here), every
module lives under the one `newsflow` namespace, and the engine and its lower layers never
import Prefect. (The import-linter contracts in pyproject.toml check the layers in CI.)"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsflow import extractors, pipeline, storage
from newsflow.extractors import cleaning, nlp, sources

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [extractors, sources, cleaning, nlp, storage, pipeline]
# folder -> the package it installs as ("" for folders that are not installed)
FOLDERS = {
    "newsflow": "newsflow",
    "pipeline": "newsflow.pipeline",
    "flows": "newsflow.flows",
    "extractors": "newsflow.extractors",
    "storage": "newsflow.storage",
    "deployments": "newsflow.deployments",
    "tests": "",
    "bench": "",
    "scripts": "",
}


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_every_public_name_is_listed_once(package):
    public = sorted(
        name
        for name in dir(package)
        if not name.startswith("_") and not isinstance(getattr(package, name), type(package))
    )
    assert sorted(package.__all__) == public
    assert len(set(package.__all__)) == len(package.__all__)


def test_the_main_entry_points_are_public():
    assert {"RawDocument", "Article", "NewsflowInputError", "article_id"} <= set(extractors.__all__)
    assert {"plan_inputs", "read_input", "Fetcher", "parse_feed", "read_warc"} <= set(
        sources.__all__
    )
    assert {"clean"} <= set(cleaning.__all__)
    assert {"load_model", "parse", "enrich", "Enrichment"} <= set(nlp.__all__)
    assert {"Store", "Location", "Batch", "load", "writer_lock", "StorageError"} <= set(
        storage.__all__
    )
    assert {"open_run", "ingest", "reprocess", "drive", "WorkerPool"} <= set(pipeline.__all__)


def test_the_engine_and_everything_below_it_never_import_prefect():
    code = (
        "import sys\n"
        "import newsflow.pipeline, newsflow.settings, newsflow.storage, newsflow.extractors.nlp\n"
        "import newsflow.extractors.cleaning, newsflow.extractors.sources\n"
        "assert not any(m == 'prefect' or m.startswith('prefect.') for m in sys.modules), "
        "'prefect imported'\n"
        "assert 'newsflow.flows' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT / "tests")


def test_nothing_is_imported_under_a_bare_top_level_name():
    """The wheel installs `newsflow.*` only; code written against `flows`, `storage`, … would
    work in a checkout (the folders are there) and break for a user."""
    bare = re.compile(
        r"^\s*(?:from|import)\s+(?:flows|storage|extractors|deployments|pipeline)\b", re.M
    )
    offenders = []
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            if bare.search(path.read_text("utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def _package_of(path: Path) -> str:
    folder, *inner = path.relative_to(ROOT).parent.parts
    return ".".join(part for part in (FOLDERS[folder], *inner) if part)


def test_no_module_outside_a_package_imports_its_private_modules():
    private = re.compile(r"^\s*from\s+(newsflow(?:\.\w+)*)\.(_\w+)\s+import", re.M)
    offenders = []
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            for match in private.finditer(path.read_text("utf-8")):
                if _package_of(path) != match.group(1):
                    offenders.append(f"{path.relative_to(ROOT)}: {match.group(0).strip()}")
    assert offenders == []


def test_storage_hashes_natural_keys_as_extractors_do():
    url = "https://example.com/a?b=1"
    assert storage.natural_key(url) == extractors.key_id(url)
