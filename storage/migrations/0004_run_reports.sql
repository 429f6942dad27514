-- Run reports: the figures a flow run publishes as Prefect artifacts, kept with the run so
-- SQL and the UI agree. Key of runs stays run_id (the Prefect flow run id).

-- What the run's artifacts showed: per-source results, top new entities, warnings (JSON).
ALTER TABLE runs ADD COLUMN report JSON;

-- Per run and source: inputs seen, read (raw bytes obtained), and what became of them.
-- The artifact table "per-source results" of each flow run is this view, filtered by run_id.
CREATE VIEW run_source_results AS
WITH items AS (
    SELECT i.run_id,
           coalesce(s.locator, i.uri) AS source,
           coalesce(s.kind, 'input') AS kind,
           i.status,
           i.document_id,
           CASE WHEN i.status IN ('failed', 'skipped')
                THEN coalesce(nullif(split_part(i.reason, ':', 1), ''), i.status) END AS reason
    FROM run_items i
    LEFT JOIN sources s ON s.source_id = i.source_id
),
reasons AS (
    SELECT run_id, source, string_agg(reason || ' ' || n, ', ' ORDER BY n DESC, reason) AS reasons
    FROM (SELECT run_id, source, reason, count(*) AS n FROM items
          WHERE reason IS NOT NULL GROUP BY ALL)
    GROUP BY ALL
)
SELECT items.run_id,
       items.source,
       any_value(items.kind) AS kind,
       count(*) AS inputs,
       count(items.document_id) AS fetched,
       count(*) FILTER (WHERE items.status = 'new') AS new,
       count(*) FILTER (WHERE items.status = 'updated') AS updated,
       count(*) FILTER (WHERE items.status = 'unchanged') AS unchanged,
       count(*) FILTER (WHERE items.status = 'skipped') AS skipped,
       count(*) FILTER (WHERE items.status = 'failed') AS failed,
       coalesce(any_value(reasons.reasons), '') AS reasons
FROM items
LEFT JOIN reasons ON reasons.run_id = items.run_id AND reasons.source = items.source
GROUP BY items.run_id, items.source;
