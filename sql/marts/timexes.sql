-- one row per (doc_id, start_char): a temporal expression
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS timexes (
    doc_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    value VARCHAR,
    anchored BOOLEAN NOT NULL,
    confidence DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL,
    rule VARCHAR NOT NULL
);
COMMENT ON TABLE timexes IS 'Temporal expressions with TIMEX3 values, resolved against the publication date when it is known.';
COMMENT ON COLUMN timexes.doc_id IS 'Document (documents.doc_id).';
COMMENT ON COLUMN timexes.start_char IS 'Start offset in documents.body.';
COMMENT ON COLUMN timexes.end_char IS 'End offset (exclusive).';
COMMENT ON COLUMN timexes.text IS 'The expression as written.';
COMMENT ON COLUMN timexes.type IS 'DATE, TIME, DURATION or SET (TIMEX3).';
COMMENT ON COLUMN timexes.value IS 'TIMEX3 value (2018, 2018-03, 2018-Q4, P7Y, PRESENT_REF...); NULL when a relative expression has no publication date to resolve against.';
COMMENT ON COLUMN timexes.anchored IS 'True when resolved against the publication date.';
COMMENT ON COLUMN timexes.confidence IS 'Confidence in [0, 1].';
COMMENT ON COLUMN timexes.extractor_version IS 'Version of the extraction rules.';
