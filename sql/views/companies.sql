-- one row per company_id: an organisation merged across canonical documents
CREATE OR REPLACE VIEW companies AS
SELECT
    company_id,
    mode(name) AS name,
    mode(kind) AS kind,
    list_sort(list_distinct(flatten(list(aliases)) || list(name))) AS aliases,
    mode(parent_company_id) AS parent_company_id,
    count(DISTINCT doc_id) AS n_documents,
    max(confidence) AS confidence,
    max(extractor_version) AS extractor_version
FROM document_companies
GROUP BY company_id;
COMMENT ON VIEW companies IS 'Organisations merged across documents: most common name and kind, every alias seen, stated parent, number of documents naming it.';
COMMENT ON COLUMN companies.company_id IS 'Stable id of the organisation across documents (document_companies.company_id).';
COMMENT ON COLUMN companies.name IS 'Name most documents use for it.';
COMMENT ON COLUMN companies.kind IS 'Kind most documents give it (document_companies.kind).';
COMMENT ON COLUMN companies.aliases IS 'Every name and alias any document uses for it, sorted.';
COMMENT ON COLUMN companies.parent_company_id IS 'Parent organisation most often stated (a company_id); NULL when none is stated.';
COMMENT ON COLUMN companies.n_documents IS 'Canonical documents naming it.';
COMMENT ON COLUMN companies.confidence IS 'Highest confidence of any document''s finding (0-1).';
COMMENT ON COLUMN companies.extractor_version IS 'Newest extractor version among the rows merged.';
