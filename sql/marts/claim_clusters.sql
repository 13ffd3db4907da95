-- one row per claim_id: a reported statement and the canonical statement it belongs to
-- load: replace all, per document (doc_id)
CREATE TABLE IF NOT EXISTS claim_clusters (
    claim_id VARCHAR PRIMARY KEY,
    canonical_claim_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    match VARCHAR NOT NULL,
    speaker_key VARCHAR,
    canonical_event_id VARCHAR,
    event_link VARCHAR,
    scope VARCHAR,
    company_ids VARCHAR[] NOT NULL,
    seen_date DATE
);
COMMENT ON TABLE claim_clusters IS 'One fact, many reports: statements of one speaker in one story that are identical after normalising case, quote marks and punctuation, or paraphrases sharing most content words, share a canonical_claim_id.';
COMMENT ON COLUMN claim_clusters.claim_id IS 'Reported statement (claims.claim_id).';
COMMENT ON COLUMN claim_clusters.canonical_claim_id IS 'Stable id of the statement across documents: hash of the earliest member claim_id.';
COMMENT ON COLUMN claim_clusters.doc_id IS 'Document of the report.';
COMMENT ON COLUMN claim_clusters.match IS 'anchor (earliest member), exact (same words after normalising) or paraphrase.';
COMMENT ON COLUMN claim_clusters.speaker_key IS 'Speaker identity used for matching: person id, organisation id or name:<name as written>; NULL for unnamed speakers (never merged across documents).';
COMMENT ON COLUMN claim_clusters.canonical_event_id IS 'Canonical event the statement reports (event_clusters.canonical_event_id).';
COMMENT ON COLUMN claim_clusters.event_link IS 'stated (a member claim states the event) or inferred (a statement of intent about the same company and place as the story''s planned event).';
COMMENT ON COLUMN claim_clusters.scope IS 'Product line the evidence sentence names (smartphones, vehicles, data centers...), else the document''s dominant one; lexicon newsfacts/resources/product_scopes.tsv.';
COMMENT ON COLUMN claim_clusters.company_ids IS 'Companies the statement is about: subject, speaking organisation, speaker''s employer.';
COMMENT ON COLUMN claim_clusters.seen_date IS 'When it was said: first day of the claim date, else the publication date; NULL if unknown.';
