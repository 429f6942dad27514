"""Full-text search on a DuckDB file: an index each write window extends by the articles it
stored or changed, ranked by BM25 at query time.

DuckDB's `fts` index is a snapshot rebuilt whole over every article; at 5,000 articles the
rebuild was the flow process's memory peak (+220 MB, not held to `memory_limit`) and its cost
grew with the store (bench/results/issue14.md, rounds 2 and 7). Here the index is two tables
(migration 0009): `search_documents` (an article's indexed version and its number of terms)
and `search_postings` (how often each term occurs in it). The loader writes the rows of the
articles a batch made new or changed, in the batch's transaction, after deleting those of a
changed article's previous version; an unchanged article writes nothing. Terms are made the
way `fts` makes them (its `tokenize` macro: lowercase, accents stripped, split on its
punctuation and digits; its English stop words; the Porter stemmer it ships, `stem(w,
'porter')`), and `search_sql` scores BM25 with its formula and constants (k1 = 1.2, b = 0.75),
so a search ranks as `fts_main_articles.match_bm25` did (tests/test_search_index.py).

Articles stored before the index existed (a file made by an older newsflow) are indexed by
`refresh_search_index`, in chunks of `BACKFILL_CHUNK` articles, each chunk its own
transaction: when the file is migrated, and at the end of every run (a cheap check that
finishes a backfill a kill stopped).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from ._stopwords import ENGLISH

if TYPE_CHECKING:
    from ._store import Store

LOGGER = logging.getLogger("newsflow.storage")
BACKFILL_CHUNK = 500  # articles indexed per transaction when filling the index afterwards
K1 = 1.2
B = 0.75
STOP_WORDS = sorted(set(ENGLISH))
# fts's `tokenize` macro (duckdb-extension-fts 1.5): what is replaced by a space before the
# split on white space.
_PUNCTUATION = r"""[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''"`-]+"""


def _words(value: str) -> str:
    """SQL: the list of words of a VARCHAR expression, as fts's `tokenize` splits them."""
    return (
        f"string_split_regex(regexp_replace(lower(strip_accents(CAST({value} AS VARCHAR))), "
        f"'{_PUNCTUATION.replace(chr(39), chr(39) * 2)}', ' ', 'g'), '\\s+')"
    )


def _load_stemmer(store: Store) -> None:
    from ._store import fts_extension_path

    store.execute(f"LOAD '{fts_extension_path()}'")  # stem(); cheap once the process has it


def _index(store: Store, source: str, replace: str | None) -> int:
    """Index the articles of the relation `source` (article_id, version, title, text), in the
    caller's transaction; `replace`: a query of the article_ids among them that may have
    rows already (deleted first). Returns how many articles were indexed."""
    _load_stemmer(store)
    store.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE search_incoming AS
        WITH words AS (
            SELECT article_id, unnest({_words("concat_ws(' ', title, text)")}) AS word
            FROM {source}
        )
        SELECT article_id, stem(word, 'porter') AS term, count(*)::INTEGER AS tf
        FROM words
        WHERE word <> '' AND word NOT IN (SELECT unnest(?::VARCHAR[]))  -- a hash anti-join
        GROUP BY ALL
        """,
        [STOP_WORDS],
    )
    if replace is not None:
        store.execute(f"CREATE OR REPLACE TEMP TABLE search_replaced AS {replace}")
        if store.rows("SELECT count(*) FROM search_replaced")[0][0]:
            for table in ("search_postings", "search_documents"):
                store.execute(
                    f"DELETE FROM {table} WHERE article_id IN "
                    "(SELECT article_id FROM search_replaced)"
                )
    indexed = store.rows(
        f"""
        INSERT INTO search_documents (article_id, version, terms)
        SELECT s.article_id, s.version, coalesce(t.terms, 0)::INTEGER
        FROM {source} s
        LEFT JOIN (SELECT article_id, sum(tf) AS terms FROM search_incoming GROUP BY ALL) t
          ON t.article_id = s.article_id
        """
    )[0][0]
    store.execute(
        "INSERT INTO search_postings (article_id, term, tf) "
        "SELECT article_id, term, tf FROM search_incoming ORDER BY term"
    )
    store.execute("DROP TABLE search_incoming")
    return int(indexed)


def index_loaded_articles(store: Store) -> int:
    """Index the articles the loader's `staged_articles` made new or changed, in its
    transaction: a changed article's earlier rows are replaced, an unchanged one is left."""
    changed = store.rows(
        "SELECT count(*) FILTER (WHERE change <> 'unchanged'), "
        "count(*) FILTER (WHERE change = 'updated') FROM staged_articles"
    )[0]
    if not changed[0]:
        return 0
    replace = (
        "SELECT article_id FROM staged_articles WHERE change = 'updated'" if changed[1] else None
    )
    # an article new to `articles` may have rows left by nothing; `replace` covers updates
    return _index(
        store,
        "(SELECT article_id, version, title, text FROM staged_articles "
        "WHERE change <> 'unchanged')",
        replace,
    )


_PENDING = """
    SELECT a.article_id
    FROM articles a LEFT JOIN search_documents d ON d.article_id = a.article_id
    WHERE d.version IS DISTINCT FROM a.version
"""


def unindexed_articles(store: Store) -> tuple[int, int]:
    """(articles whose current version the index does not hold, articles it holds)."""
    row = store.rows(
        f"SELECT (SELECT count(*) FROM ({_PENDING})), (SELECT count(*) FROM search_documents)"
    )[0]
    return int(row[0]), int(row[1])


def refresh_search_index(store: Store, *, force: bool = False) -> bool:
    """Index the articles whose current version the index lacks (stored before it existed,
    or by another writer), `BACKFILL_CHUNK` at a time, each chunk in its own transaction, and
    drop the rows of articles no longer stored; `force` re-indexes every article. True when
    anything was indexed. Drops the `fts` index of an older newsflow, if any."""
    with store.window():
        if not store.rows(
            "SELECT count(*) FROM duckdb_functions() WHERE function_name = ?", [MACRO]
        )[0][0]:
            create_search_macro(store)
        if _has_fts_index(store):
            store.execute("DROP SCHEMA fts_main_articles CASCADE")
            LOGGER.info("%s: dropped the fts index (replaced by search_postings)", store.path)
        if force:
            with store.transaction():
                store.execute("DELETE FROM search_postings")
                store.execute("DELETE FROM search_documents")
        pending, indexed = unindexed_articles(store)
        if not pending:
            return False
        began, done = time.perf_counter(), 0
        LOGGER.info("%s: indexing %d articles for search", store.path, pending)
        while True:
            with store.transaction():
                store.execute(
                    f"CREATE OR REPLACE TEMP TABLE search_chunk AS "
                    f"SELECT a.article_id, a.version, a.title, a.text FROM articles a "
                    f"WHERE a.article_id IN ({_PENDING}) ORDER BY a.article_id LIMIT ?",
                    [BACKFILL_CHUNK],
                )
                count = _index(
                    store,
                    "search_chunk",
                    "SELECT c.article_id FROM search_chunk c "
                    "JOIN search_documents d ON d.article_id = c.article_id",
                )
                store.execute("DROP TABLE search_chunk")
            if not count:
                break
            done += count
            LOGGER.info(
                "%s: indexed %d of %d articles for search (%.1f s)",
                store.path, done, pending, time.perf_counter() - began,
            )  # fmt: skip
            if count < BACKFILL_CHUNK:
                break
        with store.transaction():
            for table in ("search_postings", "search_documents"):
                store.execute(
                    f"DELETE FROM {table} WHERE article_id NOT IN (SELECT article_id FROM articles)"
                )
    return done > 0


def _has_fts_index(store: Store) -> bool:
    return bool(
        store.rows(
            "SELECT count(*) FROM duckdb_schemas() WHERE database_name = current_database() "
            "AND schema_name = 'fts_main_articles'"
        )[0][0]
    )


MACRO = "search_bm25"  # search_bm25('terms'): (article_id, score) for any DuckDB client


def _bm25(query: str) -> str:
    """SQL: (article_id, score) of the articles matching the VARCHAR expression `query`, BM25
    over `search_postings` as `fts`'s `match_bm25` computes it (any query word; idf
    log10((N - df + 0.5) / (df + 0.5) + 1), k1 = 1.2, b = 0.75)."""
    return f"""
        WITH query AS (SELECT DISTINCT stem(unnest({_words(query)}), 'porter') AS term),
        hits AS (
            SELECT p.article_id, p.term, p.tf FROM search_postings p
            WHERE p.term IN (SELECT term FROM query)
        ),
        frequency AS (SELECT term, count(*) AS df FROM hits GROUP BY term),
        collection AS (SELECT count(*) AS docs, avg(terms) AS avgdl FROM search_documents)
        SELECT h.article_id,
               sum(log((c.docs - f.df + 0.5) / (f.df + 0.5) + 1)
                   * ((h.tf * ({K1} + 1))
                      / (h.tf + {K1} * (1 - {B} + {B} * (d.terms / c.avgdl))))) AS score
        FROM hits h
        JOIN frequency f ON f.term = h.term
        JOIN search_documents d ON d.article_id = h.article_id, collection c
        GROUP BY h.article_id
        """


def create_search_macro(store: Store) -> None:
    """`search_bm25(terms)`, a table macro any DuckDB client with the fts extension loaded
    (for `stem`) can call: SELECT * FROM search_bm25('missile launch')."""
    _load_stemmer(store)  # DuckDB looks `stem` up when the macro is made
    store.execute(f"CREATE OR REPLACE MACRO {MACRO}(query_string) AS TABLE {_bm25('query_string')}")
    store.execute(
        f"COMMENT ON MACRO TABLE {MACRO} IS 'Full-text search: (article_id, score) by BM25 "
        "over search_postings, as fts match_bm25 ranks; needs the fts extension loaded.'"
    )


def search_sql(store: Store, terms: str, columns: str, limit: int) -> tuple[str, list[Any]]:
    """A query over `articles` aliased `a` that returns `columns` plus `score`, best first:
    BM25 over the search index (on a lake's search cache, fts's). Loads the fts extension
    into the store's connection (for `stem`; every reader's has it)."""
    _load_stemmer(store)
    if _has_fts_index(store):  # a lake's search cache (storage/_lake_upkeep.py): fts's index
        return (
            f"""
            SELECT {columns}, a.score
            FROM (SELECT *, fts_main_articles.match_bm25(article_id, ?) AS score FROM articles) a
            WHERE a.score IS NOT NULL ORDER BY a.score DESC LIMIT ?
            """,
            [terms, limit],
        )
    return (
        f"""
        SELECT {columns}, s.score
        FROM ({_bm25("?")}) s JOIN articles a ON a.article_id = s.article_id
        ORDER BY s.score DESC, a.published_date DESC NULLS LAST LIMIT ?
        """,
        [terms, limit],
    )
