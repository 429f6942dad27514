-- Issue 13: the agency of a byline, syndicated copies grouped into stories, and the country
-- each article gives an entity (so an entity's country follows the articles, not the first
-- one seen).

-- The news agency a byline or dateline credits ("Associated Press", "Reuters"), not a person.
ALTER TABLE article_versions ADD COLUMN agency VARCHAR;
ALTER TABLE articles ADD COLUMN agency VARCHAR;

-- One MinHash signature per article version over its word 5-shingles, and its LSH band
-- buckets. Key: (article_id, version, extractor).
CREATE TABLE story_signatures (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    extractor      VARCHAR NOT NULL,           -- stories.v1
    minhash        UINTEGER[] NOT NULL,
    bands          BIGINT[] NOT NULL,
    shingles       INTEGER NOT NULL            -- distinct shingles the signature summarises
);

-- The band buckets of each current article, one row per band, for the candidate join.
-- Key: (article_id, band). Kept by the story step, never by producers.
CREATE TABLE story_bands (
    article_id     VARCHAR NOT NULL,
    band           SMALLINT NOT NULL,
    bucket         BIGINT NOT NULL
);

-- The story (group of near-duplicate articles: one wire story on many sites) of every current
-- article. story_id is the article_id of the story's first article. Key: article_id.
CREATE TABLE article_stories (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    extractor      VARCHAR NOT NULL,
    story_id       VARCHAR NOT NULL,
    matched_article_id VARCHAR,                -- the stored copy it was matched to, if any
    similarity     DOUBLE,                     -- estimated containment of the shorter text in the other
    assigned_at    TIMESTAMPTZ NOT NULL
);

-- The country one article version gives an entity, and how often it mentions it.
-- Key: (article_id, version, extractor, entity_id).
CREATE TABLE article_entities (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    extractor      VARCHAR NOT NULL,
    entity_id      VARCHAR NOT NULL,
    country        VARCHAR,
    mentions       INTEGER NOT NULL
);

-- Stories: how many articles and outlets carry each one.
CREATE VIEW story_counts AS
SELECT st.story_id,
       count(*) AS articles,
       count(DISTINCT coalesce(a.site_name, a.source_id)) AS outlets,
       min(a.published_date) AS first_published,
       any_value(a.title ORDER BY a.article_id = st.story_id DESC, a.article_id) AS title
FROM article_stories st
JOIN articles a ON a.article_id = st.article_id AND a.version = st.version
GROUP BY st.story_id;

-- Events with the story of their article; daily counts give stories beside articles
-- (GDELT's NumArticles and NumSources).
CREATE OR REPLACE VIEW event_details AS
SELECT ev.*,
       coalesce(CASE WHEN ev.date_precision = 'day' THEN ev.event_date END, a.published_date)
           AS day,
       act.name AS actor_name, rec.name AS recipient_name, loc.name AS location_name,
       a.title, a.url, a.published_date,
       coalesce(st.story_id, ev.article_id) AS story_id
FROM events ev
JOIN articles a ON a.article_id = ev.article_id AND a.version = ev.version
LEFT JOIN entities act ON act.entity_id = ev.actor_entity_id
LEFT JOIN entities rec ON rec.entity_id = ev.recipient_entity_id
LEFT JOIN entities loc ON loc.entity_id = ev.location_entity_id
LEFT JOIN article_stories st ON st.article_id = ev.article_id
QUALIFY ev.extractor = max(ev.extractor) OVER (PARTITION BY ev.article_id);

CREATE OR REPLACE VIEW event_counts_daily AS
SELECT day, actor_country, recipient_country, type,
       count(*) AS events,
       count(*) FILTER (WHERE modality IN ('asserted', 'reported', 'alleged')) AS factual_events,
       count(DISTINCT article_id) AS articles,
       count(DISTINCT story_id) AS stories,
       round(avg(confidence), 3) AS avg_confidence
FROM event_details
GROUP BY ALL;

CREATE OR REPLACE VIEW entity_counts AS
SELECT m.entity_id, m.entity_name AS name, m.entity_type AS type, m.entity_country AS country,
       count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
       count(DISTINCT coalesce(st.story_id, m.article_id)) AS stories
FROM current_entity_mentions m
LEFT JOIN article_stories st ON st.article_id = m.article_id
GROUP BY ALL;
