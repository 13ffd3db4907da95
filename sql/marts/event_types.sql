-- one row per event_type: the closed event taxonomy
-- load: replace all
CREATE TABLE IF NOT EXISTS event_types (
    event_type VARCHAR PRIMARY KEY,
    description VARCHAR NOT NULL
);
COMMENT ON TABLE event_types IS 'The closed event taxonomy (dimension).';
COMMENT ON COLUMN event_types.event_type IS 'Type name.';
COMMENT ON COLUMN event_types.description IS 'What the type covers.';
