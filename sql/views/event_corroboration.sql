-- one row per canonical_event_id: an event and every canonical document reporting it
CREATE OR REPLACE VIEW event_corroboration AS
SELECT
    canonical_event_id, event_type, status, company_id, location, date_value, date_start, date_end,
    first_seen, last_seen, n_documents, n_publishers, doc_ids,
    statuses, company_ids, scope, n_reports, n_claims, speakers, story_id, evidence
FROM canonical_events;
COMMENT ON VIEW event_corroboration IS 'One event, many reports: per canonical event, type, status, main company, place and date, when first and last reported, how many canonical documents (through an event of their own or a statement of it) and distinct publishers report it (duplicates never count; an unknown publisher counts per document), the doc_ids, who stated it, its product scope and one evidence sentence.';
