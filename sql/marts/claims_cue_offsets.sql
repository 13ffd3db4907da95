-- adds to claims (one row per claim_id: a statement attributed to a source in one document) the cue's offsets, for warehouses created before them
ALTER TABLE claims ADD COLUMN IF NOT EXISTS cue_start INTEGER;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS cue_end INTEGER;
COMMENT ON COLUMN claims.cue_start IS 'Cue offset in the body (the cue as written: "said", "ruled out", "according to").';
COMMENT ON COLUMN claims.cue_end IS 'Cue end offset.';
