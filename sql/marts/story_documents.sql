-- one row per doc_id: a canonical document and its story
-- load: replace all, per document (doc_id)
CREATE TABLE IF NOT EXISTS story_documents (
    story_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL
);
COMMENT ON TABLE story_documents IS 'Story membership of canonical documents (duplicates carry the story in documents.story_id only).';
COMMENT ON COLUMN story_documents.story_id IS 'Story (stories.story_id).';
COMMENT ON COLUMN story_documents.doc_id IS 'Canonical document (documents.doc_id).';
