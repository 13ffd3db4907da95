-- one row per (doc_id, person_id): a person as one document names them
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS document_people (
    doc_id VARCHAR NOT NULL,
    person_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    aliases VARCHAR[],
    company_id VARCHAR,
    title VARCHAR,
    confidence DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL,
    rule VARCHAR NOT NULL
);
COMMENT ON TABLE document_people IS 'People as each canonical document names them; the people view merges them across documents.';
COMMENT ON COLUMN document_people.doc_id IS 'Document (documents.doc_id).';
COMMENT ON COLUMN document_people.person_id IS 'Stable person id (hash of the normalised full name).';
COMMENT ON COLUMN document_people.name IS 'Full name.';
COMMENT ON COLUMN document_people.aliases IS 'Short forms linked to the full name ("Mr. Lee", a given name).';
COMMENT ON COLUMN document_people.company_id IS 'Affiliation stated in the text.';
COMMENT ON COLUMN document_people.title IS 'Title stated in the text ("Chairman").';
COMMENT ON COLUMN document_people.confidence IS 'Confidence in [0, 1].';
COMMENT ON COLUMN document_people.extractor_version IS 'Version of the extraction rules.';
