-- newsflow's core schema. Natural keys are documented per table; loads deduplicate on them
-- with anti-joins and MERGE (no PRIMARY KEY / ON CONFLICT, so the SQL also runs on DuckLake).

-- One row per flow run. Key: run_id (the Prefect flow run id).
CREATE TABLE runs (
    run_id         VARCHAR NOT NULL,
    flow_name      VARCHAR NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    state          VARCHAR NOT NULL,          -- running | completed | completed_with_failures | failed
    parameters     JSON,
    items_seen     INTEGER DEFAULT 0,
    articles_new   INTEGER DEFAULT 0,
    articles_updated   INTEGER DEFAULT 0,
    articles_unchanged INTEGER DEFAULT 0,
    items_skipped  INTEGER DEFAULT 0,
    items_failed   INTEGER DEFAULT 0,
    elapsed_s      DOUBLE
);

-- Where inputs come from: a file, directory, glob, URL list, single URL (later feeds, sitemaps).
-- Key: source_id = hash of kind + locator.
CREATE TABLE sources (
    source_id      VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    locator        VARCHAR NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    last_seen_at   TIMESTAMPTZ NOT NULL,
    last_run_id    VARCHAR
);

-- Raw inputs exactly as loaded or fetched, gzip-compressed, content-addressed.
-- Key: document_id = SHA-256 of the raw bytes.
CREATE TABLE documents (
    document_id    VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,          -- html | text | record
    content_type   VARCHAR,
    size_bytes     BIGINT NOT NULL,
    content_gzip   BLOB NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL
);

-- Every version of every article. Key: (article_id, version).
CREATE TABLE article_versions (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    content_hash   VARCHAR NOT NULL,          -- hash of the cleaned fields; a change makes a version
    document_id    VARCHAR NOT NULL,
    source_id      VARCHAR,
    uri            VARCHAR NOT NULL,          -- file:// or http(s):// the input came from
    url            VARCHAR,                   -- the article's web address when known
    title          VARCHAR,
    authors        VARCHAR[],
    published      TIMESTAMPTZ,
    published_date DATE,
    site_name      VARCHAR,
    language       VARCHAR,
    description    VARCHAR,
    categories     VARCHAR[],
    tags           VARCHAR[],
    image          VARCHAR,
    captions       VARCHAR[],
    text           VARCHAR NOT NULL,
    word_count     INTEGER NOT NULL,
    field_sources  JSON,                       -- {field: where it came from (jsonld, meta, byline…)}
    nlp_status     VARCHAR NOT NULL,           -- done | skipped_language | skipped_empty
    cleaner        VARCHAR NOT NULL,           -- cleaning step and its version
    run_id         VARCHAR NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

-- The current version of each article: one row per canonical URL or file. Key: article_id.
CREATE TABLE articles (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    content_hash   VARCHAR NOT NULL,
    document_id    VARCHAR NOT NULL,
    last_document_id VARCHAR NOT NULL,         -- newest raw input seen, even if content was unchanged
    source_id      VARCHAR,
    uri            VARCHAR NOT NULL,
    url            VARCHAR,
    title          VARCHAR,
    authors        VARCHAR[],
    published      TIMESTAMPTZ,
    published_date DATE,
    site_name      VARCHAR,
    language       VARCHAR,
    description    VARCHAR,
    categories     VARCHAR[],
    tags           VARCHAR[],
    image          VARCHAR,
    captions       VARCHAR[],
    text           VARCHAR NOT NULL,
    word_count     INTEGER NOT NULL,
    field_sources  JSON,
    nlp_status     VARCHAR NOT NULL,
    cleaner        VARCHAR NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    last_run_id    VARCHAR NOT NULL
);

-- Entity mentions as the NER model tagged them. Key: (article_id, version, extractor, mention_index).
CREATE TABLE mentions (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    extractor      VARCHAR NOT NULL,           -- e.g. mentions.v1 (model name and version inside)
    mention_index  INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    label          VARCHAR NOT NULL,
    text           VARCHAR NOT NULL
);

-- What happened to each input in each run. Key: (run_id, uri).
CREATE TABLE run_items (
    run_id         VARCHAR NOT NULL,
    uri            VARCHAR NOT NULL,
    source_id      VARCHAR,
    article_id     VARCHAR,
    document_id    VARCHAR,
    status         VARCHAR NOT NULL,           -- new | updated | unchanged | skipped | failed
    reason         VARCHAR,
    recorded_at    TIMESTAMPTZ NOT NULL
);

-- Views for ad hoc SQL ---------------------------------------------------------------------

CREATE VIEW articles_per_day_site AS
SELECT published_date AS day,
       coalesce(site_name, '(unknown)') AS site,
       count(*) AS articles,
       sum(word_count) AS words
FROM articles
GROUP BY ALL;

-- Mentions of the current version of each article only.
CREATE VIEW current_mentions AS
SELECT m.*
FROM mentions m
JOIN articles a ON a.article_id = m.article_id AND a.version = m.version;

CREATE VIEW top_entities AS
SELECT text AS entity, label, count(*) AS mentions, count(DISTINCT article_id) AS articles
FROM current_mentions
WHERE label IN ('PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT')
GROUP BY ALL;

-- Pairs of entities named in the same article.
CREATE VIEW entity_cooccurrence AS
WITH distinct_entities AS (
    SELECT DISTINCT article_id, text AS entity, label
    FROM current_mentions
    WHERE label IN ('PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT')
)
SELECT a.entity AS entity_a, a.label AS label_a, b.entity AS entity_b, b.label AS label_b,
       count(*) AS articles
FROM distinct_entities a
JOIN distinct_entities b ON a.article_id = b.article_id AND a.entity < b.entity
GROUP BY ALL;

CREATE VIEW run_status_counts AS
SELECT run_id, status, count(*) AS items
FROM run_items
GROUP BY ALL;
