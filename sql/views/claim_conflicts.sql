-- one row per (kind, a_id, b_id, company_id): a statement or event and a denial of the same kind of thing about the same company
CREATE OR REPLACE VIEW claim_conflicts AS
WITH positions AS (
    SELECT
        'claim' AS kind,
        c.canonical_claim_id AS id,
        e.event_type AS topic,
        e.location,
        c.stance AS position,
        c.company_ids,
        c.scope,
        [c.speaker] AS speakers,
        c.first_seen,
        c.last_seen,
        c.doc_ids,
        c.story_id,
        c.evidence
    FROM canonical_claims c
    JOIN canonical_events e USING (canonical_event_id)
    UNION ALL
    SELECT
        'event', canonical_event_id, event_type, location, status, company_ids, scope,
        speakers, first_seen, last_seen, doc_ids, story_id, evidence
    FROM canonical_events
),
sides AS (  -- a denial: the stance or status of newsfacts.vocab.DENIALS (tests/test_vocab.py checks)
    SELECT *, position IN ('deny', 'denied') AS denies FROM positions
),
names AS (  -- the companies view sorts after this file, so names come from the table
    SELECT company_id, mode(name) AS name FROM document_companies GROUP BY company_id
),
pairs AS (
    SELECT
        a.kind,
        unnest(list_intersect(a.company_ids, b.company_ids)) AS company_id,
        a.topic,
        CASE WHEN a.scope IS NOT NULL AND b.scope IS NOT NULL THEN a.scope = b.scope END AS scopes_match,
        CASE
            WHEN a.scope IS NULL OR b.scope IS NULL OR a.scope = b.scope THEN 'contradiction'
            WHEN a.story_id IS DISTINCT FROM b.story_id THEN 'update'
            ELSE 'related'
        END AS relation,
        a.id AS a_id, a.position AS a_position, a.speakers AS a_speakers, a.scope AS a_scope,
        a.location AS a_location, a.first_seen AS a_first_seen, a.last_seen AS a_last_seen,
        a.doc_ids AS a_doc_ids, a.story_id AS a_story_id, a.evidence AS a_evidence,
        b.id AS b_id, b.position AS b_position, b.speakers AS b_speakers, b.scope AS b_scope,
        b.location AS b_location, b.first_seen AS b_first_seen, b.last_seen AS b_last_seen,
        b.doc_ids AS b_doc_ids, b.story_id AS b_story_id, b.evidence AS b_evidence
    FROM sides a
    JOIN sides b
        ON a.kind = b.kind
        AND a.topic = b.topic
        AND NOT a.denies
        AND b.denies
        AND (a.location IS NULL OR b.location IS NULL OR a.location = b.location)
        AND list_has_any(a.company_ids, b.company_ids)
)
SELECT p.kind, p.company_id, c.name AS company_name, p.* EXCLUDE (kind, company_id)
FROM pairs p
LEFT JOIN names c USING (company_id);
COMMENT ON VIEW claim_conflicts IS 'Disagreements: a canonical statement (or event) affirming something (side a: any stance or status but a denial) and one denying the same kind of event about the same company and place (side b), with both sides'' speakers, dates, documents, story and product scope. relation: contradiction when the scopes match (or one is unknown), update when they differ and the denial comes from another story (a later statement about another product line), related when they differ within one story.';
COMMENT ON COLUMN claim_conflicts.kind IS 'What the two sides are: claim or event (statements against statements, events against events).';
COMMENT ON COLUMN claim_conflicts.company_id IS 'A company both sides are about (companies.company_id); a pair about two shared companies gives two rows.';
COMMENT ON COLUMN claim_conflicts.company_name IS 'Name of that company.';
COMMENT ON COLUMN claim_conflicts.topic IS 'Event type both sides concern (event_types).';
COMMENT ON COLUMN claim_conflicts.scopes_match IS 'Whether both sides concern the same product line; NULL when either scope is unknown.';
COMMENT ON COLUMN claim_conflicts.relation IS 'How the two sides relate: contradiction (same scope, or one unknown), update (different scopes, the denial from another story) or related (different scopes, one story).';
COMMENT ON COLUMN claim_conflicts.a_id IS 'Id of the affirming side (any stance or status but a denial): canonical_claim_id or canonical_event_id.';
COMMENT ON COLUMN claim_conflicts.a_position IS 'Stance (statements) or status (events) of the affirming side (any stance or status but a denial).';
COMMENT ON COLUMN claim_conflicts.a_speakers IS 'Who stated the affirming side (any stance or status but a denial).';
COMMENT ON COLUMN claim_conflicts.a_scope IS 'Product line of the affirming side (any stance or status but a denial); NULL when unknown.';
COMMENT ON COLUMN claim_conflicts.a_location IS 'Place of the affirming side (any stance or status but a denial) (ISO 3166 alpha-2 code or region); NULL when unknown.';
COMMENT ON COLUMN claim_conflicts.a_first_seen IS 'Earliest date the affirming side (any stance or status but a denial) was stated or reported.';
COMMENT ON COLUMN claim_conflicts.a_last_seen IS 'Latest date the affirming side (any stance or status but a denial) was stated or reported.';
COMMENT ON COLUMN claim_conflicts.a_doc_ids IS 'Canonical documents reporting the affirming side (any stance or status but a denial), sorted.';
COMMENT ON COLUMN claim_conflicts.a_story_id IS 'Story of the earliest report of the affirming side (any stance or status but a denial).';
COMMENT ON COLUMN claim_conflicts.a_evidence IS 'Evidence sentence of the earliest report of the affirming side (any stance or status but a denial).';
COMMENT ON COLUMN claim_conflicts.b_id IS 'Id of the denying side: canonical_claim_id or canonical_event_id.';
COMMENT ON COLUMN claim_conflicts.b_position IS 'Stance (statements) or status (events) of the denying side.';
COMMENT ON COLUMN claim_conflicts.b_speakers IS 'Who stated the denying side.';
COMMENT ON COLUMN claim_conflicts.b_scope IS 'Product line of the denying side; NULL when unknown.';
COMMENT ON COLUMN claim_conflicts.b_location IS 'Place of the denying side (ISO 3166 alpha-2 code or region); NULL when unknown.';
COMMENT ON COLUMN claim_conflicts.b_first_seen IS 'Earliest date the denying side was stated or reported.';
COMMENT ON COLUMN claim_conflicts.b_last_seen IS 'Latest date the denying side was stated or reported.';
COMMENT ON COLUMN claim_conflicts.b_doc_ids IS 'Canonical documents reporting the denying side, sorted.';
COMMENT ON COLUMN claim_conflicts.b_story_id IS 'Story of the earliest report of the denying side.';
COMMENT ON COLUMN claim_conflicts.b_evidence IS 'Evidence sentence of the earliest report of the denying side.';
