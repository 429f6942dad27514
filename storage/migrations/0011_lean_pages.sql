-- Issue 14: an HTML page is kept for reprocessing without what no extractor reads (comments,
-- style sheets, and scripts other than JSON-LD when the date came from JSON-LD or a meta
-- tag): about half the compressed bytes, and the same article when cleaned again
-- (extractors/cleaning/_lean.py). content_lean says which a row holds: true, the lean page;
-- false (or NULL, stored before this migration), the input's exact bytes, whose SHA-256 is
-- document_id. NEWSFLOW_RAW_PAGES=exact keeps every page exact.
ALTER TABLE documents ADD COLUMN content_lean BOOLEAN;
