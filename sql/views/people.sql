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
COMMENT ON COLUMN people.person_id IS 'Stable id of the person across documents (document_people.person_id).';
COMMENT ON COLUMN people.name IS 'Full name most documents use.';
COMMENT ON COLUMN people.aliases IS 'Every short form or alias any document uses, sorted.';
COMMENT ON COLUMN people.company_id IS 'Organisation the person is most often affiliated with (companies.company_id); NULL when none is stated.';
COMMENT ON COLUMN people.title IS 'Title or role most often stated ("chief executive"); NULL when none is stated.';
COMMENT ON COLUMN people.n_documents IS 'Canonical documents naming the person.';
COMMENT ON COLUMN people.confidence IS 'Highest confidence of any document''s finding (0-1).';
COMMENT ON COLUMN people.extractor_version IS 'Newest extractor version among the rows merged.';
