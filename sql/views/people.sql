-- one row per person_id: a person merged across canonical documents
CREATE OR REPLACE VIEW people AS
SELECT
    person_id,
    mode(name) AS name,
    list_sort(list_distinct(flatten(list(aliases)))) AS aliases,
    mode(company_id) AS company_id,
    mode(title) AS title,
    count(DISTINCT doc_id) AS n_documents,
    max(confidence) AS confidence,
    max(extractor_version) AS extractor_version
FROM document_people
GROUP BY person_id;
COMMENT ON VIEW people IS 'People merged across documents: full name, short forms, affiliation and title as most often stated.';
