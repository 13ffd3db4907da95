-- one row per (doc_id, person_id, start_char)
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS person_mentions (
    doc_id VARCHAR NOT NULL,
    person_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    how VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL,
    rule VARCHAR NOT NULL
);
COMMENT ON TABLE person_mentions IS 'Every mention of a person in a canonical document, with offsets into documents.body.';
COMMENT ON COLUMN person_mentions.doc_id IS 'Document (documents.doc_id).';
COMMENT ON COLUMN person_mentions.person_id IS 'Person mentioned.';
COMMENT ON COLUMN person_mentions.start_char IS 'Start offset in documents.body.';
COMMENT ON COLUMN person_mentions.end_char IS 'End offset (exclusive).';
COMMENT ON COLUMN person_mentions.text IS 'The mention as written.';
COMMENT ON COLUMN person_mentions.how IS 'Rule that found it.';
COMMENT ON COLUMN person_mentions.confidence IS 'Confidence in [0, 1].';
COMMENT ON COLUMN person_mentions.extractor_version IS 'Version of the extraction rules.';
