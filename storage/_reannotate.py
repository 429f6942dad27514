"""Re-run annotations over stored articles without refetching: which articles still lack an
extractor version's rows, and an idempotent load of new rows for their current version.

A rule change ships as a new extractor version (`events.v2`); its rows sit beside the old
version's, and the views show the newest. Rows name the article version they were made
from; a row for a version that is no longer current is not written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ._loader import _arrow, _dedupe, _load_table, _write
from ._store import Store
from ._tables import spec_for


def articles_missing(
    store: Store, table: str, extractor: str, after: str = "", limit: int = 64
) -> list[tuple[str, int, str, date | None]]:
    """(article_id, version, text, published_date) of current, parsed articles that have no
    `table` row of `extractor`, in article_id order after `after` (keyset pagination)."""
    spec = spec_for(table)
    if not spec.versioned:
        raise ValueError(f"{table} is not a per-article table")
    return store.rows(
        f"SELECT a.article_id, a.version, a.text, a.published_date FROM articles a "
        f"WHERE a.nlp_status = 'done' AND a.article_id > ? AND NOT EXISTS ("
        f"  SELECT 1 FROM {spec.name} t WHERE t.article_id = a.article_id"
        f"  AND t.version = a.version AND t.extractor = ?) "
        "ORDER BY a.article_id LIMIT ?",
        [after, extractor, limit],
    )


def load_annotations(store: Store, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Write rows of versioned tables (each row names `article_id` and `version`) and of
    cross-article tables, in one transaction; rows already stored are skipped."""
    written: dict[str, int] = {}
    with store.transaction():
        for name, rows in tables.items():
            spec = spec_for(name)
            if not spec.versioned:
                written[name] = _load_table(store, name, rows)
                continue
            rows = _dedupe(rows, spec.key)
            if not rows:
                written[name] = 0
                continue
            store.register(f"incoming_{name}", _arrow(rows))
            try:
                store.execute(
                    f"CREATE OR REPLACE TEMP TABLE staged_{name} AS "
                    f"SELECT c.* FROM incoming_{name} c JOIN articles a "
                    "ON a.article_id = c.article_id AND a.version = c.version"
                )
            finally:
                store.unregister(f"incoming_{name}")
            written[name] = _write(store, spec, rows, f"staged_{name}")
    return written
