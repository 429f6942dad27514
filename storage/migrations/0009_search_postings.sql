-- Issue 14: the full-text search index, extended by each write window with the articles it
-- stored or changed (storage/_search.py), in place of DuckDB's fts index rebuilt whole over
-- every article. BM25 is computed at query time from these two tables.
-- Key of search_documents: article_id; of search_postings: (article_id, term).
CREATE TABLE search_documents (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,           -- the article version these terms are of
    terms          INTEGER NOT NULL            -- its number of terms (BM25's document length)
);

CREATE TABLE search_postings (
    article_id     VARCHAR NOT NULL,
    term           VARCHAR NOT NULL,           -- a Porter stem: lowercase, no accents
    tf             INTEGER NOT NULL            -- how often it occurs in title and text
);
