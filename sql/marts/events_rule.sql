-- adds to events (one row per event_id: a typed happening or plan reported in one document) the rule column, for warehouses created before it
ALTER TABLE events ADD COLUMN IF NOT EXISTS rule VARCHAR;
COMMENT ON COLUMN events.rule IS 'Component and pattern that found the event (events.<pattern>, e.g. events.acquisition); switch it off with NEWSFACTS_DISABLED_RULES.';
