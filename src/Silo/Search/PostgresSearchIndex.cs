using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Search;

/// <summary>
/// PostgreSQL: search_docs.search_vector (to_tsvector('simple', tokens), generated, GIN-indexed), ranked
/// by ts_rank. Query tokens go in as parameters of plainto_tsquery / phraseto_tsquery, which parse them the
/// way to_tsvector parsed the indexed tokens.
/// </summary>
public sealed class PostgresSearchIndex(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer) : SqlSearchIndex(contexts, writer)
{
    private protected override (string From, string Where, string Score) Match(SearchQuery query, SqlParameters parameters)
    {
        var alternatives = query.Alternatives.Select(alternative => "(" + string.Join(" && ", alternative.Select(clause =>
            $"{(clause.IsPhrase ? "phraseto_tsquery" : "plainto_tsquery")}('simple'::regconfig, {parameters.Add(string.Join(' ', clause.Tokens))})")) + ")");
        var tsquery = "(" + string.Join(" || ", alternatives) + ")";
        return ("search_docs d", $"d.search_vector @@ {tsquery}", $"ts_rank(d.search_vector, {tsquery})");
    }

    private protected override string InSet(string expression, IReadOnlyCollection<string> values, SqlParameters parameters) =>
        $"{expression} = ANY({parameters.Add(values.ToArray())})";

    private protected override object TimeValue(DateTimeOffset at) => at.ToUniversalTime();
}
