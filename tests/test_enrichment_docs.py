"""Every SQL example in docs/enrichment.md runs on the bundled samples and returns columns;
the ones about the sample article return its rows."""

import re

import pytest
from conftest import ROOT

from newsflow import storage

DOC = (ROOT / "docs" / "enrichment.md").read_text("utf-8")
EXAMPLES = re.findall(r"```sql\n(.*?)```", DOC, flags=re.S)

pytestmark = pytest.mark.slow


def test_the_doc_has_the_issue_examples():
    text = " ".join(EXAMPLES)
    assert len(EXAMPLES) >= 5
    assert "CONSULT" in text and "quote_details" in text and "type = 'AID'" in text


@pytest.mark.parametrize("query", EXAMPLES, ids=[q.splitlines()[0][3:40] for q in EXAMPLES])
def test_enrichment_example_query_runs(sample_db, query):
    with storage.Store.open(sample_db, read_only=True) as store:
        columns, rows = store.query(query)
    assert columns
    if "Putin" in query or "AID" in query or "met whom" in query:
        assert rows, "the example should find the sample article's rows"
