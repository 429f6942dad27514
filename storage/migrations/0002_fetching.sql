-- Fetching: every HTTP request, per-source polling state, the URLs already seen, and health.

-- Every HTTP attempt (pages, feeds, sitemaps, robots.txt), retries included.
-- Key: fetch_id (hash of run id, sequence number, url and start time).
CREATE TABLE fetches (
    fetch_id       VARCHAR NOT NULL,
    run_id         VARCHAR NOT NULL,
    source_id      VARCHAR,
    purpose        VARCHAR NOT NULL,          -- page | feed | sitemap | robots | discovery
    url            VARCHAR NOT NULL,
    final_url      VARCHAR NOT NULL,          -- after redirects (the last URL tried on failure)
    status         INTEGER NOT NULL,          -- HTTP status; 0 when no response arrived
    bytes          BIGINT NOT NULL,           -- decoded body bytes read
    elapsed_ms     INTEGER NOT NULL,
    attempt        INTEGER NOT NULL,          -- 1 for the first try, 2.. for retries
    redirects      INTEGER NOT NULL,
    conditional    BOOLEAN NOT NULL,          -- sent If-None-Match / If-Modified-Since
    error_class    VARCHAR,                   -- e.g. TransientFetchError, RobotsDenied; NULL: ok
    reason         VARCHAR,                   -- e.g. timeout, deadline, http_404, too_large
    started_at     TIMESTAMPTZ NOT NULL
);

-- Polling state of each feed / sitemap / site source. Key: source_id (same as sources).
-- Updated in the same transaction as the rows a poll produced.
CREATE TABLE source_state (
    source_id            VARCHAR NOT NULL,
    kind                 VARCHAR NOT NULL,     -- feed | sitemap | site
    locator              VARCHAR NOT NULL,     -- the URL the user gave
    etag                 VARCHAR,
    last_modified        VARCHAR,
    body_hash            VARCHAR,              -- SHA-256 of the last body: stale validators
    children             JSON,                 -- sitemap index: {child url: {etag, last_modified, body_hash}}
    poll_interval_s      DOUBLE NOT NULL,
    next_poll_at         TIMESTAMPTZ,
    last_polled_at       TIMESTAMPTZ,
    last_success_at      TIMESTAMPTZ,
    last_status          VARCHAR,              -- new_links | unchanged | not_modified | failed
    last_error           VARCHAR,
    last_new_links       INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    disabled_at          TIMESTAMPTZ,
    disabled_reason      VARCHAR,
    discovered           JSON                  -- site: feeds / sitemaps found on the home page
);

-- URLs newsflow has fetched (or given up on for good). Key: url_id = hash of the canonical URL.
-- A transient failure is not "seen": the link is tried again at the next poll.
CREATE TABLE seen_urls (
    url_id         VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,          -- canonical
    source_id      VARCHAR,                   -- the source that first linked it
    first_seen_at  TIMESTAMPTZ NOT NULL,
    run_id         VARCHAR NOT NULL,
    link_date      TIMESTAMPTZ,               -- the date the feed or sitemap gave the link
    status         INTEGER,                   -- HTTP status of the fetch that settled it
    outcome        VARCHAR NOT NULL,          -- fetched | robots_denied | not_html | http_404 | …
    article_id     VARCHAR,                   -- the article the page became (articles.article_id)
    link_fields    JSON                       -- what the feed / sitemap said: feed_title, feed_guid,
                                              -- feed_published, feed_author, feed_summary, news_title…
);

-- robots.txt answers, reused by later runs within their TTL. Key: origin (scheme://host:port).
CREATE TABLE robots_txt (
    origin         VARCHAR NOT NULL,
    status         INTEGER NOT NULL,          -- 2xx: rules in body; 4xx: everything allowed
    body           VARCHAR NOT NULL,
    fetched_at     TIMESTAMPTZ NOT NULL
);

-- Per source: polls, yield and failures over the last 30 days, and the current state.
CREATE VIEW source_health AS
WITH polls AS (
    SELECT source_id,
           count(*) AS requests,
           count(*) FILTER (WHERE purpose IN ('feed', 'sitemap', 'discovery')) AS polls,
           count(*) FILTER (WHERE error_class IS NOT NULL) AS failed_requests,
           count(*) FILTER (WHERE status = 304) AS not_modified,
           count(*) FILTER (WHERE purpose = 'page' AND error_class IS NULL) AS pages_fetched,
           sum(bytes) AS bytes,
           max(started_at) FILTER (WHERE error_class IS NULL) AS last_ok_request_at
    FROM fetches
    WHERE started_at >= now() - INTERVAL 30 DAY
    GROUP BY source_id
), links AS (
    SELECT source_id, count(*) AS urls_seen, max(first_seen_at) AS last_new_url_at
    FROM seen_urls GROUP BY source_id
)
SELECT s.source_id, s.kind, s.locator,
       s.disabled_reason IS NULL AS enabled,
       s.disabled_reason,
       s.last_status, s.last_error, s.last_success_at, s.last_polled_at, s.next_poll_at,
       s.poll_interval_s, s.consecutive_failures, s.last_new_links,
       coalesce(p.polls, 0) AS polls_30d,
       coalesce(p.requests, 0) AS requests_30d,
       coalesce(p.failed_requests, 0) AS failed_requests_30d,
       coalesce(p.not_modified, 0) AS not_modified_30d,
       coalesce(p.pages_fetched, 0) AS pages_fetched_30d,
       coalesce(p.bytes, 0) AS bytes_30d,
       coalesce(l.urls_seen, 0) AS urls_seen,
       l.last_new_url_at
FROM source_state s
LEFT JOIN polls p ON p.source_id = s.source_id
LEFT JOIN links l ON l.source_id = s.source_id;
