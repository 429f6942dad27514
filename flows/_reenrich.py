"""Re-run the enrichment over articles already stored: after a rule change (a new extractor
version), no refetch or re-clean, only parse + `enrich` on the stored text.

Plain function so it is tested without Prefect; a CLI command or flow can call it.
"""

from __future__ import annotations

from typing import Any

import storage
from extractors import enrich, load_model, parse
from extractors._enrichment_types import EVENTS_VERSION

CROSS_ARTICLE = ("entities", "entity_aliases")


def reenrich(
    store: storage.Store, nlp: Any | None = None, batch_size: int = 64, limit: int | None = None
) -> int:
    """Enrich the current version of every parsed article that has no rows of the current
    events extractor version yet; returns how many articles were enriched. Idempotent."""
    nlp = nlp or load_model()
    done = 0
    after = ""
    while limit is None or done < limit:
        size = batch_size if limit is None else min(batch_size, limit - done)
        found = storage.articles_missing(store, "events", EVENTS_VERSION, after, size)
        if not found:
            break
        tables: dict[str, list[dict[str, Any]]] = {}
        docs = parse((text for _, _, text, _ in found), nlp)
        for (article_id, version, _, published), doc in zip(found, docs, strict=True):
            for table, rows in enrich(doc, published).table_rows(article_id).items():
                if table not in CROSS_ARTICLE:
                    rows = [{**row, "version": version} for row in rows]
                tables.setdefault(table, []).extend(rows)
        storage.load_annotations(store, tables)
        done += len(found)
        after = found[-1][0]
    return done
