-- documents.story_id: added after documents.sql (CREATE TABLE IF NOT EXISTS cannot add a column to an existing warehouse)
ALTER TABLE documents ADD COLUMN IF NOT EXISTS story_id VARCHAR;
COMMENT ON COLUMN documents.story_id IS 'Story the document belongs to (stories.story_id), set by the consolidate stage; a duplicate gets the story of its canonical document; NULL until consolidated.';
