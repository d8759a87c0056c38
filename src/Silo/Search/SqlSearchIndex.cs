using System.Data.Common;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityMatrix.Silo.Search;

/// <summary>
/// The search shared by both databases. search_docs holds the tokens only; every attribute a filter or a
/// facet needs (category, state, holder, region, time) is read from the live posts and cases rows in the
/// same query, so those are never stale. A post's state and holder are its case's.
/// Subclasses supply the full-text match and rank (FTS5 bm25 or tsvector ts_rank) and value encodings.
/// </summary>
public abstract class SqlSearchIndex(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer) : ISearchIndex
{
    private protected const int CatchUpBatch = 500;

    // Derived columns of a hit: a case's own values, or a post's (its state and holder from its case).
    private const string Joins =
        "LEFT JOIN posts p ON d.kind = 'post' AND p.\"Key\" = d.source_id " +
        "LEFT JOIN cases c ON c.\"Id\" = (CASE WHEN d.kind = 'case' THEN d.source_id ELSE p.\"CaseId\" END)";
    private const string Exists = "(p.\"Key\" IS NOT NULL OR (d.kind = 'case' AND c.\"Id\" IS NOT NULL))";
    private const string Category = "(CASE WHEN d.kind = 'case' THEN c.\"Category\" ELSE p.\"Category\" END)";
    private const string Topic = "(CASE WHEN d.kind = 'case' THEN c.\"Topic\" ELSE p.\"Topic\" END)";
    private const string Region = "(CASE WHEN d.kind = 'case' THEN c.\"RegionCode\" ELSE p.\"RegionCode\" END)";
    // Region codes: 4-digit city, 6-digit district, 9-digit street, 12-digit community.
    private const string District = "(CASE WHEN length(" + Region + ") >= 6 THEN substr(" + Region + ", 1, 6) END)";
    private const string At = "(CASE WHEN d.kind = 'case' THEN c.\"ReceivedAt\" ELSE p.\"ReceivedAt\" END)";
    private const string Text = "(CASE WHEN d.kind = 'case' THEN c.\"Text\" ELSE p.\"Text\" END)";
    private const string Reply = "(CASE WHEN d.kind = 'case' THEN c.\"PublicReply\" END)";

    // Catch-up runs one at a time per process; a second process doing the same is harmless (the upsert
    // only ever moves a row to a newer case version).
    private readonly SemaphoreSlim _catchUp = new(1, 1);

    /// <summary>Every few seconds: a round here (PostgreSQL) only adds the sub-words to rows the triggers wrote with the
    /// stored tokens, and larger rounds put their updates in fewer transactions.</summary>
    public virtual TimeSpan CatchUpInterval => TimeSpan.FromSeconds(5);

    private protected IDbContextFactory<CityMatrixDbContext> Contexts => contexts;

    private protected IStorageWriter Writer => writer;

    /// <summary>Makes the index tables visible on a connection of the database before a search (SQLite attaches its file).</summary>
    private protected virtual Task PrepareAsync(CityMatrixDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The FROM clause binding alias d to search_docs, the match condition, and the relevance (higher is better).</summary>
    private protected abstract (string From, string Where, string Score) Match(SearchQuery query, SqlParameters parameters);

    /// <summary>"expression IN the set" with the set passed as one parameter.</summary>
    private protected abstract string InSet(string expression, IReadOnlyCollection<string> values, SqlParameters parameters);

    /// <summary>A time as the provider stores it (SQLite: UTC ticks; PostgreSQL: timestamptz).</summary>
    private protected abstract object TimeValue(DateTimeOffset at);

    public async Task<SearchResults> SearchAsync(SearchRequest request, SearchScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        // Read-your-writes: a reply written before this search is found by it.
        await CatchUpAsync(cancellationToken);

        var parameters = new SqlParameters();
        var (from, match, score) = Match(request.Query, parameters);
        var where = string.Join(" AND ", Conditions(request, scope, parameters).Prepend(Exists).Prepend(match));
        var body = $"FROM {from} {Joins} WHERE {where}";

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await PrepareAsync(db, cancellationToken);
        var facets = new FacetCounter();
        await using (var command = CreateCommand(db, $"SELECT {Category}, {Topic}, c.\"Status\", {District}, count(*) {body} GROUP BY 1, 2, 3, 4", parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                facets.Add(String(reader, 0), String(reader, 1), String(reader, 2), String(reader, 3), Convert.ToInt32(reader.GetValue(4)));
        }

        var items = new List<SearchHit>();
        if (facets.Total > request.Offset)
        {
            var limit = parameters.Add(request.Limit);
            var offset = parameters.Add(request.Offset);
            var page = $"SELECT d.kind, d.source_id, c.\"Id\", c.\"Status\", {Category}, {Topic}, {Region}, {At}, {score}, {Text}, {Reply} " +
                       $"{body} ORDER BY 9 DESC, 8 DESC, d.id DESC LIMIT {limit} OFFSET {offset}";
            await using var command = CreateCommand(db, page, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) items.Add(ReadHit(reader, request.Query));
        }
        return new SearchResults(facets.Total, items, facets.ToFacets());
    }

    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _catchUp.WaitAsync(cancellationToken);
        try
        {
            return await CatchUpInTurnAsync(cancellationToken);
        }
        finally
        {
            _catchUp.Release();
        }
    }

    /// <summary>The catch-up, one at a time per process: here (PostgreSQL) the rows the triggers marked stale.</summary>
    private protected virtual Task<int> CatchUpInTurnAsync(CancellationToken cancellationToken) =>
        WhileFullAsync(() => CatchUpBatchAsync(cancellationToken));

    /// <summary>Runs <paramref name="batch"/> again while it does a full batch; returns how many it did in all.</summary>
    private protected static async Task<int> WhileFullAsync(Func<Task<int>> batch, int size = CatchUpBatch)
    {
        var done = 0;
        int last;
        do
        {
            last = await batch();
            done += last;
        }
        while (last == size);
        return done;
    }

    private async Task<int> CatchUpBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var stale = new List<(long Id, string? Text, string? Reply, long Version)>();
        var parameters = new SqlParameters();
        // The text and the version it belongs to are read in one statement: a later write raises
        // source_version above what is written here, and the row stays stale for the next round.
        var select = $"SELECT d.id, {Text}, {Reply}, CASE WHEN d.kind = 'case' THEN c.\"Version\" ELSE d.source_version END " +
                     "FROM search_docs d LEFT JOIN posts p ON d.kind = 'post' AND p.\"Key\" = d.source_id " +
                     "LEFT JOIN cases c ON d.kind = 'case' AND c.\"Id\" = d.source_id " +
                     $"WHERE d.version < d.source_version ORDER BY d.id LIMIT {parameters.Add(CatchUpBatch)}";
        await using (var command = CreateCommand(db, select, parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                stale.Add((Convert.ToInt64(reader.GetValue(0)), String(reader, 1), String(reader, 2), reader.IsDBNull(3) ? long.MaxValue : Convert.ToInt64(reader.GetValue(3))));
        }
        if (stale.Count == 0) return 0;

        // Segment outside the transaction: the write lock is held only for the updates. A row whose post
        // or case is gone gets no tokens and the largest version, so it is never picked up again.
        var rows = stale.Select(s => (s.Id, Tokens: DocumentTokens(s.Text, s.Reply), s.Version)).ToList();
        // Through the storage writer: on SQLite the group-commit writer, so the updates queue with ingestion's writes
        // (a large batch in a transaction of its own, a small one in a shared one) instead of taking the one write lock
        // away from ingestion. One command, compiled once, for every row.
        await writer.WriteAsync(rows: rows.Count, async (context, token) =>
        {
            var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(token) : null;
            await using (own)
            {
                var update = new SqlParameters();
                var (tokensAt, versionAt, idAt) = (update.Add(""), update.Add(0L), update.Add(0L));
                await using var command = CreateCommand(context, $"UPDATE search_docs SET tokens = {tokensAt}, version = {versionAt} WHERE id = {idAt} AND version < {versionAt}", update);
                foreach (var (id, tokens, version) in rows)
                {
                    command.Parameters[0].Value = tokens;
                    command.Parameters[1].Value = version;
                    command.Parameters[2].Value = id;
                    await command.ExecuteNonQueryAsync(token);
                }
                if (own is not null) await own.CommitAsync(token);
            }
            return rows.Count;
        }, cancellationToken);
        return rows.Count;
    }

    /// <summary>A post by its text; a case by its complaint and its public reply.</summary>
    private protected static string DocumentTokens(string? text, string? reply) =>
        string.IsNullOrEmpty(reply) ? SearchTokens.Of(text) : SearchTokens.Of(text) + " " + SearchTokens.Of(reply);

    private IEnumerable<string> Conditions(SearchRequest request, SearchScope scope, SqlParameters parameters)
    {
        if (request.Kind is { } kind) yield return $"d.kind = {parameters.Add(KindName(kind))}";
        if (request.States is { Count: > 0 } states) yield return InSet("c.\"Status\"", states.Select(s => s.ToString()).ToList(), parameters);
        if (request.AccountIds is { } accounts) yield return InSet("c.\"AccountId\"", accounts, parameters);
        if (request.RegionPrefix is { } region) yield return $"{Region} LIKE {parameters.Add(region + "%")}";
        if (request.Category is { } category) yield return $"{Category} = {parameters.Add(category)}";
        if (request.Topic is { } topic) yield return $"{Topic} = {parameters.Add(topic)}";
        if (request.From is { } from) yield return $"{At} >= {parameters.Add(TimeValue(from))}";
        if (request.To is { } to) yield return $"{At} < {parameters.Add(TimeValue(to))}";
        if (ScopeCondition(scope, parameters) is { } visible) yield return visible;
    }

    /// <summary>The case-access rule (src/Api/Security/CaseAccess.cs) as SQL over the hit's case.</summary>
    private string? ScopeCondition(SearchScope scope, SqlParameters parameters)
    {
        if (scope.Everything) return null;
        if (scope.CitizenId is { } citizen) return $"c.\"CitizenId\" = {parameters.Add(citizen)}";
        if (scope.SupervisedHolders is null) return null; // supervises every account: every case, every post
        var mine = scope.InvolvedAccounts;
        var involved = string.Join(" OR ",
            InSet("c.\"AccountId\"", scope.SupervisedHolders, parameters),
            InSet("c.\"AccountId\"", mine, parameters),
            InSet("c.\"AnswerableAccountId\"", mine, parameters),
            InSet("c.\"FirstReceiverId\"", mine, parameters),
            InSet("c.\"ReceivedById\"", mine, parameters),
            "EXISTS (SELECT 1 FROM case_events e WHERE e.\"CaseId\" = c.\"Id\" AND (" +
            InSet("e.\"ActorAccountId\"", mine, parameters) + " OR " + InSet("e.\"TargetAccountId\"", mine, parameters) + "))");
        // A post that belongs to no case is public data.
        return $"(c.\"Id\" IS NULL OR {involved})";
    }

    private static SearchHit ReadHit(DbDataReader reader, SearchQuery query)
    {
        var kind = reader.GetString(0) == "case" ? SearchKind.Case : SearchKind.Post;
        var reply = String(reader, 10);
        return new SearchHit(
            kind,
            reader.GetString(1),
            SearchHighlighter.Snippet(String(reader, 9) ?? "", query.Terms),
            reply is null ? null : SearchHighlighter.Snippet(reply, query.Terms),
            String(reader, 2),
            String(reader, 3) is { } state ? Enum.Parse<CaseStatus>(state) : null,
            String(reader, 4),
            String(reader, 5),
            String(reader, 6),
            TimeOf(reader.GetValue(7)),
            Convert.ToDouble(reader.GetValue(8)));
    }

    public static string KindName(SearchKind kind) => kind == SearchKind.Case ? "case" : "post";

    private static string? String(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset TimeOf(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset at => at,
        _ => throw new InvalidOperationException($"Unexpected time value {value.GetType()}."),
    };

    private static DbCommand CreateCommand(CityMatrixDbContext db, string sql, SqlParameters parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters.Values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
