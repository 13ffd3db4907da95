-- one row per story_id: canonical documents reporting the same happening
-- load: replace all
CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    first_seen DATE,
    last_seen DATE,
    n_documents INTEGER NOT NULL,
    n_publishers INTEGER NOT NULL,
    anchor_doc_id VARCHAR NOT NULL
);
COMMENT ON TABLE stories IS 'Stories: canonical documents grouped when they name the same organisations, use similar words and are close in time (see newsfacts/consolidate/thresholds.py for the thresholds). Every canonical document belongs to exactly one story, possibly alone.';
COMMENT ON COLUMN stories.story_id IS 'Stable id: hash of the earliest ingested member document.';
COMMENT ON COLUMN stories.title IS 'Headline of the earliest member that has one, else the start of its first line.';
COMMENT ON COLUMN stories.first_seen IS 'Earliest publication date among the members; NULL when no member is dated.';
COMMENT ON COLUMN stories.last_seen IS 'Latest publication date among the members; NULL when no member is dated.';
COMMENT ON COLUMN stories.n_documents IS 'Canonical member documents (duplicates not counted).';
COMMENT ON COLUMN stories.n_publishers IS 'Distinct known publishers of the members (case-insensitive); a member with no known publisher is not counted as one.';
COMMENT ON COLUMN stories.anchor_doc_id IS 'Earliest ingested member; the story id derives from it.';
