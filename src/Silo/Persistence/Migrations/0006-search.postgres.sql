-- Full-text search (docs/ARCHITECTURE.md, "Search"). Not part of the EF model: this step also runs on a
-- new database, so every statement is idempotent.
-- search_docs: one row per post and per case with its search tokens (space-joined); the 'simple'
-- configuration only lower-cases them, and a GIN index over the generated tsvector serves @@.
-- version < source_version marks a row whose tokens the segmenter has yet to (re)make: triggers on posts
-- and cases set source_version in the transaction that writes the text, so no change can be missed; the
-- catch-up (SqlSearchIndex.CatchUpAsync, run before every search) finds such rows by the partial index.
CREATE TABLE IF NOT EXISTS search_docs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind character varying(8) NOT NULL,
    source_id character varying(192) NOT NULL,
    tokens text NOT NULL,
    version bigint NOT NULL,
    source_version bigint NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tokens)) STORED,
    CONSTRAINT uq_search_docs_kind_source UNIQUE (kind, source_id)
);
CREATE INDEX IF NOT EXISTS ix_search_docs_vector ON search_docs USING GIN (search_vector);
CREATE INDEX IF NOT EXISTS ix_search_docs_stale ON search_docs (id) WHERE version < source_version;
-- A post is searchable by its stored tokens once acknowledged; the catch-up adds the sub-words.
CREATE OR REPLACE FUNCTION search_index_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_docs (kind, source_id, tokens, version, source_version) VALUES ('post', NEW."Key", NEW."Tokens", 0, 1) ON CONFLICT DO NOTHING;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER posts_search_ai AFTER INSERT ON posts FOR EACH ROW EXECUTE FUNCTION search_index_post();
CREATE OR REPLACE FUNCTION search_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_docs (kind, source_id, tokens, version, source_version) VALUES ('case', NEW."Id", '', 0, NEW."Version")
    ON CONFLICT (kind, source_id) DO UPDATE SET source_version = EXCLUDED.source_version WHERE search_docs.source_version < EXCLUDED.source_version;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER cases_search_ai AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION search_mark_case();
CREATE OR REPLACE TRIGGER cases_search_au AFTER UPDATE OF "Text", "PublicReply" ON cases FOR EACH ROW
WHEN (OLD."Text" IS DISTINCT FROM NEW."Text" OR OLD."PublicReply" IS DISTINCT FROM NEW."PublicReply") EXECUTE FUNCTION search_mark_case();
INSERT INTO search_docs (kind, source_id, tokens, version, source_version) SELECT 'post', "Key", "Tokens", 0, 1 FROM posts ON CONFLICT DO NOTHING;
INSERT INTO search_docs (kind, source_id, tokens, version, source_version) SELECT 'case', "Id", '', 0, "Version" FROM cases ON CONFLICT DO NOTHING;
