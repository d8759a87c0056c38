using System.Collections.Concurrent;
using System.Data.Common;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityMatrix.Silo.Cases;

/// <summary>Read-side questions answered from the cases table (grains answer per-case questions).</summary>
public sealed class CaseQueries(IDbContextFactory<CityMatrixDbContext> contexts)
{
    private static readonly CaseStatus[] Finished = [CaseStatus.Closed, CaseStatus.Rated, CaseStatus.Merged];

    public async Task<IReadOnlyList<string>> OpenCaseIdsHeldByAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AsNoTracking()
            .Where(c => c.AccountId == accountId && !Finished.Contains(c.Status))
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The citizen's most recent open case on this topic (or category, when there is no topic) since <paramref name="since"/>.</summary>
    public async Task<CaseState?> OpenCaseOfCitizenAsync(string citizenId, string category, string? topic, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AsNoTracking()
            .Where(c => c.CitizenId == citizenId && c.ReceivedAt >= since && !Finished.Contains(c.Status))
            .Where(c => topic != null ? c.Topic == topic : c.Category == category && c.Topic == null)
            .OrderByDescending(c => c.ReceivedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The first open case of another citizen about the same topic in the same place since <paramref name="since"/>.</summary>
    public async Task<CaseState?> IncidentRootAsync(string citizenId, string topic, string regionCode, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AsNoTracking()
            .Where(c => c.Topic == topic && c.RegionCode == regionCode && c.CitizenId != citizenId && c.ReceivedAt >= since && !Finished.Contains(c.Status))
            .OrderBy(c => c.ReceivedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    // The batch path's two sketch reads, run for every chunk of posts: compiled once, so EF does not walk the expression
    // again at each run (the list is one parameter, see StorageServiceCollectionExtensions).
    private static readonly CompiledPerModel<Func<CityMatrixDbContext, string[], DateTimeOffset, IAsyncEnumerable<CaseSketch>>> OpenSketchesOfCitizens = new(() =>
        EF.CompileAsyncQuery((CityMatrixDbContext db, string[] citizenIds, DateTimeOffset since) => db.Cases.AsNoTracking()
            .Where(c => citizenIds.Contains(c.CitizenId) && c.ReceivedAt >= since
                && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Rated && c.Status != CaseStatus.Merged)
            .Select(c => new CaseSketch(c.Id, c.CitizenId, c.Category, c.Topic, c.RegionCode, c.ReceivedAt, c.IncidentId))));

    private static readonly CompiledPerModel<Func<CityMatrixDbContext, string[], IAsyncEnumerable<CaseSketch>>> SketchesById = new(() =>
        EF.CompileAsyncQuery((CityMatrixDbContext db, string[] ids) => db.Cases.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new CaseSketch(c.Id, c.CitizenId, c.Category, c.Topic, c.RegionCode, c.ReceivedAt, c.IncidentId))));

    /// <summary>Every open case of these citizens received since <paramref name="since"/> (the batch form of <see cref="OpenCaseOfCitizenAsync"/>).</summary>
    public async Task<IReadOnlyList<CaseSketch>> OpenCasesOfCitizensAsync(IReadOnlyCollection<string> citizenIds, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        if (citizenIds.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sketches = new List<CaseSketch>();
        await foreach (var sketch in OpenSketchesOfCitizens.For(db)(db, [.. citizenIds], since).WithCancellation(cancellationToken)) sketches.Add(sketch);
        return sketches;
    }

    /// <summary>
    /// For each of these topic × place pairs, the first open case since <paramref name="since"/> (the batch form of
    /// <see cref="IncidentRootAsync"/>: that case is the root for every other citizen; its own citizen needs
    /// <see cref="IncidentRootAsync"/>). One indexed look-up per pair (topic, region, received): a GROUP BY over the
    /// window would read every open case of the last 72 hours. The look-up is ONE command run again with each pair's
    /// values, its statement kept compiled (a chunk of posts has up to a hundred pairs; at 5,000 posts/s this statement
    /// was compiled ~500 times a second when each pair was a query of its own). The cases found are then read in one query.
    /// </summary>
    public async Task<IReadOnlyList<CaseSketch>> FirstOpenCasesAsync(
        IReadOnlyCollection<(string Topic, string RegionCode)> places, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        if (places.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var statement = FirstOpenStatements.GetOrAdd(db.Model, _ => FirstOpenStatement.Of(db));
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var (topicValue, regionValue) = statement.Bind(command, since);
        var ids = new List<string>(places.Count);
        foreach (var place in places)
        {
            topicValue.Value = place.Topic;
            regionValue.Value = place.RegionCode;
            // On SQLite through the statement kept with the native connection: compiled once per connection, not per chunk.
            await using var reader = await SqliteStatementCache.ExecuteReaderAsync(command, cancellationToken);
            if (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        }
        if (ids.Count == 0) return [];
        var firsts = new Dictionary<string, CaseSketch>(ids.Count);
        await foreach (var sketch in SketchesById.For(db)(db, [.. ids]).WithCancellation(cancellationToken)) firsts[sketch.Id] = sketch;
        return [.. ids.Select(id => firsts[id])];
    }

    // The first-open look-up as EF writes it, once per model: writing it through EF at every chunk (the expression walk
    // and the SQL generation) was ~1 % of the server's CPU at 5,000 posts/s.
    private static readonly ConcurrentDictionary<IModel, FirstOpenStatement> FirstOpenStatements = new(ReferenceEqualityComparer.Instance);

    /// <summary>The SQL EF writes for the first open case of one topic × place, and how EF binds its parameters.</summary>
    private sealed record FirstOpenStatement(string Sql, (string Name, RelationalTypeMapping Mapping, object? Value)[] Parameters, int Topic, int Region, int Since)
    {
        public static FirstOpenStatement Of(CityMatrixDbContext db)
        {
            string topic = "", region = "";
            var since = DateTimeOffset.UnixEpoch;
            using var command = db.Cases.AsNoTracking()
                .Where(c => c.Topic == topic && c.RegionCode == region && c.ReceivedAt >= since && !Finished.Contains(c.Status))
                .OrderBy(c => c.ReceivedAt)
                .Select(c => c.Id)
                .Take(1)
                .CreateDbCommand();
            var cases = db.Model.FindEntityType(typeof(CaseState))!;
            var named = command.Parameters.Cast<DbParameter>().ToList();
            int IndexOf(string name) => named.FindIndex(p => p.ParameterName.TrimStart('@', ':', '$') == name) is var i and >= 0
                ? i
                : throw new InvalidOperationException($"EF named no parameter '{name}' in: {command.CommandText}");
            var (topicAt, regionAt, sinceAt) = (IndexOf(nameof(topic)), IndexOf(nameof(region)), IndexOf(nameof(since)));
            var mappings = new Dictionary<int, RelationalTypeMapping>
            {
                [topicAt] = cases.FindProperty(nameof(CaseState.Topic))!.GetRelationalTypeMapping(),
                [regionAt] = cases.FindProperty(nameof(CaseState.RegionCode))!.GetRelationalTypeMapping(),
                [sinceAt] = cases.FindProperty(nameof(CaseState.ReceivedAt))!.GetRelationalTypeMapping(),
            };
            // Any other parameter (the row limit) keeps EF's own value, bound with the mapping of its type.
            var parameters = named.Select((p, i) => (p.ParameterName,
                mappings.GetValueOrDefault(i) ?? db.GetService<IRelationalTypeMappingSource>().FindMapping(p.Value!.GetType())!,
                mappings.ContainsKey(i) ? null : p.Value)).ToArray();
            return new FirstOpenStatement(command.CommandText, parameters, topicAt, regionAt, sinceAt);
        }

        /// <summary>Fills <paramref name="command"/> for <paramref name="since"/>; returns the topic and region parameters, set per pair.</summary>
        public (DbParameter Topic, DbParameter Region) Bind(DbCommand command, DateTimeOffset since)
        {
            command.CommandText = Sql;
            for (var i = 0; i < Parameters.Length; i++)
            {
                var (name, mapping, value) = Parameters[i];
                command.Parameters.Add(mapping.CreateParameter(command, name, i == Since ? since : i == Topic || i == Region ? "" : value));
            }
            return (command.Parameters[Topic], command.Parameters[Region]);
        }
    }

    /// <summary>The holding account of each of these cases (those that exist).</summary>
    public async Task<IReadOnlyDictionary<string, string>> HoldersAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken = default)
    {
        if (caseIds.Count == 0) return new Dictionary<string, string>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = caseIds.ToList();
        return await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.AccountId, cancellationToken);
    }

    /// <summary>
    /// Open cases held by the accounts, earliest deadline first (cases without one last, oldest first).
    /// Region codes nest by prefix (district 640104 → street 640104001 → community 640104001002).
    /// </summary>
    public async Task<InboxPage> InboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var accounts = query.AccountIds.ToList();
        var cases = db.Cases.AsNoTracking().Where(c => accounts.Contains(c.AccountId));
        if (query.States is { Count: > 0 } states)
        {
            var wanted = states.ToList();
            cases = cases.Where(c => wanted.Contains(c.Status));
        }
        else
        {
            cases = cases.Where(c => !Finished.Contains(c.Status));
        }
        if (query.DueBefore is { } due) cases = cases.Where(c => c.Deadline != null && c.Deadline <= due);
        if (query.Topic is { } topic) cases = cases.Where(c => c.Topic == topic);
        if (query.RegionPrefix is { } region) cases = cases.Where(c => c.RegionCode != null && c.RegionCode.StartsWith(region));
        var total = await cases.CountAsync(cancellationToken);
        var page = await cases
            .OrderBy(c => c.Deadline == null).ThenBy(c => c.Deadline).ThenBy(c => c.ReceivedAt).ThenBy(c => c.Id)
            .Skip(query.Offset).Take(query.Limit)
            .ToListAsync(cancellationToken);
        return new InboxPage(total, page);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.CountAsync(cancellationToken);
    }
}
