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
