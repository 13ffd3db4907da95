-- one row per canonical_event_id: an event merged across the documents reporting it
-- load: replace all
CREATE TABLE IF NOT EXISTS canonical_events (
    canonical_event_id VARCHAR PRIMARY KEY,
    anchor_event_id VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    statuses VARCHAR[] NOT NULL,
    company_id VARCHAR,
    company_ids VARCHAR[] NOT NULL,
    location VARCHAR,
    date_value VARCHAR,
    date_start DATE,
    date_end DATE,
    scope VARCHAR,
    first_seen DATE,
    last_seen DATE,
    n_documents INTEGER NOT NULL,
    n_publishers INTEGER NOT NULL,
    doc_ids VARCHAR[] NOT NULL,
    n_reports INTEGER NOT NULL,
    n_claims INTEGER NOT NULL,
    speakers VARCHAR[] NOT NULL,
    story_id VARCHAR,
    evidence VARCHAR NOT NULL
);
COMMENT ON TABLE canonical_events IS 'Canonical events (event_clusters grouped): type, status, main company, place and dates over every report; documents report an event through an event of their own or a statement of it. Read it through the event_corroboration view.';
COMMENT ON COLUMN canonical_events.canonical_event_id IS 'Stable id: hash of the earliest member event_id.';
COMMENT ON COLUMN canonical_events.anchor_event_id IS 'Earliest member (events.event_id).';
COMMENT ON COLUMN canonical_events.event_type IS 'Type from event_types.';
COMMENT ON COLUMN canonical_events.status IS 'occurred, planned, speculated or denied; planned when any report of a plan says planned.';
COMMENT ON COLUMN canonical_events.statuses IS 'Every status among the reports.';
COMMENT ON COLUMN canonical_events.company_id IS 'Main participant (of the earliest report).';
COMMENT ON COLUMN canonical_events.company_ids IS 'Companies the event is about: main participant and employers of those stating it.';
COMMENT ON COLUMN canonical_events.location IS 'ISO 3166 alpha-2 code or region name.';
COMMENT ON COLUMN canonical_events.date_value IS 'TIMEX3 value of the earliest dated report.';
COMMENT ON COLUMN canonical_events.date_start IS 'First day any report''s date covers.';
COMMENT ON COLUMN canonical_events.date_end IS 'Last day any report''s date covers.';
COMMENT ON COLUMN canonical_events.scope IS 'Product line of the earliest report (smartphones, vehicles...).';
COMMENT ON COLUMN canonical_events.first_seen IS 'Earliest publication date of a reporting document; NULL if none is dated.';
COMMENT ON COLUMN canonical_events.last_seen IS 'Latest publication date of a reporting document; NULL if none is dated.';
COMMENT ON COLUMN canonical_events.n_documents IS 'Canonical documents reporting it (duplicates never count).';
COMMENT ON COLUMN canonical_events.n_publishers IS 'Distinct known publishers of those documents (case-insensitive); a document with no known publisher is not counted as one (the corroboration views give n_unknown_publisher).';
COMMENT ON COLUMN canonical_events.doc_ids IS 'Those documents, sorted.';
COMMENT ON COLUMN canonical_events.n_reports IS 'Member events.';
COMMENT ON COLUMN canonical_events.n_claims IS 'Canonical claims stating it.';
COMMENT ON COLUMN canonical_events.speakers IS 'Who stated it (speakers of those claims).';
COMMENT ON COLUMN canonical_events.story_id IS 'Story of the earliest report.';
COMMENT ON COLUMN canonical_events.evidence IS 'Evidence sentence of the earliest report.';
