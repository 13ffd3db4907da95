-- one row per (doc_id, extractor_version): a document whose facts are loaded
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS extractions (
    doc_id VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL
);
COMMENT ON TABLE extractions IS 'Which canonical documents have facts from which extractor version.';
COMMENT ON COLUMN extractions.doc_id IS 'Document extracted.';
COMMENT ON COLUMN extractions.extractor_version IS 'Version of the extraction rules used.';
COMMENT ON COLUMN extractions.run_id IS 'Run that extracted it.';
