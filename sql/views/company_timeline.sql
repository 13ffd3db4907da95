-- one row per (company_id, item, item_id): a company's canonical events and the statements about it
CREATE OR REPLACE VIEW company_timeline AS
WITH items AS (
    SELECT
        unnest(company_ids) AS company_id,
        'event' AS item,
        canonical_event_id AS item_id,
        event_type,
        status,
        CAST(NULL AS VARCHAR) AS stance,
        speakers,
        date_start AS item_date,
        date_value,
        location,
        scope,
        n_documents,
        n_publishers,
        doc_ids,
        story_id,
        evidence
    FROM canonical_events
    UNION ALL
    SELECT
        unnest(c.company_ids),
        'claim',
        c.canonical_claim_id,
        e.event_type,
        e.status,
        c.stance,
        [c.speaker],
        c.first_seen,
        CAST(c.first_seen AS VARCHAR),
        e.location,
        c.scope,
        c.n_documents,
        c.n_publishers,
        c.doc_ids,
        c.story_id,
        c.evidence
    FROM canonical_claims c
    LEFT JOIN canonical_events e USING (canonical_event_id)
)
SELECT
    i.company_id,
    co.name AS company_name,
    row_number() OVER (
        PARTITION BY i.company_id ORDER BY i.item_date NULLS LAST, i.item DESC, i.item_id
    )::INTEGER AS position,
    i.* EXCLUDE (company_id)
FROM items i
LEFT JOIN companies co USING (company_id)
ORDER BY i.company_id, position;
COMMENT ON VIEW company_timeline IS 'Per company, its canonical events and the canonical statements about it in date order (position 1 = earliest; undated items last): event date for events, statement date for claims, with status, stance, speakers, place, product scope, document and publisher counts and one evidence sentence.';
COMMENT ON COLUMN company_timeline.company_id IS 'The company whose timeline this is (companies.company_id).';
COMMENT ON COLUMN company_timeline.company_name IS 'Its name (companies.name).';
COMMENT ON COLUMN company_timeline.position IS 'Place in the company''s timeline: 1 = earliest; undated items come last.';
COMMENT ON COLUMN company_timeline.item IS 'What the row is: claim or event.';
COMMENT ON COLUMN company_timeline.item_id IS 'canonical_event_id of an event, canonical_claim_id of a statement.';
COMMENT ON COLUMN company_timeline.event_type IS 'Type of the event, or of the event a statement states (event_types); NULL for a statement tied to no event.';
COMMENT ON COLUMN company_timeline.status IS 'Status of the event, or of the event a statement states (canonical_events.status).';
COMMENT ON COLUMN company_timeline.stance IS 'Stance of a statement (canonical_claims.stance); NULL for events.';
COMMENT ON COLUMN company_timeline.speakers IS 'Who stated it: the speakers of an event''s statements, or the statement''s speaker.';
COMMENT ON COLUMN company_timeline.item_date IS 'Date the row is ordered by: first day of the event''s date, or the statement''s first_seen; NULL when unknown.';
COMMENT ON COLUMN company_timeline.date_value IS 'TIMEX3 value of the event''s date as reported, or the statement''s date as text.';
COMMENT ON COLUMN company_timeline.location IS 'Place of the event: ISO 3166 alpha-2 code or region name.';
COMMENT ON COLUMN company_timeline.scope IS 'Product line it concerns (smartphones, vehicles...).';
COMMENT ON COLUMN company_timeline.n_documents IS 'Canonical documents reporting it (duplicates never count).';
COMMENT ON COLUMN company_timeline.n_publishers IS 'Distinct known publishers of those documents.';
COMMENT ON COLUMN company_timeline.doc_ids IS 'Those documents, sorted.';
COMMENT ON COLUMN company_timeline.story_id IS 'Story of the earliest report (stories.story_id).';
COMMENT ON COLUMN company_timeline.evidence IS 'Evidence sentence of the earliest report.';
