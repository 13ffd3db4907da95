-- one row per (run_id, source_path, stage, reason): an input or record that could not be loaded
-- load: append
CREATE TABLE IF NOT EXISTS ingest_errors (
    run_id      VARCHAR NOT NULL,
    source_path VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    file_sha256 VARCHAR,
    raw_id      VARCHAR,
    logged_at   TIMESTAMP NOT NULL,
    reason_code VARCHAR
);
-- Warehouses made before reason codes existed get the column (NULL on their old rows).
ALTER TABLE ingest_errors ADD COLUMN IF NOT EXISTS reason_code VARCHAR;
COMMENT ON TABLE ingest_errors IS 'Inputs that could not be read or turned into a document, with the reason. Nothing is dropped silently.';
COMMENT ON COLUMN ingest_errors.run_id IS 'Run that met the problem.';
COMMENT ON COLUMN ingest_errors.source_path IS 'File path; "#N" or "#LN" marks a record or line inside it.';
COMMENT ON COLUMN ingest_errors.stage IS 'discover, read, decode, parse or normalize.';
COMMENT ON COLUMN ingest_errors.reason IS 'What was wrong, in words.';
COMMENT ON COLUMN ingest_errors.logged_at IS 'When it was logged (UTC).';
COMMENT ON COLUMN ingest_errors.file_sha256 IS 'SHA-256 of the file when it could be read: a re-run skips a bad file it has already reported.';
COMMENT ON COLUMN ingest_errors.raw_id IS 'The raw record, for records that were read but held no usable article.';
COMMENT ON COLUMN ingest_errors.reason_code IS 'Why, from a fixed vocabulary (newsfacts/ingest_model.py REASON_CODES, listed in the README): symlink_loop, special_file, json_too_deep, undecodable, truncated_record, ...';
