-- one row per (table_name, record key): a row that failed a row-level expectation, kept with its reasons
-- load: append
CREATE TABLE IF NOT EXISTS quarantine (
    run_id      VARCHAR NOT NULL,
    table_name  VARCHAR NOT NULL,
    record_key  VARCHAR NOT NULL,
    record      VARCHAR NOT NULL,
    reasons     VARCHAR NOT NULL,
    quarantined_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE quarantine IS 'Rows that failed row-level expectations: removed from their table, kept here whole (as JSON) with the reasons. They never vanish.';
COMMENT ON COLUMN quarantine.table_name IS 'Table the row was meant for.';
COMMENT ON COLUMN quarantine.record_key IS 'Primary key value of the row in that table.';
COMMENT ON COLUMN quarantine.record IS 'The whole row as JSON.';
COMMENT ON COLUMN quarantine.reasons IS 'JSON list of the failed expectations (type and column).';
