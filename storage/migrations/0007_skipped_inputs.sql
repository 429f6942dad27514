-- Issue 14: inputs cleaning skipped (a page with no article), remembered so a re-run does not
-- clean the same bytes again. The key names the cleaner and its settings: a new cleaner
-- version, or another minimum article length, cleans the input again.
-- Key: (document_id, cleaner).
CREATE TABLE skipped_inputs (
    document_id    VARCHAR NOT NULL,
    cleaner        VARCHAR NOT NULL,           -- e.g. trafilatura-2.0.0/html.v2/min_words=50
    status         VARCHAR NOT NULL,           -- skipped
    reason         VARCHAR,
    run_id         VARCHAR NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL
);
