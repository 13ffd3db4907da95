-- one row per (run_id, suite, expectation): the outcome of one Great Expectations expectation
-- load: append
CREATE TABLE IF NOT EXISTS dq_results (
    run_id           VARCHAR NOT NULL,
    suite            VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    kwargs           VARCHAR,
    on_failure       VARCHAR NOT NULL,
    success          BOOLEAN NOT NULL,
    unexpected_count BIGINT,
    checked_at       TIMESTAMP NOT NULL
);
COMMENT ON TABLE dq_results IS 'Great Expectations results of every run (append-only), one row per expectation.';
COMMENT ON COLUMN dq_results.suite IS 'Suite name = table name (expectations/<table>.json).';
COMMENT ON COLUMN dq_results.expectation IS 'Expectation type, e.g. expect_column_values_to_not_be_null.';
COMMENT ON COLUMN dq_results.kwargs IS 'Expectation arguments as JSON (column, bounds, query).';
COMMENT ON COLUMN dq_results.on_failure IS 'quarantine: failing rows are moved to quarantine; abort: the run is not published.';
COMMENT ON COLUMN dq_results.success IS 'Whether the expectation held on the final data of the run.';
COMMENT ON COLUMN dq_results.unexpected_count IS 'Rows that failed it (before quarantine, for quarantine expectations).';
COMMENT ON COLUMN dq_results.checked_at IS 'When it was checked (UTC).';
