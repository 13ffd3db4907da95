-- one row per canonical_claim_id: a statement merged across the documents reporting it
-- load: replace all
CREATE TABLE IF NOT EXISTS canonical_claims (
    canonical_claim_id VARCHAR PRIMARY KEY,
    anchor_claim_id VARCHAR NOT NULL,
    speaker VARCHAR NOT NULL,
    speaker_key VARCHAR,
    stance VARCHAR NOT NULL,
    stances VARCHAR[] NOT NULL,
    content VARCHAR NOT NULL,
    canonical_event_id VARCHAR,
    event_link VARCHAR,
    scope VARCHAR,
    company_ids VARCHAR[] NOT NULL,
    first_seen DATE,
    last_seen DATE,
    n_documents INTEGER NOT NULL,
    n_publishers INTEGER NOT NULL,
    doc_ids VARCHAR[] NOT NULL,
    n_reports INTEGER NOT NULL,
    story_id VARCHAR,
    evidence VARCHAR NOT NULL
);
COMMENT ON TABLE canonical_claims IS 'Canonical statements (claim_clusters grouped): the earliest report''s words, speaker and stance, and counts over every report. Read it through the claim_corroboration view.';
COMMENT ON COLUMN canonical_claims.canonical_claim_id IS 'Stable id: hash of the earliest member claim_id.';
COMMENT ON COLUMN canonical_claims.anchor_claim_id IS 'Earliest member (claims.claim_id).';
COMMENT ON COLUMN canonical_claims.speaker IS 'Speaker: the person''s full name when resolved, else as written in the earliest report.';
COMMENT ON COLUMN canonical_claims.speaker_key IS 'Speaker identity used for matching (person id, organisation id or name:<name>).';
COMMENT ON COLUMN canonical_claims.stance IS 'Stance of the earliest report: assert, deny or hedge.';
COMMENT ON COLUMN canonical_claims.stances IS 'Every stance among the reports (assert and hedge may mix; deny never mixes with them).';
COMMENT ON COLUMN canonical_claims.content IS 'What was said, as the earliest report words it.';
COMMENT ON COLUMN canonical_claims.canonical_event_id IS 'Canonical event the statement reports (canonical_events).';
COMMENT ON COLUMN canonical_claims.event_link IS 'stated (a report states the event) or inferred (statement of intent about the company and place of the story''s planned event).';
COMMENT ON COLUMN canonical_claims.scope IS 'Product line of the earliest report (smartphones, vehicles...).';
COMMENT ON COLUMN canonical_claims.company_ids IS 'Companies the statement is about (subject, speaking organisation, speaker''s employer), over all reports.';
COMMENT ON COLUMN canonical_claims.first_seen IS 'Earliest statement or publication date of a report; NULL if none is known.';
COMMENT ON COLUMN canonical_claims.last_seen IS 'Latest statement or publication date of a report; NULL if none is known.';
COMMENT ON COLUMN canonical_claims.n_documents IS 'Canonical documents reporting it (duplicates never count).';
COMMENT ON COLUMN canonical_claims.n_publishers IS 'Distinct known publishers of those documents (case-insensitive); a document with no known publisher is not counted as one (the corroboration views give n_unknown_publisher).';
COMMENT ON COLUMN canonical_claims.doc_ids IS 'Those documents, sorted.';
COMMENT ON COLUMN canonical_claims.n_reports IS 'Member claims (a document may report a statement twice).';
COMMENT ON COLUMN canonical_claims.story_id IS 'Story of the earliest report.';
COMMENT ON COLUMN canonical_claims.evidence IS 'Evidence sentence of the earliest report.';
