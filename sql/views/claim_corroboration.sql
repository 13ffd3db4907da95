-- one row per canonical_claim_id: a statement and every canonical document reporting it
CREATE OR REPLACE VIEW claim_corroboration AS
SELECT
    canonical_claim_id, speaker, stance, first_seen, last_seen, n_documents, n_publishers, doc_ids,
    content, stances, scope, canonical_event_id, event_link, company_ids, n_reports, story_id, evidence
FROM canonical_claims;
COMMENT ON VIEW claim_corroboration IS 'One statement, many reports: per canonical claim, who said it, stance, when first and last said or reported, how many canonical documents and distinct publishers report it (duplicates never count; an unknown publisher counts per document), the doc_ids, the words of the earliest report, the event it states, its product scope and one evidence sentence. Most corroborated first: ORDER BY n_publishers DESC.';
