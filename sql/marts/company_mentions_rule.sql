-- adds to company_mentions (one row per (doc_id, company_id, start_char)) the rule column, for warehouses created before it
ALTER TABLE company_mentions ADD COLUMN IF NOT EXISTS rule VARCHAR;
COMMENT ON COLUMN company_mentions.rule IS 'Component and pattern that found the mention (entities.<how>, propagate.cross_document); switch it off with NEWSFACTS_DISABLED_RULES.';
