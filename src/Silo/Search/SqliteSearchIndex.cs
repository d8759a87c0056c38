using System.Text;
using System.Text.Json;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Search;

/// <summary>
/// SQLite: FTS5 (search_fts, external content over search_docs, unicode61 over the space-joined tokens),
/// ranked by bm25. Each query token is a quoted FTS5 string, so no user input is read as FTS5 syntax.
/// </summary>
public sealed class SqliteSearchIndex(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer) : SqlSearchIndex(contexts, writer)
{
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
