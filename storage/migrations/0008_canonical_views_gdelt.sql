-- Issue 12: the entity views name canonical entities ("Vladimir Putin", not "Putin" beside it,
-- and no "½" as a PERSON), and a GDELT-style view of events for existing GDELT analysis code.
-- The descriptions of every table, view and column (COMMENT ON) are not here: they live in
-- storage/dictionary.toml and are applied after the migrations, so later migrations add theirs.

-- The most mentioned canonical entities (current article versions, newest extractor).
CREATE OR REPLACE VIEW top_entities AS
SELECT name AS entity, type AS label, mentions, articles, entity_id, country
FROM entity_counts;

-- Pairs of canonical entities named in the same article; each pair once (entity_a < entity_b).
CREATE OR REPLACE VIEW entity_cooccurrence AS
WITH distinct_entities AS (
    SELECT DISTINCT article_id, entity_id, entity_name AS entity, entity_type AS label
    FROM current_entity_mentions
)
SELECT a.entity AS entity_a, a.label AS label_a, b.entity AS entity_b, b.label AS label_b,
       count(*) AS articles, a.entity_id AS entity_id_a, b.entity_id AS entity_id_b
FROM distinct_entities a
JOIN distinct_entities b ON a.article_id = b.article_id
 AND (a.entity, a.entity_id) < (b.entity, b.entity_id)
GROUP BY ALL;

-- One row per event of a current article version, with GDELT 1.0/2.0 event-table column names
-- where newsflow has the value (CAMEO root from the PLOVER type; country codes are ISO 3166
-- alpha-3, which CAMEO's country codes follow), then newsflow's own columns in lower case.
-- The same rows as event_details, written with joins instead of its window (QUALIFY), so an
-- export streams the events instead of holding them all: memory grows with the number of
-- articles and entities, not of events.
CREATE VIEW gdelt_events AS
WITH cameo(plover_type, root, quad_class) AS (
    VALUES ('AGREE', '03', 1), ('CONSULT', '04', 1), ('SUPPORT', '05', 1),
           ('COOPERATE', '06', 2), ('AID', '07', 2), ('CONCEDE', '08', 2), ('RETREAT', '08', 2),
           ('REQUEST', '10', 3), ('ACCUSE', '11', 3), ('REJECT', '12', 3), ('THREATEN', '13', 3),
           ('PROTEST', '14', 4), ('MOBILIZE', '15', 4), ('SANCTION', '16', 4),
           ('COERCE', '17', 4), ('ASSAULT', '18', 4)
),
newest AS (  -- the newest extractor of each article's current version
    SELECT e.article_id, max(e.extractor) AS extractor
    FROM events e JOIN articles a ON a.article_id = e.article_id AND a.version = e.version
    GROUP BY e.article_id
),
ev AS (
    SELECT e.*,
           coalesce(CASE WHEN e.date_precision = 'day' THEN e.event_date END, a.published_date)
               AS day,
           a.url, a.uri, a.first_seen_at,
           act.name AS actor_name, rec.name AS recipient_name, loc.name AS location_name
    FROM events e
    JOIN articles a ON a.article_id = e.article_id AND a.version = e.version
    JOIN newest n ON n.article_id = e.article_id AND n.extractor = e.extractor
    LEFT JOIN entities act ON act.entity_id = e.actor_entity_id
    LEFT JOIN entities rec ON rec.entity_id = e.recipient_entity_id
    LEFT JOIN entities loc ON loc.entity_id = e.location_entity_id
)
SELECT (md5_number(ev.article_id || ':' || ev.version || ':' || ev.extractor || ':'
                   || ev.event_index) % 9007199254740991)::BIGINT AS GLOBALEVENTID,
       strftime(ev.day, '%Y%m%d')::INTEGER AS SQLDATE,
       strftime(ev.day, '%Y%m')::INTEGER AS MonthYear,
       year(ev.day)::INTEGER AS Year,
       round(year(ev.day) + (dayofyear(ev.day) - 1) / 365.0, 4) AS FractionDate,
       ev.actor_country AS Actor1Code,
       coalesce(ev.actor_name, ev.actor_text) AS Actor1Name,
       ev.actor_country AS Actor1CountryCode,
       ev.recipient_country AS Actor2Code,
       coalesce(ev.recipient_name, ev.recipient_text) AS Actor2Name,
       ev.recipient_country AS Actor2CountryCode,
       (ev.sentence_index < 3)::INTEGER AS IsRootEvent,
       c.root || '0' AS EventCode,
       c.root || '0' AS EventBaseCode,
       c.root AS EventRootCode,
       c.quad_class AS QuadClass,
       NULL::DOUBLE AS GoldsteinScale,
       1 AS NumMentions,
       1 AS NumSources,
       1 AS NumArticles,
       NULL::DOUBLE AS AvgTone,
       coalesce(ev.location_name, ev.location_text) AS ActionGeo_FullName,
       strftime(ev.first_seen_at AT TIME ZONE 'UTC', '%Y%m%d%H%M%S')::BIGINT AS DATEADDED,
       coalesce(ev.url, ev.uri) AS SOURCEURL,
       ev.type AS plover_type,
       ev.mode AS plover_mode,
       ev.modality,
       ev.confidence,
       ev.rule_id,
       ev.trigger,
       ev.sentence,
       ev.article_id,
       ev.event_index,
       ev.extractor
FROM ev
LEFT JOIN cameo c ON c.plover_type = ev.type;
