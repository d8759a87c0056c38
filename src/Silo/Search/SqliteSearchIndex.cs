using System.Text;
using System.Text.Json;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Search;

/// <summary>
/// SQLite: FTS5 (search_fts, external content over search_docs, unicode61 over the space-joined tokens),
/// ranked by bm25. Each query token is a quoted FTS5 string, so no user input is read as FTS5 syntax.
/// <para>
/// The index follows the store (migration 0013): posts and cases are written without search rows, and the catch-up
/// indexes the rows past the mark in search_progress, a few hundred per write, moving the mark in the same
/// transaction. Ingestion's chunk writes thus carry no FTS5 work, and FTS5 gets a few large commits a second instead
/// of a small segment per chunk. Every search catches up first, so what was stored before a search is found by it.
/// </para>
/// </summary>
public sealed class SqliteSearchIndex(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer) : SqlSearchIndex(contexts, writer)
{
    // The stored rows that get a search row each, and how their document is read: a post by its text, a case by its
    // complaint and public reply, at the version read (a later change of either is marked stale by cases_search_au).
    private static readonly (string Source, string Kind, string Select)[] Sources =
    [
        ("posts", "post", "SELECT rowid, \"Key\", \"Text\", NULL, 1 FROM posts"),
        ("cases", "case", "SELECT rowid, \"Id\", \"Text\", \"PublicReply\", \"Version\" FROM cases"),
    ];

    private protected override async Task<int> IndexNewRowsAsync(CancellationToken cancellationToken)
    {
        var indexed = 0;
        foreach (var source in Sources)
        {
            int batch;
            do
            {
                batch = await IndexNewBatchAsync(source, cancellationToken);
                indexed += batch;
            }
            while (batch == CatchUpBatch);
        }
        return indexed;
    }

    private async Task<int> IndexNewBatchAsync((string Source, string Kind, string Select) source, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, string? Text, string? Reply, long Version)>(CatchUpBatch);
        long last = 0;
        await using (var db = await Contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            // Rows are never deleted and a new rowid is one above the largest: past the mark is exactly what is not indexed.
            command.CommandText = $"{source.Select} WHERE rowid > (SELECT last_rowid FROM search_progress WHERE source = '{source.Source}') " +
                                  $"ORDER BY rowid LIMIT {CatchUpBatch}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                last = reader.GetInt64(0);
                rows.Add((reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4)));
            }
        }
        if (rows.Count == 0) return 0;

        // Segmented here, outside the writer; the write is safe to run twice (INSERT OR IGNORE, and the mark only moves up).
        var documents = rows.Select(r => (r.Id, Tokens: DocumentTokens(r.Text, r.Reply), r.Version)).ToList();
        await Writer.WriteAsync(rows: documents.Count, async (context, token) =>
        {
            var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(token) : null;
            await using (own)
            {
                // A row already there was made by cases_search_au (the text changed before this catch-up): the stale
                // pass that follows remakes it.
                var insert = RowStatement.For(context,
                    "INSERT OR IGNORE INTO search_docs (kind, source_id, tokens, version, source_version) VALUES (@kind, @id, @tokens, @version, @source_version)",
                    ["@kind", "@id", "@tokens", "@version", "@source_version"]);
                await using (insert)
                {
                    foreach (var (id, tokens, version) in documents)
                    {
                        insert.Set(0, source.Kind);
                        insert.Set(1, id);
                        insert.Set(2, tokens);
                        insert.Set(3, version);
                        insert.Set(4, version);
                        await insert.ExecuteAsync(token);
                    }
                }
                var mark = RowStatement.For(context, "UPDATE search_progress SET last_rowid = @last WHERE source = @source AND last_rowid < @last", ["@last", "@source"]);
                await using (mark)
                {
                    mark.Set(0, last);
                    mark.Set(1, source.Source);
                    await mark.ExecuteAsync(token);
                }
                if (own is not null) await own.CommitAsync(token);
            }
            return documents.Count;
        }, cancellationToken);
        return rows.Count;
    }

    private protected override (string From, string Where, string Score) Match(SearchQuery query, SqlParameters parameters) =>
        ("search_fts JOIN search_docs d ON d.id = search_fts.rowid",
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
