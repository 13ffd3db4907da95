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
