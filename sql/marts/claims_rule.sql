-- adds to claims (one row per claim_id: a statement attributed to a source in one document) the rule column, for warehouses created before it
ALTER TABLE claims ADD COLUMN IF NOT EXISTS rule VARCHAR;
COMMENT ON COLUMN claims.rule IS 'Component and pattern that found the claim (claims.<pattern>, e.g. claims.according_to); switch it off with NEWSFACTS_DISABLED_RULES.';
