-- one row per (doc_id, company_id): a company as one document names it
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS document_companies (
    doc_id VARCHAR NOT NULL,
    company_id VARCHAR NOT NULL,
    company_key VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    aliases VARCHAR[],
    parent_company_id VARCHAR,
    confidence DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL,
    rule VARCHAR NOT NULL
);
COMMENT ON TABLE document_companies IS 'Companies and other organisations as each canonical document names them; the companies view merges them across documents.';
COMMENT ON COLUMN document_companies.doc_id IS 'Document (documents.doc_id).';
COMMENT ON COLUMN document_companies.company_id IS 'Stable company id (hash of the normalised name).';
COMMENT ON COLUMN document_companies.company_key IS 'Normalised name the id is derived from.';
COMMENT ON COLUMN document_companies.name IS 'Display name without legal form.';
COMMENT ON COLUMN document_companies.kind IS 'company, media, government, political_party or other_org.';
COMMENT ON COLUMN document_companies.aliases IS 'Other surface forms in this document.';
COMMENT ON COLUMN document_companies.parent_company_id IS 'Parent stated in the text ("Alphabet-owned Google").';
COMMENT ON COLUMN document_companies.confidence IS 'Confidence in [0, 1].';
COMMENT ON COLUMN document_companies.extractor_version IS 'Version of the extraction rules.';
