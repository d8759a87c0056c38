using System.Text;
using System.Text.Json;
using CityMatrix.Silo.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Search;

/// <summary>
/// SQLite: FTS5 (search_fts, external content over search_docs, unicode61 over the space-joined tokens),
/// ranked by bm25. Each query token is a quoted FTS5 string, so no user input is read as FTS5 syntax.
/// <para>
/// The index is a file of its own (<see cref="SqliteSearchFile"/>), attached to the store's connection for a search,
/// and it follows the store (migration 13): posts and cases are written without search rows, and the catch-up
/// indexes the rows past the mark kept in the index file, up to 2,000 per transaction there, moving the mark in the same
/// transaction. A change of a case's text or reply is marked in the store (search_stale_cases, by a trigger in the
/// writing transaction) and remade by the same catch-up. Ingestion's writes thus carry no FTS5 work, and FTS5's work
/// is done on a connection and under a write lock of its own. Every search catches up first, so what was stored
/// before a search is found by it.
/// </para>
/// </summary>
public sealed class SqliteSearchIndex(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer, SqliteSearchFile file)
    : SqlSearchIndex(contexts, writer), IAsyncDisposable, IDisposable
{
    // The stored rows that get a search row each, and how their document is read: a post by its text, a case by its
    // complaint and public reply, at the version read (a later change of either is marked in search_stale_cases).
    private static readonly (string Source, string Kind, string Select)[] Sources =
    [
        ("posts", "post", "SELECT rowid, \"Key\", \"Text\", NULL, 1 FROM posts"),
        ("cases", "case", "SELECT rowid, \"Id\", \"Text\", \"PublicReply\", \"Version\" FROM cases"),
    ];

    /// <summary>
    /// New rows indexed per transaction of the index file. Each commit flushes FTS5's pending terms as a new segment, and
    /// segments are merged as they pile up: under ingestion (thousands of rows a second) those flushes and merges were a
    /// tenth of the server's CPU at 500 rows a commit. The file has no other writer to keep waiting, and a search waits
    /// at most for one such round (what it catches up first).
    /// </summary>
    private const int NewRowsPerTransaction = 2000;

    /// <summary>A quarter second: the catch-up is what indexes ingested posts here, and FTS5 then gets a few commits of
    /// hundreds of rows a second, while a search under load has little to do first.</summary>
    public override TimeSpan CatchUpInterval => TimeSpan.FromMilliseconds(250);

    private protected override Task PrepareAsync(CityMatrixDbContext db, CancellationToken cancellationToken) =>
        file.AttachAsync(db.Database.GetDbConnection(), cancellationToken);

    private protected override async Task<int> CatchUpInTurnAsync(CancellationToken cancellationToken)
    {
        var search = await file.WriteConnectionAsync(cancellationToken);
        var indexed = 0;
        // New rows first: a case both new and changed is then remade by the second pass, which replaces its row.
        foreach (var source in Sources) indexed += await WhileFullAsync(() => IndexNewBatchAsync(search, source, cancellationToken), NewRowsPerTransaction);
        return indexed + await WhileFullAsync(() => RemakeStaleCasesAsync(search, cancellationToken));
    }

    private async Task<int> IndexNewBatchAsync(SqliteConnection search, (string Source, string Kind, string Select) source, CancellationToken cancellationToken)
    {
        long mark;
        await using (var read = search.CreateCommand())
        {
            read.CommandText = $"SELECT last_rowid FROM search_progress WHERE source = '{source.Source}'";
            mark = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken));
        }
        // Rows are never deleted and a new rowid is one above the largest: past the mark is exactly what is not indexed.
        var rows = await ReadDocumentsAsync($"{source.Select} WHERE rowid > {mark} ORDER BY rowid LIMIT {NewRowsPerTransaction}", cancellationToken);
        if (rows.Count == 0) return 0;

        // Segmented here, outside the transaction. A row already there (another process indexed it, or the stale pass
        // remade it) is left: INSERT OR IGNORE, and the mark only moves up.
        var documents = rows.Select(r => (r.Id, Tokens: DocumentTokens(r.Text, r.Reply), r.Version)).ToList();
        await using var transaction = (SqliteTransaction)await search.BeginTransactionAsync(cancellationToken);
        await using (var insert = search.CreateCommand())
        {
            insert.CommandText = "INSERT OR IGNORE INTO search_docs (kind, source_id, tokens, version) VALUES ($kind, $id, $tokens, $version)";
            await WriteDocumentsAsync(insert, source.Kind, documents, cancellationToken);
        }
        await using (var update = search.CreateCommand())
        {
            update.CommandText = "UPDATE search_progress SET last_rowid = $last WHERE source = $source AND last_rowid < $last";
            update.Parameters.AddWithValue("$last", rows[^1].RowId);
            update.Parameters.AddWithValue("$source", source.Source);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>The cases whose text or reply changed: their rows remade in the index, then their marks taken off the store
    /// (only where the mark is not newer than the version indexed, so a change racing this round stays marked).</summary>
    private async Task<int> RemakeStaleCasesAsync(SqliteConnection search, CancellationToken cancellationToken)
    {
        var rows = await ReadDocumentsAsync(
            "SELECT c.rowid, c.\"Id\", c.\"Text\", c.\"PublicReply\", c.\"Version\" FROM search_stale_cases s JOIN cases c ON c.\"Id\" = s.\"CaseId\" " +
            $"ORDER BY s.\"CaseId\" LIMIT {CatchUpBatch}", cancellationToken);
        if (rows.Count == 0) return 0;

        var documents = rows.Select(r => (r.Id, Tokens: DocumentTokens(r.Text, r.Reply), r.Version)).ToList();
        await using (var transaction = (SqliteTransaction)await search.BeginTransactionAsync(cancellationToken))
        {
            await using var upsert = search.CreateCommand();
            upsert.CommandText = "INSERT INTO search_docs (kind, source_id, tokens, version) VALUES ($kind, $id, $tokens, $version) " +
                                 "ON CONFLICT (kind, source_id) DO UPDATE SET tokens = excluded.tokens, version = excluded.version WHERE excluded.version > search_docs.version";
            await WriteDocumentsAsync(upsert, "case", documents, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await Writer.WriteAsync(rows: documents.Count, async (context, token) =>
        {
            var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(token) : null;
            await using (own)
            {
                await using var delete = RowStatement.For(context, "DELETE FROM search_stale_cases WHERE \"CaseId\" = @id AND \"Version\" <= @version", ["@id", "@version"]);
                foreach (var (id, _, version) in documents)
                {
                    delete.Set(0, id);
                    delete.Set(1, version);
                    await delete.ExecuteAsync(token);
                }
                if (own is not null) await own.CommitAsync(token);
            }
            return documents.Count;
        }, cancellationToken);
        return rows.Count;
    }

    private async Task<List<(long RowId, string Id, string? Text, string? Reply, long Version)>> ReadDocumentsAsync(string sql, CancellationToken cancellationToken)
    {
        var rows = new List<(long RowId, string Id, string? Text, string? Reply, long Version)>();
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4)));
        return rows;
    }

    /// <summary>One compiled statement for every row (Microsoft.Data.Sqlite keeps it prepared across runs).</summary>
    private static async Task WriteDocumentsAsync(SqliteCommand command, string kind, List<(string Id, string Tokens, long Version)> documents, CancellationToken cancellationToken)
    {
        var (kindAt, idAt, tokensAt, versionAt) = (command.Parameters.Add("$kind", SqliteType.Text), command.Parameters.Add("$id", SqliteType.Text),
            command.Parameters.Add("$tokens", SqliteType.Text), command.Parameters.Add("$version", SqliteType.Integer));
        kindAt.Value = kind;
        foreach (var (id, tokens, version) in documents)
        {
            idAt.Value = id;
            tokensAt.Value = tokens;
            versionAt.Value = version;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => file.DisposeAsync();

    public void Dispose() => file.Dispose();

    private protected override (string From, string Where, string Score) Match(SearchQuery query, SqlParameters parameters) =>
        ($"{SqliteSearchFile.Schema}.search_fts JOIN {SqliteSearchFile.Schema}.search_docs d ON d.id = search_fts.rowid",
         $"search_fts MATCH {parameters.Add(ToFts5(query))}",
         "-bm25(search_fts)");

    /// <summary>(a AND b AND "c d") OR (e): each clause token quoted, a phrase as one quoted string.</summary>
    public static string ToFts5(SearchQuery query)
    {
        var fts = new StringBuilder();
        foreach (var alternative in query.Alternatives)
        {
            if (fts.Length > 0) fts.Append(" OR ");
            var parts = alternative.SelectMany(clause => clause.IsPhrase ? [Quote(string.Join(' ', clause.Tokens))] : clause.Tokens.Select(Quote));
            fts.Append('(').AppendJoin(" AND ", parts).Append(')');
        }
        return fts.ToString();
    }

    private static string Quote(string token) => "\"" + token.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private protected override string InSet(string expression, IReadOnlyCollection<string> values, SqlParameters parameters) =>
        $"{expression} IN (SELECT value FROM json_each({parameters.Add(JsonSerializer.Serialize(values))}))";

    private protected override object TimeValue(DateTimeOffset at) => at.UtcTicks;
}
