-- one row per canonical_claim_id: a statement and every canonical document reporting it
CREATE OR REPLACE VIEW claim_corroboration AS
WITH reports AS (SELECT canonical_claim_id, unnest(doc_ids) AS doc_id FROM canonical_claims),
sources AS (
    SELECT
        r.canonical_claim_id,
        count(*) FILTER (WHERE d.publisher IS NULL) AS n_unknown_publisher,
        count(DISTINCT lower(d.agency)) AS n_agencies
    FROM reports r JOIN documents d USING (doc_id)
    GROUP BY r.canonical_claim_id
)
SELECT
    c.canonical_claim_id, c.speaker, c.stance, c.first_seen, c.last_seen, c.n_documents,
    c.n_publishers, coalesce(s.n_unknown_publisher, 0) AS n_unknown_publisher,
    coalesce(s.n_agencies, 0) AS n_agencies, c.doc_ids, c.content, c.stances, c.scope,
    c.canonical_event_id, c.event_link, c.company_ids, c.n_reports, c.story_id, c.evidence
FROM canonical_claims c LEFT JOIN sources s USING (canonical_claim_id);
COMMENT ON VIEW claim_corroboration IS 'One statement, many reports: per canonical claim, who said it, stance, when first and last said or reported, how many canonical documents report it, how many distinct known publishers (n_publishers, case-insensitive), how many of the documents have no known publisher (n_unknown_publisher: never counted as more publishers) and how many distinct wire agencies their datelines name (n_agencies); duplicates never count. Then the doc_ids, the words of the earliest report, the event it states, its product scope and one evidence sentence. Most corroborated first: ORDER BY n_publishers DESC.';
COMMENT ON COLUMN claim_corroboration.canonical_claim_id IS 'The statement (canonical_claims.canonical_claim_id).';
COMMENT ON COLUMN claim_corroboration.speaker IS 'Speaker: the person''s full name when resolved, else as written in the earliest report.';
COMMENT ON COLUMN claim_corroboration.stance IS 'Stance of the earliest report: assert, deny or hedge.';
COMMENT ON COLUMN claim_corroboration.first_seen IS 'Earliest statement or publication date of a report; NULL if none is known.';
COMMENT ON COLUMN claim_corroboration.last_seen IS 'Latest statement or publication date of a report; NULL if none is known.';
COMMENT ON COLUMN claim_corroboration.n_documents IS 'Canonical documents reporting it (duplicates never count).';
COMMENT ON COLUMN claim_corroboration.n_publishers IS 'Distinct known publishers of those documents (case-insensitive).';
COMMENT ON COLUMN claim_corroboration.n_unknown_publisher IS 'Of those documents, how many name no publisher (never counted as more publishers).';
COMMENT ON COLUMN claim_corroboration.n_agencies IS 'Distinct news agencies the datelines of those documents name (case-insensitive).';
COMMENT ON COLUMN claim_corroboration.doc_ids IS 'Those documents, sorted.';
COMMENT ON COLUMN claim_corroboration.content IS 'What was said, as the earliest report words it.';
COMMENT ON COLUMN claim_corroboration.stances IS 'Every stance among the reports.';
COMMENT ON COLUMN claim_corroboration.scope IS 'Product line of the earliest report (smartphones, vehicles...).';
COMMENT ON COLUMN claim_corroboration.canonical_event_id IS 'Canonical event the statement reports (canonical_events); NULL when none.';
COMMENT ON COLUMN claim_corroboration.event_link IS 'How the statement is tied to that event (canonical_claims.event_link).';
COMMENT ON COLUMN claim_corroboration.company_ids IS 'Companies the statement is about, over all reports.';
COMMENT ON COLUMN claim_corroboration.n_reports IS 'Member claims (a document may report a statement twice).';
COMMENT ON COLUMN claim_corroboration.story_id IS 'Story of the earliest report.';
COMMENT ON COLUMN claim_corroboration.evidence IS 'Evidence sentence of the earliest report.';
