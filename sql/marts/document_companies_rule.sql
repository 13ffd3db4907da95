-- adds to document_companies (one row per (doc_id, company_id): a company as one document names it) the rule column, for warehouses created before it
ALTER TABLE document_companies ADD COLUMN IF NOT EXISTS rule VARCHAR;
COMMENT ON COLUMN document_companies.rule IS 'Rule of the organisation''s first mention in the document (entities.<how>), or propagate.cross_document.';
