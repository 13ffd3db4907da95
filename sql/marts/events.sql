-- one row per event_id: a typed happening or plan reported in one document
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    trigger VARCHAR NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    company_id VARCHAR,
    location VARCHAR,
    date_value VARCHAR,
    date_start DATE,
    date_end DATE,
    date_granularity VARCHAR,
    amount DOUBLE,
    unit VARCHAR,
    currency VARCHAR,
    currency_text VARCHAR,
    scale VARCHAR,
    prior_amount DOUBLE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    confidence DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE events IS 'Typed events (see event_types) with status, participants, location, date and figures.';
COMMENT ON COLUMN events.event_id IS 'Stable id (document, trigger offset, type).';
COMMENT ON COLUMN events.doc_id IS 'Document (documents.doc_id).';
COMMENT ON COLUMN events.event_type IS 'Type from event_types.';
COMMENT ON COLUMN events.status IS 'occurred, planned, speculated or denied.';
COMMENT ON COLUMN events.trigger IS 'Trigger words.';
COMMENT ON COLUMN events.trigger_start IS 'Trigger offset.';
COMMENT ON COLUMN events.trigger_end IS 'Trigger end offset.';
COMMENT ON COLUMN events.company_id IS 'Main participant.';
COMMENT ON COLUMN events.location IS 'ISO 3166 alpha-2 code or region name.';
COMMENT ON COLUMN events.date_value IS 'TIMEX3 value of the event date.';
COMMENT ON COLUMN events.date_start IS 'First day the date covers.';
COMMENT ON COLUMN events.date_end IS 'Last day the date covers.';
COMMENT ON COLUMN events.date_granularity IS 'day, month, quarter, half or year.';
COMMENT ON COLUMN events.amount IS 'The event''s headline figure scaled to units (9.3e9 for "$9.3bn", 20 for "20 pct", 9.5 for "950p").';
COMMENT ON COLUMN events.unit IS 'What the figure counts: money, percent, jobs, shares, units or other.';
COMMENT ON COLUMN events.start_char IS 'Evidence sentence start.';
COMMENT ON COLUMN events.end_char IS 'Evidence sentence end.';
COMMENT ON COLUMN events.confidence IS 'Confidence in [0, 1].';
COMMENT ON COLUMN events.extractor_version IS 'Version of the extraction rules.';
