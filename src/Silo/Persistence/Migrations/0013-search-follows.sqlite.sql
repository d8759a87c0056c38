-- The search index follows the store (docs/ARCHITECTURE.md, "Search"). Posts and cases no longer get their
-- search rows in the transaction that writes them: that put an FTS5 insert per row, and an FTS5 segment per
-- commit, on the one writer behind every chunk of ingestion. The catch-up (SqliteSearchIndex) indexes the rows
-- past a mark kept here, in transactions of hundreds of rows, a few times a second and before every search.
-- Posts and cases are never deleted and SQLite's rowid of a new row is one above the largest, so on the one
-- writer the rows past the mark are exactly the rows not yet indexed. A change of a case's text or reply is
-- still marked by cases_search_au (step 6). Runs on a new database too (after step 6), so it is idempotent.
CREATE TABLE IF NOT EXISTS search_progress (
    source TEXT PRIMARY KEY,
    last_rowid INTEGER NOT NULL
);
-- Every row stored so far has its search row (made by the triggers dropped below).
INSERT OR IGNORE INTO search_progress (source, last_rowid) SELECT 'posts', coalesce(max(rowid), 0) FROM posts;
INSERT OR IGNORE INTO search_progress (source, last_rowid) SELECT 'cases', coalesce(max(rowid), 0) FROM cases;
DROP TRIGGER IF EXISTS posts_search_ai;
DROP TRIGGER IF EXISTS cases_search_ai;
