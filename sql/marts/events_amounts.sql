-- adds to events (one row per event_id: a typed happening or plan reported in one document) the amounts schema columns (currency, currency_text, scale, prior_amount), for warehouses created before them
ALTER TABLE events ADD COLUMN IF NOT EXISTS currency VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS currency_text VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS scale VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS prior_amount DOUBLE;
COMMENT ON COLUMN events.currency IS 'ISO 4217 code of a money figure (USD, AUD, HKD, GBP, EUR, JPY...).';
COMMENT ON COLUMN events.currency_text IS 'The currency as written: $, A$, HK$, £, p, dlrs, stg, Canadian dlrs, euros...';
COMMENT ON COLUMN events.scale IS 'The scale word as written: bn, m, mln, billion...';
COMMENT ON COLUMN events.prior_amount IS 'The previous period''s figure when the same clause gives it ("from $639m", "vs 900,000"), scaled alike.';
