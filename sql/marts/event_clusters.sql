-- one row per event_id: a reported event and the canonical event it belongs to
-- load: replace all, per document (doc_id)
CREATE TABLE IF NOT EXISTS event_clusters (
    event_id VARCHAR PRIMARY KEY,
    canonical_event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    match VARCHAR NOT NULL,
    scope VARCHAR,
    company_ids VARCHAR[] NOT NULL,
    seen_date DATE
);
COMMENT ON TABLE event_clusters IS 'One fact, many reports: events of one type, main company and story with compatible status (planned and speculated together), place, partners and dates share a canonical_event_id.';
COMMENT ON COLUMN event_clusters.event_id IS 'Reported event (events.event_id).';
COMMENT ON COLUMN event_clusters.canonical_event_id IS 'Stable id of the real-world event: hash of the earliest member event_id.';
COMMENT ON COLUMN event_clusters.doc_id IS 'Document of the report.';
COMMENT ON COLUMN event_clusters.match IS 'anchor (earliest member) or same_event.';
COMMENT ON COLUMN event_clusters.scope IS 'Product line the evidence sentence names, else the document''s dominant one; lexicon newsfacts/resources/product_scopes.tsv.';
COMMENT ON COLUMN event_clusters.company_ids IS 'Companies the event is about: main participant and the employers of those stating it.';
COMMENT ON COLUMN event_clusters.seen_date IS 'Publication date of the report; NULL if unknown.';
