-- The search index moves to a file of its own and follows the store (docs/ARCHITECTURE.md, "Search";
-- Search/SqliteSearchFile.cs). Posts and cases no longer get their search rows in the transaction that writes
-- them: that put an FTS5 insert per row, and an FTS5 segment flush and merge per commit, on the one writer behind
-- every chunk of ingestion. The catch-up indexes the rows past a rowid mark kept in the index file, on a connection
-- and write lock of its own; the index file starts empty, so the first catch-up after this step indexes every post
-- and case again. A change of a case's text or reply is marked here, in the writing transaction, for the catch-up
-- to remake. Runs on a new database too (after step 6), so it is idempotent.
DROP TRIGGER IF EXISTS posts_search_ai;
DROP TRIGGER IF EXISTS cases_search_ai;
DROP TRIGGER IF EXISTS cases_search_au;
DROP TRIGGER IF EXISTS search_docs_ai;
DROP TRIGGER IF EXISTS search_docs_ad;
DROP TRIGGER IF EXISTS search_docs_au;
DROP TABLE IF EXISTS search_fts;
DROP TABLE IF EXISTS search_docs;
CREATE TABLE IF NOT EXISTS search_stale_cases (
    "CaseId" TEXT NOT NULL PRIMARY KEY,
    "Version" INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS cases_search_stale AFTER UPDATE OF "Text", "PublicReply" ON cases
WHEN old."Text" IS NOT new."Text" OR old."PublicReply" IS NOT new."PublicReply" BEGIN
    INSERT INTO search_stale_cases ("CaseId", "Version") VALUES (new."Id", new."Version")
    ON CONFLICT ("CaseId") DO UPDATE SET "Version" = excluded."Version" WHERE excluded."Version" > search_stale_cases."Version";
END;
