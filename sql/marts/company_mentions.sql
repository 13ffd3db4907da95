-- one row per (doc_id, company_id, start_char)
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS company_mentions (
    doc_id VARCHAR NOT NULL,
    company_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    how VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL,
    rule VARCHAR NOT NULL
);
COMMENT ON TABLE company_mentions IS 'Every mention of an organisation in a canonical document, with offsets into documents.body.';
COMMENT ON COLUMN company_mentions.doc_id IS 'Document (documents.doc_id).';
COMMENT ON COLUMN company_mentions.company_id IS 'Company mentioned.';
COMMENT ON COLUMN company_mentions.start_char IS 'Start offset in documents.body.';
COMMENT ON COLUMN company_mentions.end_char IS 'End offset (exclusive) in documents.body.';
COMMENT ON COLUMN company_mentions.text IS 'The mention as written: body[start_char:end_char].';
COMMENT ON COLUMN company_mentions.how IS 'Rule that found it (gazetteer, legal_suffix, descriptor, propagation...).';
COMMENT ON COLUMN company_mentions.confidence IS 'Confidence in [0, 1].';
COMMENT ON COLUMN company_mentions.extractor_version IS 'Version of the extraction rules.';
