-- adds to document_people (one row per (doc_id, person_id): a person as one document names them) the rule column, for warehouses created before it
ALTER TABLE document_people ADD COLUMN IF NOT EXISTS rule VARCHAR;
COMMENT ON COLUMN document_people.rule IS 'Rule of the person''s first mention in the document (entities.<how>).';
