using System.Data.Common;
using CityMatrix.Silo.Persistence;
using Microsoft.Data.Sqlite;

namespace CityMatrix.Silo.Search;

/// <summary>
/// The SQLite search index's own database file (citymatrix-search.db beside citymatrix.db): search_docs, its FTS5
/// table search_fts, and search_progress, the rowid of the last post and case indexed. It is derived data: deleted,
/// it is rebuilt from the posts and cases by the next catch-up. A file of its own gives FTS5's inserts, segment
/// flushes and merges a connection and a write lock of their own, so they never stop the one writer of the store.
/// <para>
/// Concurrency: <see cref="WriteConnectionAsync"/> is for the catch-up only, which runs one at a time per process;
/// another process writes through its own connection under SQLite's file lock (busy timeout as the store's).
/// </para>
/// </summary>
public sealed class SqliteSearchFile(string path) : IAsyncDisposable, IDisposable
{
    /// <summary>The schema name the file is attached under on the store's connections.</summary>
    public const string Schema = "search";

    // Idempotent: every process runs it when it first opens the file.
    private const string CreateSql = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS search_docs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            source_id TEXT NOT NULL,
            tokens TEXT NOT NULL,
            version INTEGER NOT NULL,
            UNIQUE (kind, source_id)
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(tokens, content='search_docs', content_rowid='id');
        -- Segments merged 8 at a time, not FTS5's 4: under ingestion the index is rewritten by fewer merges (a search
        -- reads a few more segments).
        INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 8);
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
        CREATE TABLE IF NOT EXISTS search_progress (source TEXT PRIMARY KEY, last_rowid INTEGER NOT NULL);
        INSERT OR IGNORE INTO search_progress (source, last_rowid) VALUES ('posts', 0), ('cases', 0);
        """;

    private readonly SemaphoreSlim _opening = new(1, 1);
    private SqliteConnection? _writer;

    public string Path { get; } = path;

    /// <summary>The connection the catch-up writes through, opened (and the schema made) on first use.</summary>
    public async Task<SqliteConnection> WriteConnectionAsync(CancellationToken cancellationToken)
    {
        if (_writer is { } open) return open;
        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_writer is not null) return _writer;
            // Not pooled: one long-lived connection. NORMAL: a power cut may lose the last commits, and with them the
            // mark that covers them (same transaction), so the next catch-up indexes those rows again.
            var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
            await connection.OpenAsync(cancellationToken);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"{SqliteBusyWait.Pragma} PRAGMA synchronous=NORMAL; {SqliteTempStore.Pragma} {CreateSql}";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return _writer = connection;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>Attaches the file as <see cref="Schema"/> to a connection of the store, unless it already is (pooled
    /// connections keep what was attached). The schema exists once the catch-up has opened the file.</summary>
    public async Task AttachAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pragma_database_list WHERE name = '{Schema}'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0) return;
        command.CommandText = $"ATTACH DATABASE $path AS {Schema}";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$path";
        parameter.Value = Path;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        _opening.Dispose();
    }

    // A container disposed synchronously refuses a singleton that is only IAsyncDisposable.
    public void Dispose()
    {
        _writer?.Dispose();
        _opening.Dispose();
    }
}
