-- Full-text search (docs/ARCHITECTURE.md, "Search"). Not part of the EF model: this step also runs on a
-- new database, so every statement is idempotent.
-- search_docs: one row per post and per case with its search tokens (space-joined); search_fts is an
-- external-content FTS5 index over it (unicode61 splits on the spaces), kept in step by triggers in the
-- writing transaction. The integer primary key gives FTS5 stable rowids.
-- version < source_version marks a row whose tokens the segmenter has yet to (re)make: triggers on posts
-- and cases set source_version in the transaction that writes the text, so no change can be missed; the
-- catch-up (SqlSearchIndex.CatchUpAsync, run before every search) finds such rows by the partial index.
CREATE TABLE IF NOT EXISTS search_docs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    tokens TEXT NOT NULL,
    version INTEGER NOT NULL,
    source_version INTEGER NOT NULL,
    UNIQUE (kind, source_id)
);
CREATE INDEX IF NOT EXISTS ix_search_docs_stale ON search_docs (id) WHERE version < source_version;
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(tokens, content='search_docs', content_rowid='id');
CREATE TRIGGER IF NOT EXISTS search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, tokens) VALUES (new.id, new.tokens);
END;
CREATE TRIGGER IF NOT EXISTS search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
END;
CREATE TRIGGER IF NOT EXISTS search_docs_au AFTER UPDATE OF tokens ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
    INSERT INTO search_fts (rowid, tokens) VALUES (new.id, new.tokens);
END;
-- A post is searchable by its stored tokens once acknowledged; the catch-up adds the sub-words.
CREATE TRIGGER IF NOT EXISTS posts_search_ai AFTER INSERT ON posts BEGIN
    INSERT OR IGNORE INTO search_docs (kind, source_id, tokens, version, source_version) VALUES ('post', new."Key", new."Tokens", 0, 1);
END;
CREATE TRIGGER IF NOT EXISTS cases_search_ai AFTER INSERT ON cases BEGIN
    INSERT OR IGNORE INTO search_docs (kind, source_id, tokens, version, source_version) VALUES ('case', new."Id", '', 0, new."Version");
    UPDATE search_docs SET source_version = new."Version" WHERE kind = 'case' AND source_id = new."Id" AND source_version < new."Version";
END;
CREATE TRIGGER IF NOT EXISTS cases_search_au AFTER UPDATE OF "Text", "PublicReply" ON cases
WHEN old."Text" IS NOT new."Text" OR old."PublicReply" IS NOT new."PublicReply" BEGIN
    INSERT OR IGNORE INTO search_docs (kind, source_id, tokens, version, source_version) VALUES ('case', new."Id", '', 0, new."Version");
    UPDATE search_docs SET source_version = new."Version" WHERE kind = 'case' AND source_id = new."Id" AND source_version < new."Version";
END;
INSERT OR IGNORE INTO search_docs (kind, source_id, tokens, version, source_version) SELECT 'post', "Key", "Tokens", 0, 1 FROM posts;
INSERT OR IGNORE INTO search_docs (kind, source_id, tokens, version, source_version) SELECT 'case', "Id", '', 0, "Version" FROM cases;
