-- one row per (event_id, company_id, role)
-- load: replace per document (doc_id)
CREATE TABLE IF NOT EXISTS event_participants (
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    company_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    rule VARCHAR NOT NULL
);
COMMENT ON TABLE event_participants IS 'Organisations taking part in an event, with their role.';
COMMENT ON COLUMN event_participants.event_id IS 'Event (events.event_id).';
COMMENT ON COLUMN event_participants.doc_id IS 'Document of the event.';
COMMENT ON COLUMN event_participants.company_id IS 'Participant organisation.';
COMMENT ON COLUMN event_participants.role IS 'agent, target, partner or regulator.';
