-- adds to timexes (one row per (doc_id, start_char): a temporal expression) the rule column, for warehouses created before it
ALTER TABLE timexes ADD COLUMN IF NOT EXISTS rule VARCHAR;
COMMENT ON COLUMN timexes.rule IS 'Component and pattern that found the expression (timexes.<rule>, e.g. timexes.month_year); switch it off with NEWSFACTS_DISABLED_RULES.';
