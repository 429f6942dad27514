-- Enrichment (issue 4): canonical entities, dates, quotes, amounts and PLOVER events.
-- Cross-article tables (entities, entity_aliases) have stable ids and are insert-only on
-- their key; per-article tables hang off an article version and carry the extractor version
-- that wrote them (entities.v1, dates.v1, quotes.v1, amounts.v1, events.v1).

-- One row per canonical entity. Key: entity_id = hash of type + canonical name.
CREATE TABLE entities (
    entity_id      VARCHAR NOT NULL,
    type           VARCHAR NOT NULL,           -- PERSON | ORG | GPE | LOC | FAC | NORP
    name           VARCHAR NOT NULL,           -- canonical name ("Vladimir Putin", "North Korea")
    country        VARCHAR,                    -- ISO 3166-1 alpha-3 when the text gives one
    extractor      VARCHAR NOT NULL
);

-- Surface forms seen for an entity. Key: (entity_id, alias).
CREATE TABLE entity_aliases (
    entity_id      VARCHAR NOT NULL,
    alias          VARCHAR NOT NULL
);

-- Every cleaned mention linked to its entity. Key: (article_id, version, extractor, mention_index).
CREATE TABLE entity_mentions (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    extractor      VARCHAR NOT NULL,
    mention_index  INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    label          VARCHAR NOT NULL,           -- after the rules (FAC for "Kim Il Sung Square")
    ner_label      VARCHAR NOT NULL,           -- what the model said
    entity_id      VARCHAR NOT NULL
);

-- Dates in the text resolved against the article date. Key: (article_id, version, extractor, date_index).
CREATE TABLE date_mentions (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    extractor      VARCHAR NOT NULL,
    date_index     INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    value          DATE NOT NULL,              -- first day of the week / month / year if coarser
    precision      VARCHAR NOT NULL            -- day | week | month | year
);

-- Direct quotes. Key: (article_id, version, extractor, quote_index).
CREATE TABLE quotes (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    extractor      VARCHAR NOT NULL,
    quote_index    INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    speaker_text   VARCHAR,
    speaker_entity_id VARCHAR,
    verb           VARCHAR,                    -- reporting verb lemma (say, add, tell…)
    outlet_text    VARCHAR,                    -- "according to Russian state agency Tass"
    outlet_entity_id VARCHAR
);

-- Numbers with a unit or the thing counted. Key: (article_id, version, extractor, amount_index).
CREATE TABLE amounts (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    extractor      VARCHAR NOT NULL,
    amount_index   INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    value          DOUBLE NOT NULL,
    unit           VARCHAR,                    -- ISO currency, percent, or a measure
    object         VARCHAR,                    -- "shipping containers", "munitions"
    qualifier      VARCHAR,                    -- more_than | at_least | up_to | about | less_than
    event_index    INTEGER                     -- the event of the same article version it belongs to
);

-- PLOVER events. Key: (article_id, version, extractor, event_index).
CREATE TABLE events (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    extractor      VARCHAR NOT NULL,
    event_index    INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence       VARCHAR NOT NULL,
    start_char     INTEGER NOT NULL,           -- the trigger's span
    end_char       INTEGER NOT NULL,
    trigger        VARCHAR NOT NULL,
    type           VARCHAR NOT NULL,           -- AGREE … ASSAULT (16 PLOVER types)
    mode           VARCHAR,                    -- visit, meet, military, aerial, arrest…
    rule_id        VARCHAR NOT NULL,           -- e.g. CONSULT.visit.noun
    confidence     DOUBLE NOT NULL,
    modality       VARCHAR NOT NULL,           -- asserted | reported | alleged | denied | expected | hypothetical
    actor_text     VARCHAR,
    actor_entity_id VARCHAR,
    actor_country  VARCHAR,
    recipient_text VARCHAR,
    recipient_entity_id VARCHAR,
    recipient_country VARCHAR,
    event_date     DATE,
    date_precision VARCHAR,
    location_text  VARCHAR,
    location_entity_id VARCHAR
);

-- Views: the current article version only, and its newest extractor version -----------------

CREATE VIEW current_entity_mentions AS
SELECT m.*, e.type AS entity_type, e.name AS entity_name, e.country AS entity_country
FROM entity_mentions m
JOIN articles a ON a.article_id = m.article_id AND a.version = m.version
JOIN entities e ON e.entity_id = m.entity_id
QUALIFY m.extractor = max(m.extractor) OVER (PARTITION BY m.article_id);

-- Canonical entities with how often they are mentioned.
CREATE VIEW entity_counts AS
SELECT entity_id, entity_name AS name, entity_type AS type, entity_country AS country,
       count(*) AS mentions, count(DISTINCT article_id) AS articles
FROM current_entity_mentions
GROUP BY ALL;

CREATE VIEW event_details AS
SELECT ev.*,
       coalesce(CASE WHEN ev.date_precision = 'day' THEN ev.event_date END, a.published_date)
           AS day,
       act.name AS actor_name, rec.name AS recipient_name, loc.name AS location_name,
       a.title, a.url, a.published_date
FROM events ev
JOIN articles a ON a.article_id = ev.article_id AND a.version = ev.version
LEFT JOIN entities act ON act.entity_id = ev.actor_entity_id
LEFT JOIN entities rec ON rec.entity_id = ev.recipient_entity_id
LEFT JOIN entities loc ON loc.entity_id = ev.location_entity_id
QUALIFY ev.extractor = max(ev.extractor) OVER (PARTITION BY ev.article_id);

-- GDELT-like daily counts by (actor country, recipient country, type). `factual_events`
-- leaves out what the text denies, expects or only supposes.
CREATE VIEW event_counts_daily AS
SELECT day, actor_country, recipient_country, type,
       count(*) AS events,
       count(*) FILTER (WHERE modality IN ('asserted', 'reported', 'alleged')) AS factual_events,
       count(DISTINCT article_id) AS articles,
       round(avg(confidence), 3) AS avg_confidence
FROM event_details
GROUP BY ALL;

CREATE VIEW quote_details AS
SELECT q.*, sp.name AS speaker_name, sp.type AS speaker_type, sp.country AS speaker_country,
       outlet.name AS outlet_name, a.title, a.url, a.published_date
FROM quotes q
JOIN articles a ON a.article_id = q.article_id AND a.version = q.version
LEFT JOIN entities sp ON sp.entity_id = q.speaker_entity_id
LEFT JOIN entities outlet ON outlet.entity_id = q.outlet_entity_id
QUALIFY q.extractor = max(q.extractor) OVER (PARTITION BY q.article_id);

CREATE VIEW current_amounts AS
SELECT am.*
FROM amounts am
JOIN articles a ON a.article_id = am.article_id AND a.version = am.version
QUALIFY am.extractor = max(am.extractor) OVER (PARTITION BY am.article_id);

-- Amounts attached to the event they quantify ("260,000 metric tons" of an AID event).
CREATE VIEW event_amounts AS
SELECT ev.article_id, ev.event_index, ev.type, ev.mode, ev.modality, ev.day,
       ev.actor_name, ev.actor_country, ev.recipient_name, ev.recipient_country, ev.trigger,
       am.text AS amount_text, am.value, am.unit, am.object, am.qualifier
FROM current_amounts am
JOIN event_details ev ON ev.article_id = am.article_id AND ev.version = am.version
                     AND ev.event_index = am.event_index;

CREATE VIEW current_date_mentions AS
SELECT d.*
FROM date_mentions d
JOIN articles a ON a.article_id = d.article_id AND a.version = d.version
QUALIFY d.extractor = max(d.extractor) OVER (PARTITION BY d.article_id);
