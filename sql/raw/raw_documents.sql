-- one row per (source_path, file_sha256, record_index): every article record ever read, kept verbatim
-- load: append new versions of (source_path): a changed file's earlier records stop being current
CREATE TABLE IF NOT EXISTS raw_documents (
    raw_id        VARCHAR PRIMARY KEY,
    source_path   VARCHAR NOT NULL,
    record_index  INTEGER NOT NULL,
    format        VARCHAR NOT NULL,
    file_sha256   VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    size_bytes    BIGINT NOT NULL,
    raw_text      VARCHAR NOT NULL,
    encoding      VARCHAR NOT NULL,
    url           VARCHAR,
    version       INTEGER NOT NULL,
    is_current    BOOLEAN NOT NULL,
    same_bytes_as VARCHAR,
    ingested_at   TIMESTAMP NOT NULL,
    ingest_order  BIGINT NOT NULL,
    run_id        VARCHAR NOT NULL
);
COMMENT ON TABLE raw_documents IS 'Every article record read from disk, verbatim (append-only): a text or HTML file, one JSON record or one WARC response. Later stages can be re-run from raw_text.';
COMMENT ON COLUMN raw_documents.raw_id IS 'Stable id: hash of the path relative to the folder above the input given (the same wherever the corpus lives), file_sha256 and record_index; the absolute path for a byte-identical copy at a relative path already taken.';
COMMENT ON COLUMN raw_documents.source_path IS 'Absolute path of the file the record came from.';
COMMENT ON COLUMN raw_documents.record_index IS 'Position of the record in its file (JSON list index, JSON line number, WARC record number); 0 for single-article files.';
COMMENT ON COLUMN raw_documents.format IS 'txt, html, json, jsonl or warc.';
COMMENT ON COLUMN raw_documents.file_sha256 IS 'SHA-256 of the whole file''s bytes.';
COMMENT ON COLUMN raw_documents.sha256 IS 'SHA-256 of this record''s bytes.';
COMMENT ON COLUMN raw_documents.size_bytes IS 'Size of this record in bytes.';
COMMENT ON COLUMN raw_documents.raw_text IS 'The record decoded to text (the file, the HTML page, the JSON record).';
COMMENT ON COLUMN raw_documents.encoding IS 'utf-8, or the fallback that decoded invalid UTF-8 (cp1252, latin-1): the text was repaired.';
COMMENT ON COLUMN raw_documents.url IS 'Target URI of a WARC record.';
COMMENT ON COLUMN raw_documents.version IS '1 for the first content seen at this path, 2 after the file changed, and so on.';
COMMENT ON COLUMN raw_documents.is_current IS 'True for the latest version of the file at source_path; older versions are kept but produce no document.';
COMMENT ON COLUMN raw_documents.same_bytes_as IS 'raw_id of the first record with the same bytes under another path (a copy), else NULL.';
COMMENT ON COLUMN raw_documents.ingested_at IS 'When the record was read (UTC).';
COMMENT ON COLUMN raw_documents.ingest_order IS 'Global read order; breaks ties when choosing the canonical duplicate.';
COMMENT ON COLUMN raw_documents.run_id IS 'Run that read the record (runs.run_id).';
