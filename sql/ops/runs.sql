-- one row per run_id: a pipeline run, its outcome and per-stage counts and timings
-- load: append
CREATE TABLE IF NOT EXISTS runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    status        VARCHAR NOT NULL,
    sources       VARCHAR,
    stage_counts  VARCHAR,
    stage_seconds VARCHAR,
    message       VARCHAR,
    extractor_version VARCHAR,
    prefect_flow_run_id VARCHAR
);
COMMENT ON TABLE runs IS 'Pipeline runs (append-only log): status success, failed_validation, failed or interrupted, with per-stage counts and timings as JSON.';
COMMENT ON COLUMN runs.run_id IS 'Run id (UTC timestamp plus a random suffix).';
COMMENT ON COLUMN runs.started_at IS 'Start (UTC).';
COMMENT ON COLUMN runs.finished_at IS 'End (UTC).';
COMMENT ON COLUMN runs.status IS 'success: published; failed_validation: a table-level expectation failed and nothing was published; failed: an error stopped the run; interrupted: SIGINT or SIGTERM stopped it (message names the signal and the stage), nothing was published.';
COMMENT ON COLUMN runs.sources IS 'JSON list of the paths given to the run.';
COMMENT ON COLUMN runs.stage_counts IS 'JSON object: rows or files handled per stage.';
COMMENT ON COLUMN runs.stage_seconds IS 'JSON object: wall-clock seconds per stage.';
COMMENT ON COLUMN runs.message IS 'Summary or error message.';
COMMENT ON COLUMN runs.extractor_version IS 'Version of the extraction rules used by this run.';
COMMENT ON COLUMN runs.prefect_flow_run_id IS 'Prefect flow run id, to find the run in the Prefect UI.';
