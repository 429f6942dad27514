"""Every SQL example in the README runs against a database of the bundled samples."""

import re

import pytest
from conftest import ROOT

from newsflow import storage

README = (ROOT / "README.md").read_text("utf-8")
EXAMPLES = re.findall(r"```sql\n(.*?)```", README, flags=re.S)


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("query", EXAMPLES, ids=[q.splitlines()[0][3:40] for q in EXAMPLES])
def test_readme_example_query_runs(sample_db, query):
    with storage.Store.open(sample_db, read_only=True) as store:
        columns, rows = store.query(query)
    assert columns


def test_readme_commands_are_the_ones_ci_runs():
    top = README.splitlines()[:6]
    assert any(line.startswith("python3 scripts/dev.py demo") for line in top)
    assert any(line.startswith("python3 scripts/dev.py check") for line in top)
    assert "python3 scripts/dev.py check" in (ROOT / ".ci" / "run").read_text()
