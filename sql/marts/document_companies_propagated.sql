-- adds to document_companies (one row per (doc_id, company_id)) the flag for rows found only by cross-document propagation
ALTER TABLE document_companies ADD COLUMN IF NOT EXISTS propagated BOOLEAN DEFAULT false;
COMMENT ON COLUMN document_companies.propagated IS 'True when the document names the organisation only in ways its own rules missed, and the name was propagated from other documents (company_mentions.how = cross_document).';
