-- adds to event_participants (one row per (event_id, company_id, role)) the rule column, for warehouses created before it
ALTER TABLE event_participants ADD COLUMN IF NOT EXISTS rule VARCHAR;
COMMENT ON COLUMN event_participants.rule IS 'Component and pattern that gave the participant its role (events.<role>, or claims.agent when a first-person claim names the agent).';
