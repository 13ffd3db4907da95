-- adds to canonical_events (one row per canonical_event_id) the counterparty_ids column, for warehouses created before it
ALTER TABLE canonical_events ADD COLUMN IF NOT EXISTS counterparty_ids VARCHAR[];
COMMENT ON COLUMN canonical_events.counterparty_ids IS 'The other side of the event over every report: targets (bought, sued, fined) and partners (event_participants roles target and partner), the main company left out; empty when no report names one.';
