-- adds to person_mentions (one row per (doc_id, person_id, start_char)) the rule column, for warehouses created before it
ALTER TABLE person_mentions ADD COLUMN IF NOT EXISTS rule VARCHAR;
COMMENT ON COLUMN person_mentions.rule IS 'Component and pattern that found the mention (entities.<how>); switch it off with NEWSFACTS_DISABLED_RULES.';
