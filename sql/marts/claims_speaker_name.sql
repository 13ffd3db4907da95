-- adds to claims (one row per claim_id: a statement attributed to a source in one document) the resolved speaker name, for warehouses created before it
ALTER TABLE claims ADD COLUMN IF NOT EXISTS speaker_name VARCHAR;
COMMENT ON COLUMN claims.speaker_name IS 'Speaker resolved by name: the full name of a person ("he" -> the person named earlier), the organisation an unnamed representative or "the company" speaks for; null for groups ("analysts") and unresolved speakers.';
