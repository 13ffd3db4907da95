-- one row per path: the publisher and publication date a run was given for the files under it
-- load: merge on (path)
CREATE TABLE IF NOT EXISTS source_defaults (
    path           VARCHAR PRIMARY KEY,
    publisher      VARCHAR,
    published_date DATE,
    run_id         VARCHAR NOT NULL,
    set_at         TIMESTAMP NOT NULL
);
COMMENT ON TABLE source_defaults IS 'What `newsfacts run PATH --publisher NAME --published YYYY-MM-DD` said about the files under PATH: used only for files that name no publisher, or carry no date, of their own (documents.publisher_source / published_date_source = cli). Kept so that normalizing the files again gives the same values.';
COMMENT ON COLUMN source_defaults.path IS 'File or folder given to the run (absolute); the nearest path above a file that sets a value wins.';
COMMENT ON COLUMN source_defaults.publisher IS 'Publisher given with --publisher; NULL when never given for this path.';
COMMENT ON COLUMN source_defaults.published_date IS 'Publication date given with --published; NULL when never given for this path.';
COMMENT ON COLUMN source_defaults.run_id IS 'Run that last set a value (runs.run_id).';
COMMENT ON COLUMN source_defaults.set_at IS 'When that run set it (UTC).';
