-- one row per doc_id: a cleaned article from the current version of a raw record
-- load: merge on (doc_id)
CREATE TABLE IF NOT EXISTS documents (
    doc_id                VARCHAR PRIMARY KEY,
    raw_id                VARCHAR NOT NULL,
    title                 VARCHAR,
    body                  VARCHAR NOT NULL,
    url                   VARCHAR,
    publisher             VARCHAR,
    author                VARCHAR,
    language              VARCHAR,
    published_date        DATE,
    published_date_source VARCHAR NOT NULL,
    content_hash          VARCHAR NOT NULL,
    duplicate_of          VARCHAR,
    duplicate_kind        VARCHAR,
    similarity            DOUBLE,
    source_key            VARCHAR NOT NULL,
    metadata              VARCHAR,
    removed               VARCHAR,
    run_id                VARCHAR NOT NULL,
    dateline_place        VARCHAR,
    agency                VARCHAR,
    display_title         VARCHAR,
    normalizer_version    VARCHAR,
    publisher_source      VARCHAR
);
-- Warehouses created before these columns existed get them here (CREATE TABLE IF NOT EXISTS
-- cannot add a column); their documents are then normalized again (normalizer_version NULL).
ALTER TABLE documents ADD COLUMN IF NOT EXISTS dateline_place VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS agency VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS display_title VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS normalizer_version VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS publisher_source VARCHAR;
COMMENT ON TABLE documents IS 'Clean, deduplicated articles. Fact tables give character offsets into body. Duplicates stay, flagged by duplicate_of; facts come from canonical documents only.';
COMMENT ON COLUMN documents.doc_id IS 'Stable id, equal to the raw_id it came from.';
COMMENT ON COLUMN documents.raw_id IS 'The raw record (raw_documents.raw_id).';
COMMENT ON COLUMN documents.title IS 'Headline from metadata or the first headline-like line of a text file.';
COMMENT ON COLUMN documents.body IS 'Cleaned article text: Unicode repaired, hard-wrapped lines joined, boilerplate, dateline and sign-off removed, paragraphs (and table or list rows) separated by a blank line.';
COMMENT ON COLUMN documents.url IS 'Article URL from metadata.';
COMMENT ON COLUMN documents.publisher IS 'Outlet that published the document, by the order of trust of publisher_source: metadata, else the URL host, else the outlet a byline names ("By Jane Roe, Harbour Times"), else the --publisher given for its folder; NULL when none says. A wire agency named in a dateline goes to agency, not here.';
COMMENT ON COLUMN documents.author IS 'Author from metadata.';
COMMENT ON COLUMN documents.language IS 'ISO 639-1 language code (py3langid).';
COMMENT ON COLUMN documents.published_date IS 'Publication date; NULL when no source states it (never guessed).';
COMMENT ON COLUMN documents.published_date_source IS 'Where the date came from, in order of trust: metadata, text (an explicit date line), url (a dated URL path), path (a date in the file or folder name), cli (the --published given for its folder: resolves relative dates at lower confidence, never evidence of closeness in time) or unknown.';
COMMENT ON COLUMN documents.content_hash IS 'SHA-256 of the case-folded, whitespace-collapsed title and body: equal hashes are exact duplicates.';
COMMENT ON COLUMN documents.duplicate_of IS 'doc_id of the canonical document (earliest published, else first ingested) when this one is a duplicate; NULL for canonical documents.';
COMMENT ON COLUMN documents.duplicate_kind IS 'exact (same content_hash), near (word-shingle Jaccard >= threshold) or edited (a version of the same article with a passage or two edited, added or cut: most of each one''s words shared); NULL for canonical documents.';
COMMENT ON COLUMN documents.similarity IS 'Shingle Jaccard similarity to the canonical document (1.0 for exact duplicates).';
COMMENT ON COLUMN documents.source_key IS 'Publisher, else the folder of the file: the unit within which repeated template lines are removed.';
COMMENT ON COLUMN documents.metadata IS 'Other fields of a JSON record, as JSON.';
COMMENT ON COLUMN documents.removed IS 'JSON list of [text, reason] pieces removed as boilerplate.';
COMMENT ON COLUMN documents.run_id IS 'Run that last wrote the row.';
COMMENT ON COLUMN documents.dateline_place IS 'Place of the dateline cut off the start of the body ("LONDON", "ST. LOUIS, Mo."), as written; NULL when the story has no dateline.';
COMMENT ON COLUMN documents.agency IS 'News agency or wire service the dateline names ("Reuters", "AP", "PRNewswire"); NULL when none is named.';
COMMENT ON COLUMN documents.display_title IS 'Readable title: an ALL-CAPS headline in sentence case with acronyms kept (title keeps the stored text); otherwise equal to title.';
COMMENT ON COLUMN documents.publisher_source IS 'Where publisher came from: metadata, url, byline, cli (the --publisher given for its folder) or unknown (publisher is NULL).';
COMMENT ON COLUMN documents.normalizer_version IS 'Version of the normalizer that wrote the body (settings.NORMALIZER_VERSION); documents of another version are normalized again by the next run.';
-- source_folder (#20): filtering to one source folder is one WHERE instead of a join through
-- raw_documents. load.write_documents sets it for new rows; older rows get it here, once.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_folder VARCHAR;
UPDATE documents SET source_folder = regexp_replace(r.source_path, '/[^/]*$', '')
FROM raw_documents r
WHERE r.raw_id = documents.raw_id AND documents.source_folder IS NULL;
COMMENT ON COLUMN documents.source_folder IS 'Folder of the file the document was read from, as stored in raw_documents.source_path without the file name (''/data/crawl/reuters''): WHERE source_folder = ... or LIKE ''%/reuters'' selects one source.';
