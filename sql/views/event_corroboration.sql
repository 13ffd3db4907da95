-- one row per canonical_event_id: an event and every canonical document reporting it
CREATE OR REPLACE VIEW event_corroboration AS
WITH reports AS (SELECT canonical_event_id, unnest(doc_ids) AS doc_id FROM canonical_events),
sources AS (
    SELECT
        r.canonical_event_id,
        count(*) FILTER (WHERE d.publisher IS NULL) AS n_unknown_publisher,
        count(DISTINCT lower(d.agency)) AS n_agencies
    FROM reports r JOIN documents d USING (doc_id)
    GROUP BY r.canonical_event_id
)
SELECT
    e.canonical_event_id, e.event_type, e.status, e.company_id, e.location, e.date_value,
    e.date_start, e.date_end, e.first_seen, e.last_seen, e.n_documents, e.n_publishers,
    coalesce(s.n_unknown_publisher, 0) AS n_unknown_publisher,
    coalesce(s.n_agencies, 0) AS n_agencies, e.doc_ids, e.statuses, e.company_ids, e.scope,
    e.n_reports, e.n_claims, e.speakers, e.story_id, e.evidence
FROM canonical_events e LEFT JOIN sources s USING (canonical_event_id);
COMMENT ON VIEW event_corroboration IS 'One event, many reports: per canonical event, type, status, main company, place and date, when first and last reported, how many canonical documents report it (through an event of their own or a statement of it), how many distinct known publishers (n_publishers, case-insensitive), how many of the documents have no known publisher (n_unknown_publisher: never counted as more publishers) and how many distinct wire agencies their datelines name (n_agencies); duplicates never count. Then the doc_ids, who stated it, its product scope and one evidence sentence.';
COMMENT ON COLUMN event_corroboration.canonical_event_id IS 'The event (canonical_events.canonical_event_id).';
COMMENT ON COLUMN event_corroboration.event_type IS 'Type from event_types.';
COMMENT ON COLUMN event_corroboration.status IS 'Status over the reports (canonical_events.status).';
COMMENT ON COLUMN event_corroboration.company_id IS 'Main participant (of the earliest report).';
COMMENT ON COLUMN event_corroboration.location IS 'ISO 3166 alpha-2 code or region name.';
COMMENT ON COLUMN event_corroboration.date_value IS 'TIMEX3 value of the earliest dated report.';
COMMENT ON COLUMN event_corroboration.date_start IS 'First day any report''s date covers.';
COMMENT ON COLUMN event_corroboration.date_end IS 'Last day any report''s date covers.';
COMMENT ON COLUMN event_corroboration.first_seen IS 'Earliest publication date of a reporting document; NULL if none is dated.';
COMMENT ON COLUMN event_corroboration.last_seen IS 'Latest publication date of a reporting document; NULL if none is dated.';
COMMENT ON COLUMN event_corroboration.n_documents IS 'Canonical documents reporting it, through an event of their own or a statement of it (duplicates never count).';
COMMENT ON COLUMN event_corroboration.n_publishers IS 'Distinct known publishers of those documents (case-insensitive).';
COMMENT ON COLUMN event_corroboration.n_unknown_publisher IS 'Of those documents, how many name no publisher (never counted as more publishers).';
COMMENT ON COLUMN event_corroboration.n_agencies IS 'Distinct news agencies the datelines of those documents name (case-insensitive).';
COMMENT ON COLUMN event_corroboration.doc_ids IS 'Those documents, sorted.';
COMMENT ON COLUMN event_corroboration.statuses IS 'Every status among the reports.';
COMMENT ON COLUMN event_corroboration.company_ids IS 'Companies the event is about: main participant and employers of those stating it.';
COMMENT ON COLUMN event_corroboration.scope IS 'Product line of the earliest report (smartphones, vehicles...).';
COMMENT ON COLUMN event_corroboration.n_reports IS 'Member events.';
COMMENT ON COLUMN event_corroboration.n_claims IS 'Canonical claims stating it.';
COMMENT ON COLUMN event_corroboration.speakers IS 'Who stated it (speakers of those claims).';
COMMENT ON COLUMN event_corroboration.story_id IS 'Story of the earliest report.';
COMMENT ON COLUMN event_corroboration.evidence IS 'Evidence sentence of the earliest report.';
