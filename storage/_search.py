"""Full-text search on a DuckDB file: DuckDB's BM25 index (`fts`), rebuilt only when enough has
changed since its last build, and a plain word match for the articles stored since then.

The fts index is a snapshot that can only be rebuilt whole, over every article: 2.5 s at 1,000
articles and 28 s at 10,000 on the shared 2-core box, so rebuilding after every run made each
scheduled run pay for the whole store. A run now rebuilds it when there is none, or when the
articles new or changed since the last build reach `REBUILD_SHARE` of those indexed (so the
rebuilds of a growing store cost a small multiple of one last rebuild in all). Until then
`search` ranks the indexed articles by BM25 and lists the newer ones that contain a query word
after them, with score 0: nothing stored is missing from a search.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._store import Store

REBUILD_SHARE = 0.2
STATE = "fts_main_articles.newsflow_index"  # when the index was built, over how many articles


def _has_index(store: Store) -> bool:
    return bool(
        store.rows(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'fts_main_articles' AND table_name = 'newsflow_index'"
        )[0][0]
    )


def unindexed_articles(store: Store) -> tuple[int, int]:
    """(articles stored or changed since the index was built, articles it holds); the first
    is every article when there is no index."""
    if not _has_index(store):
        return store.rows("SELECT count(*) FROM articles")[0][0], 0
    row = store.rows(
        f"""
        SELECT count(*) FILTER (WHERE a.updated_at > s.built_at), any_value(s.articles)
        FROM articles a, {STATE} s
        """
    )[0]
    return int(row[0]), int(row[1] or 0)


def refresh_search_index(store: Store, *, force: bool = False) -> bool:
    """Rebuild the index when there is none, when `force`d, or when the articles new or
    changed since its build reach `REBUILD_SHARE` of those it holds; True when rebuilt."""
    from ._store import fts_extension_path

    with store.window():
        pending, indexed = unindexed_articles(store)
        has_index = _has_index(store)
        if not force and has_index and pending < max(1.0, REBUILD_SHARE * indexed):
            return False
        if not pending and not has_index and not force:
            return False  # no article yet: nothing to index
        store.execute(f"LOAD '{fts_extension_path()}'")
        store.execute(
            "PRAGMA create_fts_index('articles', 'article_id', 'title', 'text', overwrite=1)"
        )
        store.execute(
            f"CREATE OR REPLACE TABLE {STATE} AS "
            "SELECT now() AS built_at, count(*) AS articles FROM articles"
        )
        store.execute(
            f"COMMENT ON TABLE {STATE} IS 'When newsflow last rebuilt the BM25 index, and over "
            "how many articles; articles updated after built_at are found by word match.'"
        )
    return True


def _word_pattern(terms: str) -> str | None:
    words = [w for w in re.findall(r"\w+", terms) if len(w) > 1]
    return r"\b(" + "|".join(words) + r")" if words else None


def search_sql(store: Store, terms: str, columns: str, limit: int) -> tuple[str, list[Any]]:
    """A query over `articles` aliased `a` that returns `columns` plus `score`, best first:
    BM25 over the indexed articles, then (score 0) newer articles that contain a word of
    `terms`."""
    ranked = f"""
        SELECT {columns}, a.score
        FROM (SELECT *, fts_main_articles.match_bm25(article_id, ?) AS score FROM articles) a
        WHERE a.score IS NOT NULL"""
    pattern = _word_pattern(terms)
    if not _has_index(store) or pattern is None:
        return f"{ranked} ORDER BY a.score DESC LIMIT ?", [terms, limit]
    return (
        f"""
        SELECT * FROM (
            {ranked} AND a.updated_at <= (SELECT built_at FROM {STATE})
            UNION ALL
            SELECT {columns}, 0.0 AS score
            FROM articles a
            WHERE a.updated_at > (SELECT built_at FROM {STATE})
              AND regexp_matches(coalesce(a.title, '') || ' ' || coalesce(a.text, ''), ?, 'i')
        )
        ORDER BY score DESC, published_date DESC NULLS LAST LIMIT ?
        """,
        [terms, pattern, limit],
    )
