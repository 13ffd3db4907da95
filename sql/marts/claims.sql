-- one row per claim_id: a statement attributed to a source in one document
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS claims (
    claim_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    speaker VARCHAR NOT NULL,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_person_id VARCHAR,
    speaker_company_id VARCHAR,
    speaker_name VARCHAR,
    cue VARCHAR NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    content VARCHAR NOT NULL,
    is_quote BOOLEAN NOT NULL,
    stance VARCHAR NOT NULL,
    reported_via_company_id VARCHAR,
    subject_company_id VARCHAR,
    event_id VARCHAR,
    claim_date VARCHAR,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    confidence DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL,
    rule VARCHAR NOT NULL
);
COMMENT ON TABLE claims IS 'Who said what: statements attributed to a source, with stance, outlet and the event they state.';
COMMENT ON COLUMN claims.claim_id IS 'Stable id (document and offsets).';
COMMENT ON COLUMN claims.doc_id IS 'Document (documents.doc_id).';
COMMENT ON COLUMN claims.speaker IS 'Speaker as written.';
COMMENT ON COLUMN claims.speaker_start IS 'Speaker offset in the body.';
COMMENT ON COLUMN claims.speaker_end IS 'Speaker end offset.';
COMMENT ON COLUMN claims.speaker_person_id IS 'Speaker resolved to a person.';
COMMENT ON COLUMN claims.speaker_company_id IS 'Speaker resolved to an organisation.';
COMMENT ON COLUMN claims.cue IS 'Attribution cue: said, told, according to, denied...';
COMMENT ON COLUMN claims.content IS 'What was said.';
COMMENT ON COLUMN claims.is_quote IS 'Direct quotation.';
COMMENT ON COLUMN claims.stance IS 'assert, deny or hedge.';
COMMENT ON COLUMN claims.reported_via_company_id IS 'Media outlet relaying the statement.';
COMMENT ON COLUMN claims.subject_company_id IS 'Company the content is about.';
COMMENT ON COLUMN claims.event_id IS 'Event the content states (events.event_id).';
COMMENT ON COLUMN claims.claim_date IS 'TIMEX3 value of the statement''s date, else the publication date.';
COMMENT ON COLUMN claims.start_char IS 'Evidence sentence start.';
COMMENT ON COLUMN claims.end_char IS 'Evidence sentence end.';
COMMENT ON COLUMN claims.content_start IS 'Content start.';
COMMENT ON COLUMN claims.content_end IS 'Content end.';
COMMENT ON COLUMN claims.confidence IS 'Confidence in [0, 1].';
COMMENT ON COLUMN claims.extractor_version IS 'Version of the extraction rules.';
