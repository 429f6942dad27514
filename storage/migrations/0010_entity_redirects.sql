-- Issue 13 (item 4): one person per name across articles. A one-word PERSON entity ("Trump")
-- whose word is the first or last word of one dominant known full-name PERSON ("Donald
-- Trump") is that person for every reader. The cross-article step `resolve_people`
-- (storage/_entities.py) writes the redirect after each load; the rows an article's
-- extractor wrote are left as they are, so a later load that makes the word ambiguous
-- removes the redirect and nothing is lost. Key: entity_id.
CREATE TABLE entity_redirects (
    entity_id      VARCHAR NOT NULL,           -- the one-word entity ("Trump")
    target_id      VARCHAR NOT NULL,           -- the person it is ("Donald Trump")
    rule           VARCHAR NOT NULL,           -- which rule wrote it (people.v1)
    resolved_at    TIMESTAMPTZ NOT NULL
);

-- Entity mentions of current article versions, newest extractor; the entity is the one its
-- redirect names, when it has one (written_entity_id keeps the one the extractor wrote).
CREATE OR REPLACE VIEW current_entity_mentions AS
SELECT m.* REPLACE (coalesce(r.target_id, m.entity_id) AS entity_id),
       e.type AS entity_type, e.name AS entity_name, e.country AS entity_country,
       m.entity_id AS written_entity_id
FROM entity_mentions m
JOIN articles a ON a.article_id = m.article_id AND a.version = m.version
LEFT JOIN entity_redirects r ON r.entity_id = m.entity_id
JOIN entities e ON e.entity_id = coalesce(r.target_id, m.entity_id)
QUALIFY m.extractor = max(m.extractor) OVER (PARTITION BY m.article_id);

-- Events with the story of their article; actors, recipients and places through redirects.
CREATE OR REPLACE VIEW event_details AS
SELECT ev.* REPLACE (coalesce(ra.target_id, ev.actor_entity_id) AS actor_entity_id,
                     coalesce(rr.target_id, ev.recipient_entity_id) AS recipient_entity_id,
                     coalesce(rl.target_id, ev.location_entity_id) AS location_entity_id),
       coalesce(CASE WHEN ev.date_precision = 'day' THEN ev.event_date END, a.published_date)
           AS day,
       act.name AS actor_name, rec.name AS recipient_name, loc.name AS location_name,
       a.title, a.url, a.published_date,
       coalesce(st.story_id, ev.article_id) AS story_id
FROM events ev
JOIN articles a ON a.article_id = ev.article_id AND a.version = ev.version
LEFT JOIN entity_redirects ra ON ra.entity_id = ev.actor_entity_id
LEFT JOIN entity_redirects rr ON rr.entity_id = ev.recipient_entity_id
LEFT JOIN entity_redirects rl ON rl.entity_id = ev.location_entity_id
LEFT JOIN entities act ON act.entity_id = coalesce(ra.target_id, ev.actor_entity_id)
LEFT JOIN entities rec ON rec.entity_id = coalesce(rr.target_id, ev.recipient_entity_id)
LEFT JOIN entities loc ON loc.entity_id = coalesce(rl.target_id, ev.location_entity_id)
LEFT JOIN article_stories st ON st.article_id = ev.article_id
QUALIFY ev.extractor = max(ev.extractor) OVER (PARTITION BY ev.article_id);

CREATE OR REPLACE VIEW quote_details AS
SELECT q.* REPLACE (coalesce(rs.target_id, q.speaker_entity_id) AS speaker_entity_id),
       sp.name AS speaker_name, sp.type AS speaker_type, sp.country AS speaker_country,
       outlet.name AS outlet_name, a.title, a.url, a.published_date
FROM quotes q
JOIN articles a ON a.article_id = q.article_id AND a.version = q.version
LEFT JOIN entity_redirects rs ON rs.entity_id = q.speaker_entity_id
LEFT JOIN entities sp ON sp.entity_id = coalesce(rs.target_id, q.speaker_entity_id)
LEFT JOIN entities outlet ON outlet.entity_id = q.outlet_entity_id
QUALIFY q.extractor = max(q.extractor) OVER (PARTITION BY q.article_id);

-- As 0008's, with actor and recipient names through redirects.
CREATE OR REPLACE VIEW gdelt_events AS
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
    LEFT JOIN entity_redirects ra ON ra.entity_id = e.actor_entity_id
    LEFT JOIN entity_redirects rr ON rr.entity_id = e.recipient_entity_id
    LEFT JOIN entity_redirects rl ON rl.entity_id = e.location_entity_id
    LEFT JOIN entities act ON act.entity_id = coalesce(ra.target_id, e.actor_entity_id)
    LEFT JOIN entities rec ON rec.entity_id = coalesce(rr.target_id, e.recipient_entity_id)
    LEFT JOIN entities loc ON loc.entity_id = coalesce(rl.target_id, e.location_entity_id)
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
