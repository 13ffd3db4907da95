-- adds to canonical_claims (one row per canonical_claim_id) the speaker_company_id column, for warehouses created before it
ALTER TABLE canonical_claims ADD COLUMN IF NOT EXISTS speaker_company_id VARCHAR;
COMMENT ON COLUMN canonical_claims.speaker_company_id IS 'The organisation that speaks in the earliest report: the speaker when an organisation, else the speaker''s employer; NULL when unknown.';
